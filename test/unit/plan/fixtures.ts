/**
 * Synthetic inventories and configs for plan tests and the bench (and anyone else who needs an inventory without
 * clusters). Everything is deterministic: the same options give the same inventory.
 */
import { parseConfig, type MigrationConfig } from '../../../engine/config/index.js';
import type {
  AclEntry,
  BrokerLimits,
  ClusterInventory,
  ConfigEntry,
  GroupInventory,
  Inventory,
  TopicInventory,
} from '../../../engine/inventory/types.js';

export const SOURCE_ARN = 'arn:aws:kafka:us-east-1:111122223333:cluster/orders-zk/6357e0b2-0e6a-4b86-a0b4-70df934c2e31-5';
export const TARGET_ARN = 'arn:aws:kafka:us-east-1:111122223333:cluster/orders-kraft/0b9f3c52-7d4e-4a51-9d0c-2f6e8a1b3c4d-2';
export const KMS_KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const MIGRATION_ID = 'mig-20261125-164653-7f3a';

/** Values for `${VAR}` in the config; the password is what secret-leak tests look for. */
export const PLAN_ENV = {
  SCRAM_USERNAME: 'svc-migrator',
  SCRAM_PASSWORD: 'pw-Plan#Secret-42xq',
  FREEZE_HMAC_SECRET: 'hmac-Plan-Zr81Lq',
} as const;

export interface SyntheticInventoryOptions {
  readonly topics?: number;
  readonly partitionsPerTopic?: number;
  readonly groups?: number;
  /** Topics each group has offsets on (consecutive, wrapping). */
  readonly topicsPerGroup?: number;
  readonly recordsPerPartition?: number;
  readonly bytesPerRecord?: number;
  readonly replicationFactor?: number;
  readonly sourceBrokers?: number;
  readonly targetBrokers?: number;
  readonly sourceVersion?: string;
  readonly targetVersion?: string | undefined;
  /** Cluster ARNs for the control-plane sections; null leaves the cluster without one (bootstrap servers only). */
  readonly sourceArn?: string | null;
  readonly targetArn?: string | null;
  /** Topic names are `<prefix><index>` with the index zero-padded to 4 digits. */
  readonly topicPrefix?: string | ((index: number) => string);
  /** Extra config entries per topic (on top of a `retention.ms` every third topic). */
  readonly topicConfigs?: (name: string, index: number) => ConfigEntry[];
  /** Source ACLs; the default is a small realistic set. `null` means they could not be listed. */
  readonly acls?: AclEntry[] | null;
  readonly targetAcls?: AclEntry[] | null;
  readonly targetTopics?: TopicInventory[];
  readonly targetGroups?: GroupInventory[];
  /** Partitions whose index satisfies this report no size. */
  readonly unknownSize?: (topicIndex: number, partition: number) => boolean;
  readonly sourceLimits?: BrokerLimits;
}

export function topicConfig(name: string, value: string | null, source: ConfigEntry['source'] = 'DYNAMIC_TOPIC_CONFIG'): ConfigEntry {
  return { name, value, source, sensitive: value === null };
}

export function acl(
  principal: string,
  resourceType: AclEntry['resourceType'],
  resourceName: string,
  operation: string,
  extra: Partial<Pick<AclEntry, 'patternType' | 'permissionType' | 'host'>> = {},
): AclEntry {
  return {
    principal,
    resourceType,
    resourceName,
    operation,
    patternType: extra.patternType ?? 'LITERAL',
    permissionType: extra.permissionType ?? 'ALLOW',
    host: extra.host ?? '*',
  };
}

export const DEFAULT_ACLS: AclEntry[] = [
  acl('User:orders-app', 'TOPIC', 'orders-', 'WRITE', { patternType: 'PREFIXED' }),
  acl('User:orders-app', 'TOPIC', 'orders-', 'READ', { patternType: 'PREFIXED' }),
  acl('User:orders-app', 'GROUP', 'orders-consumers', 'READ'),
  acl('User:audit', 'TOPIC', '*', 'DESCRIBE'),
  acl('User:audit', 'CLUSTER', 'kafka-cluster', 'DESCRIBE'),
];

