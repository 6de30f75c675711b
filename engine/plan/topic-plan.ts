/** One source topic's plan: partitions and sizes, replication on the target, configs, and what the target already has. */
import type { TopologyDriftPolicy } from '../config/types.js';
import type { ConfigEntry, TopicInventory } from '../inventory/types.js';
import { planTopicConfigs, type ConfigEffect } from './carried-configs.js';
import type { KafkaVersion } from './kafka-version.js';
import type { CarriedConfig, ConfigDrift, PlannedPartition, PlannedTopic, TargetTopicState } from './plan-types.js';
import { planReplication } from './replication.js';
import { compareStrings } from './sorting.js';

export interface TopicPlanContext {
  readonly targetVersion: KafkaVersion;
  readonly targetBrokers: number | null;
  readonly segmentMaxBytes: number;
  readonly onConfigDrift: TopologyDriftPolicy;
  /** Mean bytes per record over partitions of known size: sizes unknown partitions are estimated with. */
  readonly meanBytesPerRecord: number;
}

export interface TopicPlanResult {
  readonly topic: PlannedTopic;
  readonly effects: ConfigEffect[];
  /** Bytes of the topic's partitions, unknown sizes estimated from their records. */
  readonly bytesEstimated: number;
}

export function recordsIn(topic: TopicInventory): number {
  let records = 0;
  for (const partition of topic.partitions) records += Math.max(0, partition.endOffset - partition.logStartOffset);
  return records;
}

export function segmentsFor(bytes: number, records: number, segmentMaxBytes: number): number {
  if (records === 0 && bytes === 0) return 0;
  return Math.max(1, Math.ceil(bytes / segmentMaxBytes));
}

export function planTopic(source: TopicInventory, target: TopicInventory | undefined, context: TopicPlanContext): TopicPlanResult {
  let bytesEstimated = 0;
  let sizeBytes: number | null = 0;
  let segments = 0;
  let records = 0;
  const partitions: PlannedPartition[] = [...source.partitions]
    .sort((a, b) => a.partition - b.partition)
    .map((partition) => {
      const recordsToCopy = Math.max(0, partition.endOffset - partition.logStartOffset);
      const size = partition.sizeBytes ?? null;
      const bytes = size ?? Math.round(recordsToCopy * context.meanBytesPerRecord);
      const estimatedSegments = segmentsFor(bytes, recordsToCopy, context.segmentMaxBytes);
      bytesEstimated += bytes;
      segments += estimatedSegments;
      records += recordsToCopy;
      sizeBytes = size === null || sizeBytes === null ? null : sizeBytes + size;
      return {
        partition: partition.partition,
        logStartOffset: partition.logStartOffset,
        endOffset: partition.endOffset,
        recordsToCopy,
        sizeBytes: size,
        estimatedSegments,
      };
    });

  const replication =
    target === undefined
      ? planReplication(source.replicationFactor, context.targetBrokers)
      : { source: source.replicationFactor, target: target.replicationFactor, capped: false };
  const configs = planTopicConfigs(source.configs, context.targetVersion, replication.target);

  return {
    topic: {
      name: source.name,
      action: target === undefined ? 'create' : 'exists',
      partitionCount: partitions.length,
      replication,
      recordsToCopy: records,
      sizeBytes,
      estimatedSegments: segments,
      configs: { carried: configs.carried, dropped: configs.dropped },
      target: target === undefined ? null : targetState(target, configs.carried, context.onConfigDrift),
      partitions,
    },
    effects: configs.effects,
    bytesEstimated,
  };
}

function targetState(target: TopicInventory, carried: readonly CarriedConfig[], policy: TopologyDriftPolicy): TargetTopicState {
  const configDrift = driftBetween(carried, target.configs);
  return {
    partitionCount: target.partitions.length,
    replicationFactor: target.replicationFactor,
    records: recordsIn(target),
    configDrift,
    onDrift: configDrift.length === 0 ? 'none' : policy === 'overwrite_with_source' ? 'overwrite' : policy === 'keep_target' ? 'keep' : 'fail',
  };
}

/** Carried values the target topic does not have, and topic-level target settings the source does not carry. */
function driftBetween(carried: readonly CarriedConfig[], targetEntries: readonly ConfigEntry[]): ConfigDrift[] {
  const targetValues = new Map<string, string | null>();
  for (const entry of targetEntries) {
    if (entry.source === 'DYNAMIC_TOPIC_CONFIG' || entry.source === 'UNKNOWN') targetValues.set(entry.name, entry.value);
  }
  const drift: ConfigDrift[] = [];
  const carriedNames = new Set<string>();
  for (const config of carried) {
    carriedNames.add(config.name);
    const targetValue = targetValues.get(config.name) ?? null;
    if (targetValue !== config.value) drift.push({ name: config.name, sourceValue: config.value, targetValue });
  }
  for (const [name, value] of targetValues) {
    if (!carriedNames.has(name)) drift.push({ name, sourceValue: null, targetValue: value });
  }
  return drift.sort((a, b) => compareStrings(a.name, b.name));
}
