/**
 * Which of a source topic's configs go to the target, and which are dropped and why. The target is KRaft, usually
 * Kafka 4.x, which refuses some settings ZooKeeper-era clusters still carry.
 */
import type { ConfigEntry } from '../inventory/types.js';
import type { KafkaVersion } from './kafka-version.js';
import type { CarriedConfig, DroppedConfig } from './plan-types.js';
import { capMinInsyncReplicas } from './replication.js';
import { compareStrings } from './sorting.js';

export type ConfigEffectCode =
  | 'CONFIG_DROPPED'
  | 'CONFIG_TRANSLATED'
  | 'SENSITIVE_CONFIG_NOT_CARRIED'
  | 'MIN_ISR_CAPPED'
  | 'SEGMENT_BYTES_RAISED'
  | 'APPLY_AFTER_SEED'
  | 'TIERED_STORAGE';

/** Something the builder turns into a plan finding (aggregated over topics by code and config name). */
export interface ConfigEffect {
  readonly code: ConfigEffectCode;
  readonly config: string;
  readonly detail: string;
}

export interface TopicConfigPlan {
  readonly carried: CarriedConfig[];
  readonly dropped: DroppedConfig[];
  readonly effects: ConfigEffect[];
}

/** Settings that name the source's broker ids: meaningless (or harmful) on another cluster. */
const SOURCE_BROKER_SPECIFIC = new Set(['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas']);

/** Settings that make the target reject or rewrite historical records while the seed copies them. */
const TIMESTAMP_LIMITS = new Set([
  'message.timestamp.difference.max.ms',
  'message.timestamp.before.max.ms',
  'message.timestamp.after.max.ms',
]);

/** Kafka 4.0 refuses a topic `segment.bytes` below 1 MiB (KIP-1030); 3.x accepted down to 14 bytes. */
export const KAFKA4_MIN_SEGMENT_BYTES = 1024 * 1024;

const TOPIC_SOURCES = new Set<ConfigEntry['source']>(['DYNAMIC_TOPIC_CONFIG', 'UNKNOWN']);
const BROKER_DEFAULT_SOURCES = new Set<ConfigEntry['source']>(['DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG']);