export const DEFAULT_SOURCE_LIMITS: BrokerLimits = {
  messageMaxBytes: 2_097_152,
  replicaFetchMaxBytes: 1_048_576,
  autoCreateTopicsEnable: true,
  defaultReplicationFactor: 3,
  minInsyncReplicas: 2,
  logMessageTimestampType: 'CreateTime',
  logRetentionMs: 604_800_000,
  zookeeperConnect: 'z-1.orderszk:2181',
  interBrokerProtocolVersion: '3.9',
};

function topicName(options: SyntheticInventoryOptions, index: number): string {
  const prefix = options.topicPrefix ?? 'orders-';
  return typeof prefix === 'function' ? prefix(index) : `${prefix}${String(index).padStart(4, '0')}`;
}

function brokers(count: number, host: string): ClusterInventory['brokers'] {
  return Array.from({ length: count }, (_, index) => ({ nodeId: index + 1, host: `b-${index + 1}.${host}`, port: 9096 }));
}

export function syntheticInventory(options: SyntheticInventoryOptions = {}): Inventory {
  const topicCount = options.topics ?? 3;
  const partitionsPerTopic = options.partitionsPerTopic ?? 3;
  const records = options.recordsPerPartition ?? 1_000;
  const bytesPerRecord = options.bytesPerRecord ?? 100;
  const rf = options.replicationFactor ?? 3;
  const sourceBrokers = options.sourceBrokers ?? 3;
  const targetBrokers = options.targetBrokers ?? 3;

  const topics: TopicInventory[] = [];
  for (let t = 0; t < topicCount; t += 1) {
    const name = topicName(options, t);
    const partitions = Array.from({ length: partitionsPerTopic }, (_, p) => {
      const logStartOffset = (t * 7 + p * 3) % 50;
      const endOffset = logStartOffset + records + ((t + p) % 5);
      const unknown = options.unknownSize?.(t, p) ?? false;
      const replicas = Array.from({ length: Math.min(rf, sourceBrokers) }, (_, r) => ((p + r) % sourceBrokers) + 1);
      return {
        partition: p,
        leader: replicas[0] ?? 1,
        replicas,
        isr: replicas,
        logStartOffset,
        endOffset,
        sizeBytes: unknown ? undefined : (endOffset - logStartOffset) * bytesPerRecord,
      };
    });
    const configs = [
      ...(t % 3 === 0 ? [topicConfig('retention.ms', String(7 * 86_400_000))] : []),
      ...(options.topicConfigs?.(name, t) ?? []),
    ];
    const known = partitions.every((partition) => partition.sizeBytes !== undefined);
    topics.push({
      name,
      partitions,
      replicationFactor: rf,
      configs,
      sizeBytes: known ? partitions.reduce((sum, partition) => sum + (partition.sizeBytes ?? 0), 0) : undefined,
    });
  }

  const groupCount = options.groups ?? 2;
  const perGroup = Math.max(1, options.topicsPerGroup ?? 1);
  const groups: GroupInventory[] = [];
  for (let g = 0; g < groupCount; g += 1) {
    const offsets = [];
    for (let k = 0; k < Math.min(perGroup, topics.length); k += 1) {
      const topic = topics[(g + k) % topics.length] as TopicInventory;
      for (const partition of topic.partitions) {
        offsets.push({ topic: topic.name, partition: partition.partition, offset: partition.endOffset - ((g + partition.partition) % 10) });
      }
    }
    groups.push({
      groupId: `consumer-${String(g).padStart(4, '0')}`,
      state: g % 2 === 0 ? 'Stable' : 'Empty',
      protocolType: 'consumer',
      memberCount: g % 2 === 0 ? 2 : 0,
      offsets,
    });
  }

  const sourceArn = options.sourceArn === undefined ? SOURCE_ARN : options.sourceArn;
  const targetArn = options.targetArn === undefined ? TARGET_ARN : options.targetArn;
  const sourceVersion = options.sourceVersion ?? '3.9.x';
  const targetVersion = options.targetVersion === undefined && !('targetVersion' in options) ? '4.1.x.kraft' : options.targetVersion;

  const source: ClusterInventory = {
    role: 'source',
    bootstrapServers: brokers(sourceBrokers, 'orderszk.example').map((broker) => `${broker.host}:${broker.port}`),
    controlPlane: sourceArn === null ? undefined : controlPlane(sourceArn, 'orders-zk', sourceVersion, 'ZOOKEEPER', sourceBrokers),
    reachable: true,
    clusterId: 'src-cluster-id',
    controllerId: 1,
    metadataMode: 'ZOOKEEPER',
    kafkaVersion: sourceVersion,
    brokers: brokers(sourceBrokers, 'orderszk.example'),
    limits: options.sourceLimits ?? DEFAULT_SOURCE_LIMITS,
    topics,
    groups,
    acls: options.acls === null ? undefined : (options.acls ?? DEFAULT_ACLS),
    aclError: options.acls === null ? 'CLUSTER_AUTHORIZATION_FAILED' : undefined,
  };
  const target: ClusterInventory = {
    role: 'target',
    bootstrapServers: brokers(targetBrokers, 'orderskraft.example').map((broker) => `${broker.host}:${broker.port}`),
    controlPlane:
      targetArn === null ? undefined : controlPlane(targetArn, 'orders-kraft', targetVersion, 'KRAFT', targetBrokers),
    reachable: true,
    clusterId: 'dst-cluster-id',
    controllerId: 3000,
    metadataMode: 'KRAFT',
    kafkaVersion: targetVersion,
    brokers: brokers(targetBrokers, 'orderskraft.example'),
    limits: { messageMaxBytes: 1_048_588, processRoles: 'broker' },
    topics: options.targetTopics ?? [],
    groups: options.targetGroups ?? [],
    acls: options.targetAcls === null ? undefined : (options.targetAcls ?? []),
    aclError: options.targetAcls === null ? 'SECURITY_DISABLED' : undefined,
  };
  return { schemaVersion: 1, source, target };
}

