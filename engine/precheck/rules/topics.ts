/**
 * Topics: target topics in the way (B13 with data, B14 different partition count), offline source partitions (B19),
 * replication factors the target cannot hold (W01, B20 when that breaks min.insync.replicas), and a target that lets
 * clients create topics on their own (W07).
 */
import type { TopicInventory } from '../../inventory/types.js';
import { finding } from '../codes.js';
import { clusterSubject, sourceTopics, targetTopicSetting, toNumber, type Rule, type RuleContext } from '../context.js';
import type { Finding } from '../finding.js';
import { listNames, plural } from '../format.js';

function recordCount(topic: TopicInventory): number {
  return topic.partitions.reduce((sum, partition) => sum + Math.max(0, partition.endOffset - partition.logStartOffset), 0);
}

export const existingTargetTopicRule: Rule = (context) => {
  const findings: Finding[] = [];
  for (const topic of sourceTopics(context)) {
    const existing = context.targetTopics.get(topic.name);
    if (existing === undefined) continue;
    const records = recordCount(existing);
    if (records > 0) {
      const partitions = existing.partitions.filter((partition) => partition.endOffset > partition.logStartOffset).length;
      findings.push(
        finding(
          'B13',
          topic.name,
          `topic ${topic.name} already exists on the target with ${plural(records, 'record')} in ${plural(partitions, 'partition')}; the seed copies into empty topics only`,
          `if those records are not needed, delete the target topic (topology copy recreates it); otherwise exclude ${topic.name} with topics.exclude`,
        ),
      );
    }
    if (existing.partitions.length !== topic.partitions.length) {
      findings.push(
        finding(
          'B14',
          topic.name,
          `topic ${topic.name} already exists on the target with ${plural(existing.partitions.length, 'partition')}; the source has ${topic.partitions.length} (partitions are copied 1:1)`,
          `delete target topic ${topic.name} so topology copy recreates it with ${topic.partitions.length} partitions, or exclude it with topics.exclude`,
        ),
      );
    }
  }
  return findings;
};

export const offlinePartitionRule: Rule = (context) => {
  if (!context.inventory.source.reachable) return [];
  return sourceTopics(context).flatMap((topic) => {
    const offline = topic.partitions.filter((partition) => partition.leader < 0).map((partition) => partition.partition).sort((a, b) => a - b);
    if (offline.length === 0) return [];
    return [
      finding(
        'B19',
        topic.name,
        `${plural(offline.length, 'partition')} of source topic ${topic.name} ${offline.length === 1 ? 'has' : 'have'} no leader (offline): ${listNames(offline.map(String), 10)}; the seed cannot read ${offline.length === 1 ? 'it' : 'them'}`,
        `bring the replicas of ${topic.name} back online (check the brokers in its replica list), or exclude the topic with topics.exclude`,
      ),
    ];
  });
};

/** Brokers the target has: from the brokers themselves when reachable, else the control plane. */
export function targetBrokerCount(context: RuleContext): number | undefined {
  const target = context.inventory.target;
  if (target.reachable && target.brokers.length > 0) return target.brokers.length;
  return target.controlPlane?.brokerCount;
}

export const replicationCapRule: Rule = (context) => {
  const brokers = targetBrokerCount(context);
  if (brokers === undefined || brokers <= 0) return [];
  const capped = sourceTopics(context).filter((topic) => topic.replicationFactor > brokers);
  if (capped.length === 0) return [];
  const findings: Finding[] = [
    finding(
      'W01',
      clusterSubject(context, 'target'),
      `the target has ${plural(brokers, 'broker')}: ${plural(capped.length, 'topic')} will get replication factor ${brokers} instead of the source's: ${listNames(capped.map((topic) => `${topic.name} (RF ${topic.replicationFactor})`))}`,
      `add brokers to the target (at least ${Math.max(...capped.map((topic) => topic.replicationFactor))}) before the migration if you need the source's durability; otherwise accept the lower replication factor`,
    ),
  ];
  const defaultMinIsr = context.inventory.target.limits.minInsyncReplicas ?? 1;
  for (const topic of capped) {
    const setting = targetTopicSetting(context, topic, 'min.insync.replicas');
    const minIsr = toNumber(setting?.value) ?? defaultMinIsr;
    if (minIsr <= brokers) continue;
    findings.push(
      finding(
        'B20',
        topic.name,
        `topic ${topic.name} would get replication factor ${brokers} on the target but min.insync.replicas=${minIsr}${setting === undefined ? ' (target broker default)' : ''}: every acks=all write, the seed's included, would fail with NOT_ENOUGH_REPLICAS`,
        `add brokers to the target (at least ${minIsr}), or lower min.insync.replicas to ${brokers} for ${topic.name}${setting?.origin === 'carried' ? ' on the source topic (topology copy carries it)' : ' on the target'}`,
      ),
    );
  }
  return findings;
};

export const autoCreateTopicsRule: Rule = (context) => {
  if (!context.inventory.target.reachable || context.inventory.target.limits.autoCreateTopicsEnable !== true) return [];
  return [
    finding(
      'W07',
      clusterSubject(context, 'target'),
      'auto.create.topics.enable=true on the target: a client that touches a topic before topology copy creates it with default partitions and settings',
      "set auto.create.topics.enable=false in the target's MSK configuration (at least until cutover), and keep clients off the target until then",
    ),
  ];
};

export const topicRules: readonly Rule[] = [existingTargetTopicRule, offlinePartitionRule, replicationCapRule, autoCreateTopicsRule];
