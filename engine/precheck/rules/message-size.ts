/**
 * Record size: a target that would refuse the source's largest records (B11 message.max.bytes, B12
 * replica.fetch.max.bytes), or whose limits the brokers did not report (W04).
 */
import type { TopicInventory } from '../../inventory/types.js';
import { finding } from '../codes.js';
import {
  KAFKA_DEFAULTS,
  clusterSubject,
  sourceTopics,
  targetReachable,
  targetTopicSetting,
  toNumber,
  topicNumber,
  type Rule,
  type RuleContext,
} from '../context.js';
import type { Finding } from '../finding.js';
import { listNames, plural } from '../format.js';

/** A source topic's effective max.message.bytes: its own (or cluster-level dynamic) value, else the source broker's. */
export function sourceMaxMessageBytes(context: RuleContext, topic: TopicInventory): number {
  return topicNumber(topic, 'max.message.bytes') ?? context.inventory.source.limits.messageMaxBytes ?? KAFKA_DEFAULTS.messageMaxBytes;
}

export const messageMaxBytesRule: Rule = (context) => {
  if (!targetReachable(context)) return [];
  const findings: Finding[] = [];
  const brokerLimit = context.inventory.target.limits.messageMaxBytes;
  const short: Array<{ topic: string; bytes: number }> = [];
  for (const topic of sourceTopics(context)) {
    const needed = sourceMaxMessageBytes(context, topic);
    const setting = targetTopicSetting(context, topic, 'max.message.bytes');
    if (setting?.origin === 'carried') continue; // the target topic gets the source topic's own limit
    if (setting?.origin === 'target-topic') {
      const limit = toNumber(setting.value);
      if (limit !== undefined && limit < needed) {
        findings.push(
          finding(
            'B11',
            topic.name,
            `existing target topic ${topic.name} keeps max.message.bytes=${limit} (topology.on_config_drift: keep_target), below the source's effective ${needed}`,
            `raise max.message.bytes on target topic ${topic.name} to at least ${needed} (kafka-configs --alter --entity-type topics), or use topology.on_config_drift: overwrite_with_source`,
          ),
        );
      }
      continue;
    }
    if (brokerLimit !== undefined && brokerLimit < needed) short.push({ topic: topic.name, bytes: needed });
  }
  if (short.length > 0 && brokerLimit !== undefined) {
    short.sort((a, b) => b.bytes - a.bytes || (a.topic < b.topic ? -1 : 1));
    const largest = short[0];
    if (largest !== undefined) {
      findings.push(
        finding(
          'B11',
          clusterSubject(context, 'target'),
          `target message.max.bytes=${brokerLimit} is below the largest source topic's effective max.message.bytes (${largest.topic}: ${largest.bytes}); ${plural(short.length, 'topic')} without a topic-level max.message.bytes would refuse records: ${listNames(short.map((item) => item.topic))}`,
          `set message.max.bytes ≥ ${largest.bytes} in the target's MSK configuration (or as a dynamic broker config), or set max.message.bytes on those source topics so topology copy carries it`,
        ),
      );
    }
  }
  return findings;
};

/** Offset (8) and size (4) in front of every batch: in max.message.bytes, not in replica.fetch.max.bytes. */
export const LOG_OVERHEAD_BYTES = 12;

export const replicaFetchMaxBytesRule: Rule = (context) => {
  if (!targetReachable(context)) return [];
  const limit = context.inventory.target.limits.replicaFetchMaxBytes;
  if (limit === undefined) return [];
  let largest: { topic: string; bytes: number } | undefined;
  for (const topic of sourceTopics(context)) {
    // Replication is broker-wide: a topic-level limit carried to the target does not lift it.
    const bytes = sourceMaxMessageBytes(context, topic);
    if (largest === undefined || bytes > largest.bytes) largest = { topic: topic.name, bytes };
  }
  // max.message.bytes counts the 12-byte log overhead that replica.fetch.max.bytes does not (1048588 vs 1048576 by default).
  if (largest === undefined || limit + LOG_OVERHEAD_BYTES >= largest.bytes) return [];
  return [
    finding(
      'B12',
      clusterSubject(context, 'target'),
      `target replica.fetch.max.bytes=${limit} is below the largest source topic's effective max.message.bytes (${largest.topic}: ${largest.bytes}); followers would replicate records that large slowly or not at all`,
      `set replica.fetch.max.bytes ≥ ${largest.bytes} in the target's MSK configuration (or as a dynamic broker config)`,
    ),
  ];
};

export const messageSizeFloorRule: Rule = (context) => {
  if (!targetReachable(context)) return [];
  const limits = context.inventory.target.limits;
  if (limits.messageMaxBytes !== undefined && limits.replicaFetchMaxBytes !== undefined) return [];
  return [
    finding(
      'W04',
      clusterSubject(context, 'target'),
      'could not verify target message-size floor (target broker DescribeConfigs returned no message.max.bytes or replica.fetch.max.bytes (dynamic-config only on this broker))',
      "ensure target `message.max.bytes` and `replica.fetch.max.bytes` ≥ largest source topic's effective max.message.bytes",
    ),
  ];
};

export const messageSizeRules: readonly Rule[] = [messageMaxBytesRule, replicaFetchMaxBytesRule, messageSizeFloorRule];