export function planTopicConfigs(
  entries: readonly ConfigEntry[],
  targetVersion: KafkaVersion,
  targetReplicationFactor: number,
): TopicConfigPlan {
  const carried: CarriedConfig[] = [];
  const dropped: DroppedConfig[] = [];
  const effects: ConfigEffect[] = [];
  const kafka4 = targetVersion.major >= 4;
  const byName = new Map<string, ConfigEntry>();
  for (const entry of [...entries].sort(compareEntries)) {
    if (!byName.has(entry.name)) byName.set(entry.name, entry);
  }

  const carry = (name: string, value: string, note: string | null = null): void => {
    const afterSeed =
      TIMESTAMP_LIMITS.has(name) || (name === 'message.timestamp.type' && value === 'LogAppendTime');
    carried.push({ name, value, applyAfterSeed: afterSeed, note });
    if (afterSeed) {
      effects.push({
        code: 'APPLY_AFTER_SEED',
        config: name,
        detail: 'would make the target reject or re-stamp the historical records the seed copies',
      });
    }
  };
  const drop = (entry: ConfigEntry, reason: string, code: ConfigEffectCode | null = 'CONFIG_DROPPED'): void => {
    dropped.push({ name: entry.name, value: entry.value, reason });
    if (code !== null) effects.push({ code, config: entry.name, detail: reason });
  };

  for (const entry of byName.values()) {
    const { name, value } = entry;
    if (!TOPIC_SOURCES.has(entry.source) && !BROKER_DEFAULT_SOURCES.has(entry.source)) {
      drop(entry, `not a topic setting (source ${entry.source})`, null);
      continue;
    }
    if (entry.sensitive || value === null) {
      drop(
        entry,
        'sensitive: the source broker does not return its value, so it cannot be copied; set it on the target yourself',
        'SENSITIVE_CONFIG_NOT_CARRIED',
      );
      continue;
    }
    if (SOURCE_BROKER_SPECIFIC.has(name)) {
      drop(entry, "names the source cluster's broker ids; replication throttles do not carry over to another cluster");
      continue;
    }
    if (name === 'message.format.version') {
      drop(
        entry,
        kafka4
          ? 'removed in Kafka 4.0 (KIP-724): the target refuses it'
          : 'ignored since Kafka 3.0 (record format v2 is always written) and deprecated; not carried',
      );
      continue;
    }
    if (name === 'message.downconversion.enable' && kafka4) {
      drop(entry, 'removed in Kafka 4.0 (down-conversion for old clients is gone): the target refuses it');
      continue;
    }
    if (name === 'message.timestamp.difference.max.ms' && kafka4) {
      const translated: string[] = [];
      for (const replacement of ['message.timestamp.before.max.ms', 'message.timestamp.after.max.ms']) {
        if (!byName.has(replacement)) {
          carry(replacement, value, `translated from message.timestamp.difference.max.ms=${value} (same limit)`);
          translated.push(replacement);
        }
      }
      const where = translated.length === 0 ? 'the topic already sets its replacements' : `carried as ${translated.join(' and ')}`;
      drop(entry, `removed in Kafka 4.0 (KIP-937): the target refuses it; ${where}`, 'CONFIG_TRANSLATED');
      continue;
    }
    if (name === 'min.insync.replicas') {
      const parsed = Number(value);
      if (Number.isSafeInteger(parsed) && parsed > targetReplicationFactor) {
        const capped = capMinInsyncReplicas(parsed, targetReplicationFactor);
        carry(name, String(capped), `capped from ${value} to the target replication factor ${targetReplicationFactor}`);
        effects.push({
          code: 'MIN_ISR_CAPPED',
          config: name,
          detail: `${value} is above the target replication factor ${targetReplicationFactor}: capped to ${capped}`,
        });
        continue;
      }
    }
    if (name === 'segment.bytes' && kafka4) {
      const parsed = Number(value);
      if (Number.isSafeInteger(parsed) && parsed < KAFKA4_MIN_SEGMENT_BYTES) {
        carry(name, String(KAFKA4_MIN_SEGMENT_BYTES), `raised from ${value}: Kafka 4.0 refuses segment.bytes below ${KAFKA4_MIN_SEGMENT_BYTES}`);
        effects.push({
          code: 'SEGMENT_BYTES_RAISED',
          config: name,
          detail: `${value} is below Kafka 4's minimum segment.bytes: the target topic gets ${KAFKA4_MIN_SEGMENT_BYTES} (log segments roll, compact and expire in larger steps)`,
        });
        continue;
      }
    }
    if (name === 'remote.storage.enable' && value === 'true') {
      effects.push({
        code: 'TIERED_STORAGE',
        config: name,
        detail: 'tiered storage: the reported size covers only the local log, and the target must support tiered storage',
      });
    }
    const note = BROKER_DEFAULT_SOURCES.has(entry.source)
      ? `inherited from the source's broker-level setting (${entry.source}); pinned on the target topic so it behaves the same`
      : null;
    carry(name, value, note);
  }

  carried.sort((a, b) => compareStrings(a.name, b.name));
  dropped.sort((a, b) => compareStrings(a.name, b.name));
  return { carried, dropped, effects };
}

/** Topic-level entries first, so a duplicate name keeps the most specific one. */
function compareEntries(a: ConfigEntry, b: ConfigEntry): number {
  const rank = (entry: ConfigEntry): number => (TOPIC_SOURCES.has(entry.source) ? 0 : BROKER_DEFAULT_SOURCES.has(entry.source) ? 1 : 2);
  return compareStrings(a.name, b.name) || rank(a) - rank(b) || compareStrings(a.source, b.source) || compareStrings(a.value ?? '', b.value ?? '');
}
