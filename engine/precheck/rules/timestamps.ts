/**
 * Record timestamps. A CreateTime target checks every copied record against `message.timestamp.before.max.ms` (and,
 * before Kafka 4.0, `message.timestamp.difference.max.ms`); records older than the limit are refused with
 * INVALID_TIMESTAMP. The oldest record a source topic can hold follows from its retention (B15 sure, W05 possible).
 * A LogAppendTime target replaces the records' timestamps with the copy time (W06).
 */
import type { TopicInventory } from '../../inventory/types.js';
import { finding } from '../codes.js';
import {
  KAFKA_DEFAULTS,
  clusterSubject,
  sourceTopics,
  targetTopicSetting,
  toNumber,
  topicEntry,
  topicNumber,
  type Rule,
  type RuleContext,
} from '../context.js';
import type { Finding } from '../finding.js';
import { formatApproxDuration, listNames, plural } from '../format.js';
import { clusterKafkaVersion, parseKafkaVersion } from '../kafka-version.js';

/** At or above this, a timestamp limit means "no limit" (Long.MAX_VALUE, as JS reads or clamps it). */
export const UNLIMITED_MS = Number.MAX_SAFE_INTEGER;

/** Where a target setting comes from: the target broker, or a topic-level value (carried from the source, or kept). */
type SettingCause =
  | { readonly kind: 'broker'; readonly name: string; readonly value: string }
  | { readonly kind: 'topic'; readonly origin: 'carried' | 'target-topic'; readonly name: string; readonly value: string };

/** How old the oldest record of a source topic can be when the seed reads it (without the seed's own duration). */
export type RecordAgeBound =
  | { readonly kind: 'unbounded'; readonly why: string }
  | { readonly kind: 'bounded'; readonly retentionMs: number; readonly segmentMs: number };

export function sourceRecordAgeBound(context: RuleContext, topic: TopicInventory): RecordAgeBound {
  const policy = topicEntry(topic, 'cleanup.policy')?.value ?? 'delete';
  const policies = policy.split(',').map((item) => item.trim().toLowerCase());
  if (!policies.includes('delete')) return { kind: 'unbounded', why: 'compacted, keeps records of any age' };
  const retentionMs = topicNumber(topic, 'retention.ms') ?? context.inventory.source.limits.logRetentionMs ?? KAFKA_DEFAULTS.retentionMs;
  if (retentionMs < 0) return { kind: 'unbounded', why: 'retention.ms=-1, keeps records of any age' };
  const segmentMs = topicNumber(topic, 'segment.ms') ?? KAFKA_DEFAULTS.segmentMs;
  return { kind: 'bounded', retentionMs, segmentMs };
}

export function sourceTimestampType(context: RuleContext, topic: TopicInventory): string {
  return topicEntry(topic, 'message.timestamp.type')?.value ?? context.inventory.source.limits.logMessageTimestampType ?? KAFKA_DEFAULTS.timestampType;
}

function targetTimestampType(context: RuleContext, topic: TopicInventory): { type: string; cause: SettingCause | undefined } {
  const setting = targetTopicSetting(context, topic, 'message.timestamp.type');
  if (setting !== undefined) {
    return { type: setting.value, cause: { kind: 'topic', origin: setting.origin, name: 'message.timestamp.type', value: setting.value } };
  }
  const broker = context.inventory.target.limits.logMessageTimestampType;
  if (broker !== undefined) return { type: broker, cause: { kind: 'broker', name: 'log.message.timestamp.type', value: broker } };
  return { type: KAFKA_DEFAULTS.timestampType, cause: undefined };
}

/** The tightest limit on how far in the past a copied record may be, and where it comes from. */
function targetPastLimit(context: RuleContext, topic: TopicInventory): { limitMs: number; cause: SettingCause } | undefined {
  const limits = context.inventory.target.limits;
  const version = parseKafkaVersion(clusterKafkaVersion(context.inventory.target));
  const differenceRemoved = version !== undefined && version.major >= 4;
  const candidates: Array<{ limitMs: number; cause: SettingCause }> = [];
  const consider = (topicName: string, brokerName: string, brokerValue: number | undefined): void => {
    const setting = targetTopicSetting(context, topic, topicName);
    const fromTopic = toNumber(setting?.value);
    if (setting !== undefined && fromTopic !== undefined) {
      candidates.push({ limitMs: fromTopic, cause: { kind: 'topic', origin: setting.origin, name: topicName, value: setting.value } });
    } else if (brokerValue !== undefined) {
      candidates.push({ limitMs: brokerValue, cause: { kind: 'broker', name: brokerName, value: String(brokerValue) } });
    }
  };
  consider('message.timestamp.before.max.ms', 'log.message.timestamp.before.max.ms', limits.logMessageTimestampBeforeMaxMs);
  if (!differenceRemoved) {
    consider('message.timestamp.difference.max.ms', 'log.message.timestamp.difference.max.ms', limits.logMessageTimestampDifferenceMaxMs);
  }
  // Kafka's "no limit" is Long.MAX_VALUE; discovery clamps it to Number.MAX_SAFE_INTEGER.
  const finite = candidates.filter((candidate) => candidate.limitMs < UNLIMITED_MS);
  finite.sort((a, b) => a.limitMs - b.limitMs);
  return finite[0];
}

interface TimestampIssue {
  readonly code: 'B15' | 'W05' | 'W06';
  readonly topic: string;
  readonly cause: SettingCause;
  /** For B15/W05: the limit and the age the topic's records can reach. */
  readonly limitMs?: number;
  readonly age?: string;
}

