/**
 * Inputs for precheck tests: a valid config (parsed from YAML, so it has the real normalized shape), a healthy
 * inventory of a ZooKeeper source and a KRaft target that produces no blocker, and passing probes. Each builder
 * takes a mutator that edits a deep copy.
 */
import { parseConfig, type MigrationConfig } from '../../../engine/config/index.js';
import type { ClusterInventory, ConfigEntry, Inventory, PartitionInventory, TopicInventory } from '../../../engine/inventory/types.js';
import { evaluatePrecheck, type Finding, type PrecheckReport, type Probes } from '../../../engine/precheck/index.js';

export type DeepMutable<T> = T extends (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

export const SOURCE_ARN = 'arn:aws:kafka:us-east-1:111122223333:cluster/source-zk/11111111-2222-3333-4444-555555555555-1';
export const TARGET_ARN = 'arn:aws:kafka:us-east-1:111122223333:cluster/target-kraft/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-2';
export const KMS_KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/0b7d5c55-1111-4222-8333-944445555666';
export const PASSWORD = 'pw-Zk7#qLm!9vR2';
export const ENV = { SCRAM_USERNAME: 'svc-migrator', SCRAM_PASSWORD: PASSWORD };

const CONFIG_YAML = `enterprise:
  msk_kraft_migration:
    source:
      cluster_arn: ${SOURCE_ARN}
      auth:
        mode: scram-sha-512
        username: \${SCRAM_USERNAME}
        password: \${SCRAM_PASSWORD}
      tls:
        enabled: true
    target:
      cluster_arn: ${TARGET_ARN}
      auth:
        mode: scram-sha-512
        username: \${SCRAM_USERNAME}
        password: \${SCRAM_PASSWORD}
      tls:
        enabled: true
    backup:
      s3_bucket: kb-backup
      s3_prefix: migrations
      kms_key_arn: ${KMS_KEY_ARN}
    evidence:
      s3_bucket: kb-evidence
      s3_prefix: evidence
`;

export function makeConfig(edit?: (config: DeepMutable<MigrationConfig>) => void): MigrationConfig {
  const config = structuredClone(parseConfig(CONFIG_YAML, { env: ENV, filePath: '/cfg/migration.yaml' })) as DeepMutable<MigrationConfig>;
  edit?.(config);
  return config as MigrationConfig;
}

export function entry(name: string, value: string | null, source: ConfigEntry['source'] = 'DYNAMIC_TOPIC_CONFIG'): ConfigEntry {
  return { name, value, source, sensitive: false };
}

export interface TopicOptions {
  partitions?: number;
  replicationFactor?: number;
  configs?: ConfigEntry[];
  /** Records per partition (endOffset - logStartOffset). */
  records?: number;
  /** Bytes per partition; undefined = unknown. */
  partitionBytes?: number | undefined;
  leader?: number;
}

export function topic(name: string, options: TopicOptions = {}): TopicInventory {
  const count = options.partitions ?? 3;
  const rf = options.replicationFactor ?? 3;
  const bytes = 'partitionBytes' in options ? options.partitionBytes : 1_000_000;
  const partitions: PartitionInventory[] = Array.from({ length: count }, (_, partition) => ({
    partition,
    leader: options.leader ?? (partition % 3) + 1,
    replicas: Array.from({ length: rf }, (_, i) => ((partition + i) % 3) + 1),
    isr: Array.from({ length: rf }, (_, i) => ((partition + i) % 3) + 1),
    logStartOffset: 100,
    endOffset: 100 + (options.records ?? 1000),
    ...(bytes === undefined ? {} : { sizeBytes: bytes }),
  }));
  return {
    name,
    partitions,
    replicationFactor: rf,
    configs: options.configs ?? [],
    ...(bytes === undefined ? {} : { sizeBytes: bytes * count }),
  };
}

function brokers(role: 'source' | 'target', port: number) {
  return [1, 2, 3].map((nodeId) => ({ nodeId, host: `b-${nodeId}.${role}.kafka.us-east-1.amazonaws.com`, port, rack: `use1-az${nodeId}` }));
}

function sourceCluster(): ClusterInventory {
  return {
    role: 'source',
    bootstrapServers: ['b-1.source.kafka.us-east-1.amazonaws.com:9096', 'b-2.source.kafka.us-east-1.amazonaws.com:9096'],
    controlPlane: {
      arn: SOURCE_ARN,
      name: 'source-zk',
      region: 'us-east-1',
      type: 'PROVISIONED',
      state: 'ACTIVE',
      kafkaVersion: '3.9.x',
      metadataMode: 'ZOOKEEPER',
      brokerCount: 3,
      instanceType: 'kafka.m5.large',
      auth: { iam: false, scram: true, tls: false, unauthenticated: false },
      encryption: { inTransitClientBroker: 'TLS', inCluster: true },
      zookeeperConnect: 'z-1.source.kafka.us-east-1.amazonaws.com:2181',
      zoneCount: 3,
      bootstrapKind: 'saslScram',
    },
    reachable: true,
    clusterId: 'src-cluster-id-AAAA',
    controllerId: 1,
    metadataMode: 'ZOOKEEPER',
    kafkaVersion: '3.9.x',
    brokers: brokers('source', 9096),
    limits: {
      messageMaxBytes: 1_048_588,
      replicaFetchMaxBytes: 1_048_576,
      autoCreateTopicsEnable: false,
      defaultReplicationFactor: 3,
      minInsyncReplicas: 2,
      logMessageTimestampType: 'CreateTime',
      logRetentionMs: 604_800_000,
      zookeeperConnect: 'z-1.source.kafka.us-east-1.amazonaws.com:2181',
    },
    topics: [topic('orders'), topic('payments', { partitions: 6 })],
    groups: [
      { groupId: 'billing', state: 'Stable', protocolType: 'consumer', memberCount: 2, offsets: [{ topic: 'orders', partition: 0, offset: 500 }] },
      { groupId: 'audit', state: 'Empty', protocolType: 'consumer', memberCount: 0, offsets: [] },
    ],
    acls: [],
  };
}

function targetCluster(): ClusterInventory {
  return {
    role: 'target',
    bootstrapServers: ['b-1.target.kafka.us-east-1.amazonaws.com:9096', 'b-2.target.kafka.us-east-1.amazonaws.com:9096'],
    controlPlane: {
      arn: TARGET_ARN,
      name: 'target-kraft',
      region: 'us-east-1',
      type: 'PROVISIONED',
      state: 'ACTIVE',
      kafkaVersion: '4.1.x.kraft',
      metadataMode: 'KRAFT',
      brokerCount: 3,
      instanceType: 'kafka.m7g.large',
      auth: { iam: true, scram: true, tls: false, unauthenticated: false },
      encryption: { inTransitClientBroker: 'TLS', inCluster: true },
      zoneCount: 3,
      bootstrapKind: 'saslScram',
    },
    reachable: true,
    clusterId: 'tgt-cluster-id-BBBB',
    controllerId: 3001,
    metadataMode: 'KRAFT',
    kafkaVersion: '4.1.x.kraft',
    brokers: brokers('target', 9096),
    limits: {
      messageMaxBytes: 1_048_588,
      replicaFetchMaxBytes: 1_048_576,
      autoCreateTopicsEnable: false,
      defaultReplicationFactor: 3,
      minInsyncReplicas: 2,
      logMessageTimestampType: 'CreateTime',
      logMessageTimestampBeforeMaxMs: 9_223_372_036_854_775_807,
      logMessageTimestampAfterMaxMs: 9_223_372_036_854_775_807,
      logRetentionMs: 604_800_000,
      processRoles: 'broker',
    },
    topics: [],
    groups: [],
    acls: [],
  };
}

export function makeInventory(edit?: (inventory: DeepMutable<Inventory>) => void): Inventory {
  const inventory = structuredClone({ schemaVersion: 1 as const, source: sourceCluster(), target: targetCluster() }) as DeepMutable<Inventory>;
  edit?.(inventory);
  return inventory as Inventory;
}

export function okProbes(edit?: (probes: DeepMutable<Probes>) => void): Probes {
  const probes: DeepMutable<Probes> = { backupBucket: { ok: true }, evidenceBucket: { ok: true }, kmsKey: { ok: true } };
  edit?.(probes);
  return probes as Probes;
}

export interface Scenario {
  inventory?: (inventory: DeepMutable<Inventory>) => void;
  config?: (config: DeepMutable<MigrationConfig>) => void;
  probes?: (probes: DeepMutable<Probes>) => void;
}

export function run(scenario: Scenario = {}): PrecheckReport {
  return evaluatePrecheck(makeInventory(scenario.inventory), makeConfig(scenario.config), okProbes(scenario.probes));
}

export function withCode(report: PrecheckReport, code: string): Finding[] {
  return report.findings.filter((item) => item.code === code);
}

export function codes(report: PrecheckReport): string[] {
  return report.findings.map((item) => item.code);
}