function controlPlane(
  arn: string,
  name: string,
  version: string | undefined,
  mode: 'ZOOKEEPER' | 'KRAFT',
  brokerCount: number,
): ClusterInventory['controlPlane'] {
  return {
    arn,
    name,
    region: 'us-east-1',
    type: 'PROVISIONED',
    state: 'ACTIVE',
    kafkaVersion: version,
    metadataMode: mode,
    brokerCount,
    instanceType: 'kafka.m5.large',
    auth: { iam: mode === 'KRAFT', scram: true, tls: false, unauthenticated: false },
    encryption: { inTransitClientBroker: 'TLS', inCluster: true },
    zoneCount: 3,
  };
}

/** A deterministic shuffle (seeded) of every list in the inventory: plans must not depend on input order. */
export function shuffleInventory(inventory: Inventory, seed = 42): Inventory {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const cluster = (c: ClusterInventory): ClusterInventory => ({
    ...c,
    bootstrapServers: shuffle(c.bootstrapServers),
    brokers: shuffle(c.brokers),
    topics: shuffle(c.topics).map((topic) => ({ ...topic, partitions: shuffle(topic.partitions), configs: shuffle(topic.configs) })),
    groups: shuffle(c.groups).map((group) => ({ ...group, offsets: shuffle(group.offsets) })),
    acls: c.acls === undefined ? undefined : shuffle(c.acls),
  });
  return { ...inventory, source: cluster(inventory.source), target: cluster(inventory.target) };
}