export const timestampRule: Rule = (context) => {
  if (!context.inventory.target.reachable) return [];
  const issues: TimestampIssue[] = [];
  const seedMs = context.seed.durationMs;
  for (const topic of sourceTopics(context)) {
    const target = targetTimestampType(context, topic);
    if (target.type === 'LogAppendTime') {
      if (sourceTimestampType(context, topic) !== 'LogAppendTime' && target.cause !== undefined) {
        issues.push({ code: 'W06', topic: topic.name, cause: target.cause });
      }
      continue; // LogAppendTime: the broker sets the timestamp, the past limits do not apply
    }
    const limit = targetPastLimit(context, topic);
    if (limit === undefined) continue;
    const bound = sourceRecordAgeBound(context, topic);
    if (bound.kind === 'unbounded') {
      issues.push({ code: 'B15', topic: topic.name, cause: limit.cause, limitMs: limit.limitMs, age: bound.why });
      continue;
    }
    if (bound.retentionMs + seedMs > limit.limitMs) {
      issues.push({ code: 'B15', topic: topic.name, cause: limit.cause, limitMs: limit.limitMs, age: `retention ${formatApproxDuration(bound.retentionMs)}` });
    } else if (bound.retentionMs + bound.segmentMs + seedMs > limit.limitMs) {
      issues.push({
        code: 'W05',
        topic: topic.name,
        cause: limit.cause,
        limitMs: limit.limitMs,
        age: `retention ${formatApproxDuration(bound.retentionMs)} + segment ${formatApproxDuration(bound.segmentMs)}`,
      });
    }
  }
  return [...topicFindings(context, issues), ...brokerFindings(context, issues)];
};

function topicFindings(context: RuleContext, issues: readonly TimestampIssue[]): Finding[] {
  const seed = seedNote(context);
  return issues.flatMap((issue) => {
    const cause = issue.cause;
    if (cause.kind !== 'topic') return [];
    const where =
      cause.origin === 'carried'
        ? `source topic ${issue.topic} sets ${cause.name}=${cause.value} itself, and topology copy carries it to the target topic`
        : `existing target topic ${issue.topic} keeps ${cause.name}=${cause.value} (topology.on_config_drift: keep_target)`;
    const fix =
      cause.origin === 'carried'
        ? `remove or raise ${cause.name} on source topic ${issue.topic} for the migration (topology copy carries it), and set it back on the target afterwards`
        : `raise or remove ${cause.name} on target topic ${issue.topic} (kafka-configs --alter), or use topology.on_config_drift: overwrite_with_source`;
    if (issue.code === 'W06') {
      return [
        finding(
          'W06',
          issue.topic,
          `${where}: the target stamps copied records with the time of the copy, replacing the source's CreateTime timestamps`,
          cause.origin === 'carried'
            ? `keep it if the topic is meant to use LogAppendTime; otherwise set message.timestamp.type=CreateTime on the source topic before the migration`
            : `set message.timestamp.type=CreateTime on target topic ${issue.topic}, or use topology.on_config_drift: overwrite_with_source`,
        ),
      ];
    }
    const limit = formatApproxDuration(issue.limitMs ?? 0);
    const verb = issue.code === 'B15' ? 'rejects' : 'may reject';
    return [
      finding(
        issue.code,
        issue.topic,
        `${where}; the target ${verb} copied records older than ${limit} (INVALID_TIMESTAMP), and the topic holds records up to its ${issue.age ?? 'retention'}${seed}`,
        fix,
      ),
    ];
  });
}

function brokerFindings(context: RuleContext, issues: readonly TimestampIssue[]): Finding[] {
  const groups = new Map<string, { code: TimestampIssue['code']; name: string; value: string; limitMs?: number; topics: TimestampIssue[] }>();
  for (const issue of issues) {
    if (issue.cause.kind !== 'broker') continue;
    const key = `${issue.code}\u0000${issue.cause.name}\u0000${issue.cause.value}`;
    const group = groups.get(key) ?? { code: issue.code, name: issue.cause.name, value: issue.cause.value, topics: [], ...(issue.limitMs === undefined ? {} : { limitMs: issue.limitMs }) };
    group.topics.push(issue);
    groups.set(key, group);
  }
  const subject = clusterSubject(context, 'target');
  const seed = seedNote(context);
  return [...groups.values()].map((group) => {
    if (group.code === 'W06') {
      return finding(
        'W06',
        subject,
        `target ${group.name}=${group.value}: ${plural(group.topics.length, 'source topic')} with CreateTime timestamps would get the time of the copy instead: ${listNames(group.topics.map((issue) => issue.topic))}`,
        `set log.message.timestamp.type=CreateTime in the target's MSK configuration, or set message.timestamp.type=CreateTime on those source topics so topology copy carries it`,
      );
    }
    const limit = formatApproxDuration(group.limitMs ?? 0);
    const one = group.topics.length === 1;
    const verb = group.code === 'B15' ? (one ? 'retains' : 'retain') : 'may retain';
    return finding(
      group.code,
      subject,
      `target ${group.name}=${group.value} rejects copied records older than ${limit} (INVALID_TIMESTAMP), but ${plural(group.topics.length, 'selected topic')} ${verb} older records: ${listNames(group.topics.map((issue) => `${issue.topic} (${issue.age ?? 'retention'})`))}${seed}`,
      `raise ${group.name} on the target (MSK configuration or dynamic broker config) above the oldest record age, or to 9223372036854775807 (no limit) for the migration, and restore it afterwards`,
    );
  });
}

function seedNote(context: RuleContext): string {
  return context.seed.durationMs >= 60_000 ? `; the seed adds about ${formatApproxDuration(context.seed.durationMs)} to their age` : '';
}

export const timestampRules: readonly Rule[] = [timestampRule];
