/**
 * The broker settings for the target's MSK configuration (`aws kafka create-configuration` in aws-cli.sh), carried
 * from the source's broker limits. Settings that would reject or re-stamp the historical records the seed copies are
 * withheld, with the reason, for the operator to set after the migration.
 */
import type { BrokerLimits, TopicInventory } from '../inventory/types.js';
import type { TargetBrokerSettings } from './plan-types.js';
import { capMinInsyncReplicas } from './replication.js';

/** Kafka's "no limit" for the timestamp settings is Long.MAX_VALUE, which a JS number cannot hold exactly. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

export function planTargetBrokerSettings(
  limits: BrokerLimits,
  sourceTopics: readonly TopicInventory[],
  targetBrokerCount: number | null,
): TargetBrokerSettings {
  const properties: TargetBrokerSettings['properties'] = [];
  const withheld: TargetBrokerSettings['withheld'] = [];
  const unknown: string[] = [];

  properties.push({
    name: 'auto.create.topics.enable',
    value: 'false',
    why: "topology copy creates every topic with the source's partitions and configs; an auto-created topic would get broker defaults",
  });

  if (limits.messageMaxBytes === undefined) unknown.push('message.max.bytes');
  else properties.push({ name: 'message.max.bytes', value: String(limits.messageMaxBytes), why: "the source's limit, so every copied batch fits" });

  let largestTopicMax = 0;
  for (const topic of sourceTopics) {
    for (const entry of topic.configs) {
      const value = entry.name === 'max.message.bytes' && entry.value !== null ? Number(entry.value) : NaN;
      if (Number.isSafeInteger(value) && value > largestTopicMax) largestTopicMax = value;
    }
  }
  const fetchCandidates = [limits.replicaFetchMaxBytes, limits.messageMaxBytes, largestTopicMax > 0 ? largestTopicMax : undefined].filter(
    (value): value is number => value !== undefined,
  );
  if (fetchCandidates.length === 0) unknown.push('replica.fetch.max.bytes');
  else {
    properties.push({
      name: 'replica.fetch.max.bytes',
      value: String(Math.max(...fetchCandidates)),
      why: "at least message.max.bytes and the largest topic max.message.bytes, so followers can replicate every batch",
    });
  }

  if (limits.defaultReplicationFactor === undefined) unknown.push('default.replication.factor');
  const defaultRf =
    limits.defaultReplicationFactor === undefined
      ? undefined
      : targetBrokerCount === null
        ? limits.defaultReplicationFactor
        : Math.max(1, Math.min(limits.defaultReplicationFactor, targetBrokerCount));
  if (defaultRf !== undefined) {
    properties.push({
      name: 'default.replication.factor',
      value: String(defaultRf),
      why:
        defaultRf === limits.defaultReplicationFactor
          ? "the source's default"
          : `the source's default ${limits.defaultReplicationFactor}, capped by the target's ${targetBrokerCount} brokers`,
    });
  }

  if (limits.minInsyncReplicas === undefined) unknown.push('min.insync.replicas');
  else {
    const value = defaultRf === undefined ? limits.minInsyncReplicas : capMinInsyncReplicas(limits.minInsyncReplicas, defaultRf);
    properties.push({
      name: 'min.insync.replicas',
      value: String(value),
      why:
        value === limits.minInsyncReplicas
          ? "the source's value"
          : `the source's ${limits.minInsyncReplicas}, capped by the default replication factor ${defaultRf}`,
    });
  }

  if (limits.logRetentionMs === undefined) unknown.push('log.retention.ms');
  else {
    properties.push({
      name: 'log.retention.ms',
      value: String(limits.logRetentionMs),
      why: "topics without their own retention.ms keep the source's retention (MSK's default is 7 days)",
    });
  }

  if (limits.logMessageTimestampType === 'LogAppendTime') {
    withheld.push({
      name: 'log.message.timestamp.type',
      value: 'LogAppendTime',
      reason: 'the target would re-stamp every copied record with the copy time; set it after finalize if clients need it',
    });
  }
  const timestampLimits: Array<[string, number | undefined]> = [
    ['log.message.timestamp.difference.max.ms', limits.logMessageTimestampDifferenceMaxMs],
    ['log.message.timestamp.before.max.ms', limits.logMessageTimestampBeforeMaxMs],
    ['log.message.timestamp.after.max.ms', limits.logMessageTimestampAfterMaxMs],
  ];
  for (const [name, value] of timestampLimits) {
    if (value === undefined || value >= UNLIMITED) continue;
    withheld.push({
      name,
      value: String(value),
      reason:
        'the target would reject copied records older than the limit; set it after finalize' +
        (name === 'log.message.timestamp.difference.max.ms'
          ? ' (on Kafka 4.x as log.message.timestamp.before.max.ms and .after.max.ms: 4.0 no longer knows the old name)'
          : ''),
    });
  }

  return { properties, withheld, unknown: unknown.sort() };
}