export interface ConfigOptions {
  readonly sourceAuth?: 'iam' | 'scram-sha-512' | 'tls' | 'plaintext';
  readonly targetAuth?: 'iam' | 'scram-sha-512' | 'tls' | 'plaintext';
  /** Null names the cluster by bootstrap servers only. */
  readonly sourceArn?: string | null;
  readonly targetArn?: string | null;
  readonly kmsKeyArn?: string | null;
  /** e.g. `7y`; null for no Object Lock. */
  readonly retention?: string | null;
  readonly webhook?: boolean;
  readonly region?: string | null;
  readonly backupPrefix?: string;
  readonly evidencePrefix?: string;
  readonly segmentMaxBytes?: string;
  readonly topologyDrift?: 'overwrite_with_source' | 'keep_target' | 'fail';
  readonly aclDrift?: 'merge' | 'overwrite_with_source' | 'skip';
  readonly s3Endpoint?: string;
}

/** A root-layout config file as text. */
export function configYaml(options: ConfigOptions = {}): string {
  const cluster = (role: 'source' | 'target', arn: string | null, auth: string): string => {
    const lines = [`${role}:`];
    if (arn !== null) lines.push(`  cluster_arn: ${arn}`);
    else lines.push(`  bootstrap_servers: b-1.${role}.example:9096,b-2.${role}.example:9096`);
    if (auth === 'scram-sha-512') {
      lines.push('  auth:', '    mode: scram-sha-512', '    username: ${SCRAM_USERNAME}', '    password: ${SCRAM_PASSWORD}');
    } else {
      lines.push(`  auth: { mode: ${auth} }`);
    }
    return lines.join('\n');
  };
  const kms = options.kmsKeyArn === undefined ? KMS_KEY_ARN : options.kmsKeyArn;
  const retention = options.retention === undefined ? '7y' : options.retention;
  const region = options.region === undefined ? 'us-east-1' : options.region;
  return [
    cluster('source', options.sourceArn === undefined ? SOURCE_ARN : options.sourceArn, options.sourceAuth ?? 'scram-sha-512'),
    cluster('target', options.targetArn === undefined ? TARGET_ARN : options.targetArn, options.targetAuth ?? 'iam'),
    ...(region === null ? [] : ['aws:', `  region: ${region}`, ...(options.s3Endpoint === undefined ? [] : ['  endpoints:', `    s3: ${options.s3Endpoint}`])]),
    'backup:',
    '  s3_bucket: orders-migration-backup',
    `  s3_prefix: ${options.backupPrefix ?? 'kafka-backup/msk-kraft'}`,
    ...(kms === null ? [] : [`  kms_key_arn: ${kms}`]),
    'evidence:',
    '  s3_bucket: orders-migration-evidence',
    `  s3_prefix: ${options.evidencePrefix ?? 'evidence'}`,
    ...(retention === null ? [] : [`  retention: ${retention}`]),
    'cutover:',
    ...(options.webhook === false
      ? ['  max_producer_freeze: 60s']
      : ['  producer_freeze_webhook: https://deploy.example.com/hooks/kafka-freeze', '  producer_freeze_webhook_secret: ${FREEZE_HMAC_SECRET}']),
    'seed:',
    `  segment_max_bytes: ${options.segmentMaxBytes ?? '32MiB'}`,
    'topology:',
    `  on_config_drift: ${options.topologyDrift ?? 'overwrite_with_source'}`,
    'acl:',
    `  on_drift: ${options.aclDrift ?? 'merge'}`,
    '',
  ].join('\n');
}

export const CONFIG_PATH = '/srv/migrations/orders/migration.yaml';

export function syntheticConfig(options: ConfigOptions = {}): MigrationConfig {
  return parseConfig(configYaml(options), { env: PLAN_ENV, filePath: CONFIG_PATH });
}
