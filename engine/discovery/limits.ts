/** The broker settings precheck and plan compare, read from one broker's DescribeConfigs entries. */
import type { BrokerLimits, ConfigEntry, MetadataMode } from '../inventory/types.js';

function valueOf(entries: readonly ConfigEntry[], name: string): string | undefined {
  const value = entries.find((entry) => entry.name === name)?.value;
  return value === null || value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(entries: readonly ConfigEntry[], name: string): number | undefined {
  const value = valueOf(entries, name);
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  // Kafka's "no limit" is Long.MAX_VALUE (9223372036854775807): kept as Number.MAX_SAFE_INTEGER, which every
  // comparison treats the same way, instead of a rounded double.
  const big = BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (big < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(big);
}

function bool(entries: readonly ConfigEntry[], name: string): boolean | undefined {
  const value = valueOf(entries, name)?.toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** `log.retention.ms`, else `log.retention.minutes`, else `log.retention.hours`, as Kafka resolves them. */
function retentionMs(entries: readonly ConfigEntry[]): number | undefined {
  const ms = integer(entries, 'log.retention.ms');
  if (ms !== undefined) return ms;
  const minutes = integer(entries, 'log.retention.minutes');
  if (minutes !== undefined) return minutes < 0 ? -1 : minutes * 60_000;
  const hours = integer(entries, 'log.retention.hours');
  if (hours !== undefined) return hours < 0 ? -1 : hours * 3_600_000;
  return undefined;
}

export function brokerLimits(entries: readonly ConfigEntry[]): BrokerLimits {
  const zookeeperConnect = valueOf(entries, 'zookeeper.connect');
  const limits: BrokerLimits = {
    messageMaxBytes: integer(entries, 'message.max.bytes'),
    replicaFetchMaxBytes: integer(entries, 'replica.fetch.max.bytes'),
    autoCreateTopicsEnable: bool(entries, 'auto.create.topics.enable'),
    defaultReplicationFactor: integer(entries, 'default.replication.factor'),
    minInsyncReplicas: integer(entries, 'min.insync.replicas'),
    logMessageTimestampType: valueOf(entries, 'log.message.timestamp.type'),
    logMessageTimestampBeforeMaxMs: integer(entries, 'log.message.timestamp.before.max.ms'),
    logMessageTimestampAfterMaxMs: integer(entries, 'log.message.timestamp.after.max.ms'),
    logMessageTimestampDifferenceMaxMs: integer(entries, 'log.message.timestamp.difference.max.ms'),
    logRetentionMs: retentionMs(entries),
    zookeeperConnect,
    processRoles: valueOf(entries, 'process.roles'),
    interBrokerProtocolVersion: zookeeperConnect === undefined ? undefined : valueOf(entries, 'inter.broker.protocol.version'),
  };
  // Leave unknown keys out rather than present-but-undefined, so the JSON inventory stays small and stable.
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as BrokerLimits;
}

/** KRaft when `process.roles` is set, ZooKeeper when `zookeeper.connect` is set, else unknown. */
export function metadataModeOfLimits(limits: BrokerLimits): MetadataMode {
  if (limits.processRoles !== undefined) return 'KRAFT';
  if (limits.zookeeperConnect !== undefined) return 'ZOOKEEPER';
  return 'UNKNOWN';
}
