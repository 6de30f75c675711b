/**
 * Config drift of one existing target topic, and what to send about it. Pure.
 *
 * The state topology copy aims at before the seed is the one a freshly created topic would have: the carried
 * configs without the `applyAfterSeed` ones (timestamp limits, LogAppendTime), which would make the target reject or
 * re-stamp the historical records the seed copies. Settings the plan drops (broker ids, removed in Kafka 4, sensitive)
 * are never touched on the target: the target's own value, if any, stays.
 */
import type { TopologyDriftPolicy } from '../config/types.js';
import type { ConfigEntry } from '../inventory/types.js';
import type { ConfigAlteration } from '../kafka/applier-port.js';
import type { CarriedConfig, DroppedConfig } from '../plan/plan-types.js';
import { compareStrings } from '../plan/sorting.js';
import type { ConfigChangeReason } from './events.js';

export interface ConfigDriftItem {
  readonly name: string;
  /** Null: the source does not set it (a target-only setting). */
  readonly sourceValue: string | null;
  /** Null: the target topic does not set it (it inherits the target broker's value). */
  readonly targetValue: string | null;
  /** The carried setting waits for the seed to finish. */
  readonly applyAfterSeed: boolean;
}

export interface PlannedConfigChange {
  readonly alteration: ConfigAlteration;
  /** The target's value before the change (null when it had none). */
  readonly previousValue: string | null;
  readonly reason: ConfigChangeReason;
}

export interface ConfigDiff {
  /** Every difference between the carried settings and the target topic's own ones, by name. */
  readonly drift: ConfigDriftItem[];
  /**
   * `none`: nothing differs; `overwrite`/`keep`/`fail`: the policy applied to a topic that existed before the
   * migration; `reconcile`: a topic this migration created, brought back to the plan.
   */
  readonly action: 'none' | 'overwrite' | 'keep' | 'fail' | 'reconcile';
  /** What to send now, by name. Empty unless `overwrite` or `reconcile`. */
  readonly changes: PlannedConfigChange[];
  /** Differences left as the target has them (`keep`). */
  readonly kept: ConfigDriftItem[];
}

export interface ConfigDiffInput {
  readonly carried: readonly CarriedConfig[];
  readonly dropped: readonly DroppedConfig[];
  /** The target topic's entries, fresh from discovery. */
  readonly targetEntries: readonly ConfigEntry[];
  readonly policy: TopologyDriftPolicy;
  readonly createdByThisMigration: boolean;
}

/** The topic's own settings on the target, the way the planner reads them. */
export function targetTopicValues(entries: readonly ConfigEntry[]): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const entry of entries) {
    if (entry.source === 'DYNAMIC_TOPIC_CONFIG' || entry.source === 'UNKNOWN') values.set(entry.name, entry.value);
  }
  return values;
}

/** The configs a topic is created with: the carried ones, except those applied after the seed. */
export function creationConfigs(carried: readonly CarriedConfig[]): { name: string; value: string }[] {
  return carried.filter((config) => !config.applyAfterSeed).map((config) => ({ name: config.name, value: config.value }));
}

export function diffTopicConfigs(input: ConfigDiffInput): ConfigDiff {
  const target = targetTopicValues(input.targetEntries);
  const carriedByName = new Map(input.carried.map((config) => [config.name, config]));
  const droppedNames = new Set(input.dropped.map((config) => config.name));

  const converging = input.createdByThisMigration || input.policy === 'overwrite_with_source';
  const drift: ConfigDriftItem[] = [];
  for (const config of input.carried) {
    const targetValue = target.get(config.name) ?? null;
    // Converging, a deferred setting the target lacks is exactly the state wanted before the seed.
    if (converging && config.applyAfterSeed && targetValue === null) continue;
    if (targetValue !== config.value) {
      drift.push({ name: config.name, sourceValue: config.value, targetValue, applyAfterSeed: config.applyAfterSeed });
    }
  }
  for (const [name, value] of target) {
    if (!carriedByName.has(name) && !droppedNames.has(name)) drift.push({ name, sourceValue: null, targetValue: value, applyAfterSeed: false });
  }
  drift.sort((a, b) => compareStrings(a.name, b.name));

  if (!converging) {
    if (drift.length === 0) return { drift, action: 'none', changes: [], kept: [] };
    return input.policy === 'keep_target'
      ? { drift, action: 'keep', changes: [], kept: drift }
      : { drift, action: 'fail', changes: [], kept: [] };
  }

  const driftReason: ConfigChangeReason = input.createdByThisMigration ? 'reconcile' : 'drift';
  const changes: PlannedConfigChange[] = [];
  for (const config of input.carried) {
    const previous = target.get(config.name);
    if (!config.applyAfterSeed) {
      if (previous !== config.value) {
        changes.push({ alteration: { name: config.name, op: 'SET', value: config.value }, previousValue: previous ?? null, reason: driftReason });
      }
      continue;
    }
    if (previous === undefined) continue;
    // On a topic this migration created, the planned value can only have come from applyAfterSeedConfigs.
    if (input.createdByThisMigration && previous === config.value) continue;
    const reason: ConfigChangeReason = previous === config.value ? 'before-seed' : driftReason;
    changes.push({ alteration: { name: config.name, op: 'DELETE', value: null }, previousValue: previous, reason });
  }
  for (const [name, value] of target) {
    if (carriedByName.has(name) || droppedNames.has(name)) continue;
    changes.push({ alteration: { name, op: 'DELETE', value: null }, previousValue: value, reason: driftReason });
  }
  changes.sort((a, b) => compareStrings(a.alteration.name, b.alteration.name));
  const action = changes.length === 0 && drift.length === 0 ? 'none' : input.createdByThisMigration ? 'reconcile' : 'overwrite';
  return { drift, action, changes, kept: [] };
}
