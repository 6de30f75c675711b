/**
 * What every precheck rule reads: the inventory, the config, the probe results and a few derived values, plus helpers
 * that answer "what will this setting be on the target" the same way for every rule.
 */
import type { MigrationConfig } from '../config/types.js';
import type { ClusterInventory, ConfigEntry, GroupInventory, Inventory, TopicInventory } from '../inventory/types.js';
import type { Finding } from './finding.js';
import type { Probes } from './probe-types.js';
import type { SeedEstimate } from './seed-estimate.js';

export type Role = 'source' | 'target';

export interface RuleContext {
  readonly inventory: Inventory;
  readonly config: MigrationConfig;
  readonly probes: Probes;
  readonly seed: SeedEstimate;
  /** Target topics by name. */
  readonly targetTopics: ReadonlyMap<string, TopicInventory>;
  /** Target groups by id. */
  readonly targetGroups: ReadonlyMap<string, GroupInventory>;
}

export type Rule = (context: RuleContext) => Finding[];

/** Kafka's defaults, used when neither the topic nor the broker reported a value. */
export const KAFKA_DEFAULTS = {
  messageMaxBytes: 1_048_588,
  replicaFetchMaxBytes: 1_048_576,
  retentionMs: 604_800_000,
  segmentMs: 604_800_000,
  timestampType: 'CreateTime',
} as const;

/** The cluster ARN, else `bootstrap:host:port,...`: the subject of a cluster's findings. */
export function clusterSubject(context: RuleContext, role: Role): string {
  const cluster = context.inventory[role];
  const arn = cluster.controlPlane?.arn ?? context.config[role].clusterArn;
  if (arn !== undefined) return arn;
  const servers = cluster.bootstrapServers.length > 0 ? cluster.bootstrapServers : context.config[role].bootstrapServers;
  return servers.length > 0 ? `bootstrap:${servers.join(',')}` : `${role} cluster`;
}

/** `source cluster testbed-source-zk` or `source cluster` when the control plane gave no name. */
export function clusterLabel(cluster: ClusterInventory): string {
  const name = cluster.controlPlane?.name;
  return name === undefined || name === '' ? `${cluster.role} cluster` : `${cluster.role} cluster ${name}`;
}

/** A topic's config entry with a value (sensitive or null entries count as absent). */
export function topicEntry(topic: TopicInventory, name: string): ConfigEntry | undefined {
  return topic.configs.find((entry) => entry.name === name && entry.value !== null);
}

/** A topic's numeric config value, from any config source the inventory kept (topic, or dynamic broker defaults). */
export function topicNumber(topic: TopicInventory, name: string): number | undefined {
  return toNumber(topicEntry(topic, name)?.value);
}

/** Set on the topic itself (DYNAMIC_TOPIC_CONFIG): topology copy carries it to the target topic. */
export function topicOwnEntry(topic: TopicInventory, name: string): ConfigEntry | undefined {
  const found = topicEntry(topic, name);
  return found?.source === 'DYNAMIC_TOPIC_CONFIG' ? found : undefined;
}

export function toNumber(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * Where a topic-level setting on the target topic will come from, when it comes from a topic at all:
 * `carried` = the source topic's own setting, copied by topology copy; `target-topic` = the existing target topic keeps
 * its own (topology.on_config_drift = keep_target). Undefined: the target topic inherits the target broker's value.
 */
export interface TargetTopicSetting {
  readonly value: string;
  readonly origin: 'carried' | 'target-topic';
}

export function targetTopicSetting(context: RuleContext, sourceTopic: TopicInventory, name: string): TargetTopicSetting | undefined {
  const existing = context.targetTopics.get(sourceTopic.name);
  if (existing !== undefined && context.config.topology.onConfigDrift === 'keep_target') {
    const own = topicOwnEntry(existing, name);
    return own?.value == null ? undefined : { value: own.value, origin: 'target-topic' };
  }
  const carried = topicOwnEntry(sourceTopic, name);
  return carried?.value == null ? undefined : { value: carried.value, origin: 'carried' };
}

/** Source topics in name order (the inventory's order is discovery's business). */
export function sourceTopics(context: RuleContext): TopicInventory[] {
  return [...context.inventory.source.topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Target data-plane facts are only meaningful when the target answered. */
export function targetReachable(context: RuleContext): boolean {
  return context.inventory.target.reachable;
}
