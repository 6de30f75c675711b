/**
 * Discovery against the real test bed: Kafka 3.9 in ZooKeeper mode as the source, Kafka 4.1 KRaft as the target,
 * the fake MSK control plane for clusters given by ARN. The test creates its own topics, records, groups and ACLs
 * (unique names per run, through a PLAINTEXT admin of its own), discovers them both by ARN over SCRAM (SASL_SSL on
 * the target) and by bootstrap servers over PLAINTEXT, and checks that discovery changed nothing.
 */
import { createServer } from 'node:net';
import kafkajs, { type Admin, type Consumer, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { aclKey, discover, sortAcls, type DiscoveryEvent } from '../../engine/discovery/index.js';
import type { ClusterInventory, Inventory } from '../../engine/inventory/types.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE, MIGRATION_CONFIG_FILE } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, ConfigResourceTypes, logLevel } = kafkajs;

const bed = loadTestbedEnv();
const env: NodeJS.ProcessEnv = { ...process.env, ...bed };

const RUN = `disc-${Date.now().toString(36)}-${process.pid}`;
const TOPIC = {
  orders: `${RUN}.orders`,
  compacted: `${RUN}.compacted`,
  skipped: `${RUN}.skipped`,
  internal: `__${RUN}_internal`,
  targetOnly: `${RUN}.target-only`,
  transactional: `${RUN}.transactional`,
};
const GROUP = { main: `${RUN}-main`, live: `${RUN}-live`, excluded: `${RUN}-excluded`, target: `${RUN}-target` };
const PRINCIPAL = `User:${RUN}-app`;
const ORDERS_RECORDS = [10, 5, 0];

/** The bed's config with this run's filters: our topics (including a `__` one, which the internal rule must drop). */
function scoped(config: MigrationConfig): MigrationConfig {
  return {
    ...config,
    topics: { include: [`${RUN}.*`, `__${RUN}*`], exclude: [TOPIC.skipped] },
    groups: { include: [`${RUN}-*`], exclude: [GROUP.excluded] },
  };
}

function client(bootstrap: string, clientId: string): Kafka {
  return new kafkajs.Kafka({ clientId, brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, connectionTimeout: 10_000 });
}

const source = client(bed.SOURCE_BOOTSTRAP, `${RUN}-setup-source`);
const target = client(bed.TARGET_BOOTSTRAP, `${RUN}-setup-target`);
let sourceAdmin: Admin;
let targetAdmin: Admin;
let liveConsumer: Consumer | undefined;
let byArn: Inventory;
let byBootstrap: Inventory;

async function produce(kafka: Kafka, topic: string, counts: number[], keyed = false): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const messages = counts.flatMap((count, partition) =>
      Array.from({ length: count }, (_, i) => ({ partition, key: keyed ? `k${i % 2}` : `p${partition}-${i}`, value: `value ${i} of ${topic}`.padEnd(200, '.') })),
    );
    if (messages.length > 0) await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Joins GROUP.main, consumes the orders, commits 10 and 5, leaves: an Empty consumer group with committed offsets. */
async function commitAsConsumer(): Promise<void> {
  const consumer = source.consumer({ groupId: GROUP.main, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC.orders, fromBeginning: true });
  const total = ORDERS_RECORDS.reduce((a, b) => a + b, 0);
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachMessage: async () => {
          seen += 1;
          if (seen === total) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.commitOffsets([
    { topic: TOPIC.orders, partition: 0, offset: '10' },
    { topic: TOPIC.orders, partition: 1, offset: '5' },
  ]);
  await consumer.disconnect();
}

async function startLiveConsumer(): Promise<Consumer> {
  const consumer = source.consumer({ groupId: GROUP.live, allowAutoTopicCreation: false, heartbeatInterval: 1_000 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC.compacted, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  await joined;
  return consumer;
}

beforeAll(async () => {
  sourceAdmin = source.admin();
  targetAdmin = target.admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: TOPIC.orders,
        numPartitions: 3,
        replicationFactor: 2,
        configEntries: [
          { name: 'retention.ms', value: '3600000' },
          { name: 'max.message.bytes', value: '2097152' },
        ],
      },
      { topic: TOPIC.compacted, numPartitions: 2, replicationFactor: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      { topic: TOPIC.skipped, numPartitions: 1, replicationFactor: 1 },
      { topic: TOPIC.internal, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  await targetAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC.targetOnly, numPartitions: 2, replicationFactor: 2 }] });
  await produce(source, TOPIC.orders, ORDERS_RECORDS);
  await produce(source, TOPIC.compacted, [4, 4], true);
  await produce(source, TOPIC.skipped, [2]);
  await produce(target, TOPIC.targetOnly, [3, 0]);

  await commitAsConsumer();
  // Offsets on an unselected topic (must not show up) and an excluded group (must not show up either).
  await sourceAdmin.setOffsets({ groupId: GROUP.main, topic: TOPIC.skipped, partitions: [{ partition: 0, offset: '1' }] });
  await sourceAdmin.setOffsets({ groupId: GROUP.excluded, topic: TOPIC.orders, partitions: [{ partition: 0, offset: '3' }] });
  await targetAdmin.setOffsets({ groupId: GROUP.target, topic: TOPIC.targetOnly, partitions: [{ partition: 0, offset: '2' }] });

  await sourceAdmin.createAcls({
    acl: [
      {
        resourceType: AclResourceTypes.TOPIC,
        resourceName: TOPIC.orders,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: PRINCIPAL,
        host: '*',
        operation: AclOperationTypes.READ,
        permissionType: AclPermissionTypes.ALLOW,
      },
      {
        resourceType: AclResourceTypes.GROUP,
        resourceName: RUN,
        resourcePatternType: ResourcePatternTypes.PREFIXED,
        principal: PRINCIPAL,
        host: '*',
        operation: AclOperationTypes.READ,
        permissionType: AclPermissionTypes.ALLOW,
      },
    ],
  });
  await targetAdmin.createAcls({
    acl: [
      {
        resourceType: AclResourceTypes.TOPIC,
        resourceName: TOPIC.targetOnly,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: PRINCIPAL,
        host: '*',
        operation: AclOperationTypes.DESCRIBE,
        permissionType: AclPermissionTypes.DENY,
      },
    ],
  });
  liveConsumer = await startLiveConsumer();

  byArn = await discover(scoped(await loadConfig(MIGRATION_CONFIG_FILE, env)), { env });
  byBootstrap = await discover(scoped(await loadConfig(MIGRATION_BOOTSTRAP_CONFIG_FILE, env)), { env });
});

afterAll(async () => {
  await liveConsumer?.disconnect().catch(() => undefined);
  const aclFilter = {
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    principal: PRINCIPAL,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  };
  await Promise.allSettled([
    sourceAdmin.deleteAcls({ filters: [aclFilter] }),
    targetAdmin.deleteAcls({ filters: [aclFilter] }),
    sourceAdmin.deleteGroups([GROUP.main, GROUP.live, GROUP.excluded]),
    targetAdmin.deleteGroups([GROUP.target]),
  ]);
  await Promise.allSettled([
    sourceAdmin.deleteTopics({ topics: [TOPIC.orders, TOPIC.compacted, TOPIC.skipped, TOPIC.internal, TOPIC.transactional] }),
    targetAdmin.deleteTopics({ topics: [TOPIC.targetOnly] }),
  ]);
  await Promise.allSettled([sourceAdmin.disconnect(), targetAdmin.disconnect()]);
});

const topicOf = (cluster: ClusterInventory, name: string) => {
  const topic = cluster.topics.find((t) => t.name === name);
  if (topic === undefined) throw new Error(`${name} not in the ${cluster.role} inventory (has ${cluster.topics.map((t) => t.name).join(', ')})`);
  return topic;
};
const ourAcls = (cluster: ClusterInventory) => (cluster.acls ?? []).filter((acl) => acl.principal === PRINCIPAL);

describe('discovery by ARN through the fake MSK, over SCRAM', () => {
  it('sees a ZooKeeper-mode source and a KRaft target, from the control plane and from the brokers', () => {
    const { source, target } = byArn;
    expect(source).toMatchObject({ reachable: true, metadataMode: 'ZOOKEEPER', kafkaVersion: '3.9.x' });
    expect(source.controlPlane).toMatchObject({ arn: bed.SOURCE_CLUSTER_ARN, metadataMode: 'ZOOKEEPER', bootstrapKind: 'saslScram', type: 'PROVISIONED' });
    expect(source.bootstrapServers).toEqual(bed.SOURCE_SCRAM_BOOTSTRAP.split(','));
    expect(source.limits.zookeeperConnect).toBeDefined();
    expect(source.limits.interBrokerProtocolVersion).toMatch(/^3\.9/);
    expect(source.error).toBeUndefined();
    expect(source.controlPlaneError).toBeUndefined();

    expect(target).toMatchObject({ reachable: true, metadataMode: 'KRAFT' });
    expect(target.controlPlane).toMatchObject({ arn: bed.TARGET_CLUSTER_ARN, metadataMode: 'KRAFT', bootstrapKind: 'saslScram' });
    // SASL_SSL with the bed's CA: the SCRAM-over-TLS listener was picked because tls is enabled for the target.
    expect(target.bootstrapServers).toEqual(bed.TARGET_SCRAM_TLS_BOOTSTRAP.split(','));
    expect(target.limits.processRoles).toContain('broker');
    expect(target.limits.zookeeperConnect).toBeUndefined();

    for (const cluster of [source, target]) {
      expect(cluster.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
      expect(cluster.clusterId).toMatch(/\S{10,}/);
      expect(cluster.limits.messageMaxBytes).toBeGreaterThan(0);
    }
    expect(source.clusterId).not.toBe(target.clusterId);
  });

  it('lists the selected topics only: filters applied, internal and excluded topics left out', () => {
    expect(byArn.source.topics.map((t) => t.name)).toEqual([TOPIC.compacted, TOPIC.orders]);
    expect(byArn.target.topics.map((t) => t.name)).toContain(TOPIC.targetOnly);
    for (const cluster of [byArn.source, byArn.target]) {
      expect(cluster.topics.filter((t) => t.name.startsWith('__'))).toEqual([]);
    }
  });

  it('has partitions with leaders, replicas, ISR, offsets and sizes, and only the non-default configs with their source', () => {
    const orders = topicOf(byArn.source, TOPIC.orders);
    expect(orders.replicationFactor).toBe(2);
    expect(orders.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    for (const p of orders.partitions) {
      expect(p.replicas).toHaveLength(2);
      expect(p.replicas).toContain(p.leader);
      expect(p.isr).toContain(p.leader);
      expect(p.logStartOffset).toBe(0);
    }
    expect(orders.partitions.map((p) => p.endOffset)).toEqual(ORDERS_RECORDS);
    expect(orders.partitions[0]?.sizeBytes).toBeGreaterThan(10 * 200);
    expect(orders.partitions[1]?.sizeBytes).toBeGreaterThan(5 * 200);
    expect(orders.partitions[0]!.sizeBytes!).toBeGreaterThan(orders.partitions[1]!.sizeBytes!);
    expect(orders.partitions[2]?.sizeBytes).toBe(0);
    expect(orders.sizeBytes).toBe(orders.partitions.reduce((sum, p) => sum + (p.sizeBytes ?? 0), 0));

    const set = (name: string) => orders.configs.find((entry) => entry.name === name);
    expect(set('retention.ms')).toEqual({ name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false });
    expect(set('max.message.bytes')).toMatchObject({ value: '2097152', source: 'DYNAMIC_TOPIC_CONFIG' });
    expect(orders.configs.filter((entry) => entry.source === 'DEFAULT_CONFIG' || entry.source === 'STATIC_BROKER_CONFIG')).toEqual([]);
    expect(orders.configs.map((entry) => entry.name)).toEqual([...orders.configs.map((entry) => entry.name)].sort());

    const compacted = topicOf(byArn.source, TOPIC.compacted);
    expect(compacted.configs).toContainEqual({ name: 'cleanup.policy', value: 'compact', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false });
    expect(compacted.partitions.map((p) => p.endOffset)).toEqual([4, 4]);
    expect(compacted.partitions.every((p) => (p.sizeBytes ?? 0) > 0)).toBe(true);

    const targetOnly = topicOf(byArn.target, TOPIC.targetOnly);
    expect(targetOnly.partitions.map((p) => [p.endOffset, (p.sizeBytes ?? 0) > 0])).toEqual([
      [3, true],
      [0, false],
    ]);
  });

  it('has the groups with state, members and committed offsets on selected topics only', () => {
    expect(byArn.source.groups.map((g) => g.groupId)).toEqual([GROUP.live, GROUP.main]);
    const main = byArn.source.groups.find((g) => g.groupId === GROUP.main);
    expect(main).toMatchObject({ state: 'Empty', protocolType: 'consumer', memberCount: 0 });
    expect(main?.offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }))).toEqual([
      { topic: TOPIC.orders, partition: 0, offset: 10 },
      { topic: TOPIC.orders, partition: 1, offset: 5 },
    ]);
    const live = byArn.source.groups.find((g) => g.groupId === GROUP.live);
    expect(live).toMatchObject({ state: 'Stable', protocolType: 'consumer', memberCount: 1, offsets: [] });

    // The target: every group, offsets on its non-internal topics.
    const onTarget = byArn.target.groups.find((g) => g.groupId === GROUP.target);
    expect(onTarget?.offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }))).toEqual([
      { topic: TOPIC.targetOnly, partition: 0, offset: 2 },
    ]);
    expect(byArn.target.groups.map((g) => g.groupId)).toEqual([...byArn.target.groups.map((g) => g.groupId)].sort());
  });

  it('has the ACLs of both clusters, in a stable order', () => {
    expect(ourAcls(byArn.source)).toEqual([
      { resourceType: 'GROUP', resourceName: RUN, patternType: 'PREFIXED', principal: PRINCIPAL, host: '*', operation: 'READ', permissionType: 'ALLOW' },
      { resourceType: 'TOPIC', resourceName: TOPIC.orders, patternType: 'LITERAL', principal: PRINCIPAL, host: '*', operation: 'READ', permissionType: 'ALLOW' },
    ]);
    expect(ourAcls(byArn.target)).toEqual([
      { resourceType: 'TOPIC', resourceName: TOPIC.targetOnly, patternType: 'LITERAL', principal: PRINCIPAL, host: '*', operation: 'DESCRIBE', permissionType: 'DENY' },
    ]);
    for (const cluster of [byArn.source, byArn.target]) {
      expect(cluster.aclError).toBeUndefined();
      expect((cluster.acls ?? []).map(aclKey)).toEqual(sortAcls(cluster.acls ?? []).map(aclKey));
    }
  });

  it('never carries the SCRAM password', () => {
    expect(JSON.stringify(byArn)).not.toContain(bed.SCRAM_PASSWORD);
  });
});

describe('discovery by bootstrap servers, over PLAINTEXT', () => {
  it('reads the metadata mode from the brokers when there is no control plane', () => {
    expect(byBootstrap.source).toMatchObject({ reachable: true, metadataMode: 'ZOOKEEPER', controlPlane: undefined, bootstrapServers: bed.SOURCE_BOOTSTRAP.split(',') });
    expect(byBootstrap.target).toMatchObject({ reachable: true, metadataMode: 'KRAFT', controlPlane: undefined, bootstrapServers: bed.TARGET_BOOTSTRAP.split(',') });
  });

  it('gives the same inventory of the same clusters as the run by ARN over SCRAM', () => {
    expect(byBootstrap.source.topics).toEqual(byArn.source.topics);
    expect(byBootstrap.source.groups).toEqual(byArn.source.groups);
    expect(ourAcls(byBootstrap.source)).toEqual(ourAcls(byArn.source));
    expect(byBootstrap.source.limits).toEqual(byArn.source.limits);
    expect(byBootstrap.source.clusterId).toBe(byArn.source.clusterId);
    expect(topicOf(byBootstrap.target, TOPIC.targetOnly)).toEqual(topicOf(byArn.target, TOPIC.targetOnly));
  });
});

describe('end offsets', () => {
  it('are the high watermark, past an open transaction (read_uncommitted), with commit markers counted', async () => {
    await sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC.transactional, numPartitions: 1, replicationFactor: 2 }] });
    const producer = source.producer({ transactionalId: `${RUN}-tx`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    const committed = await producer.transaction();
    await committed.send({ topic: TOPIC.transactional, messages: messages(3) });
    await committed.commit();
    const open = await producer.transaction();
    await open.send({ topic: TOPIC.transactional, messages: messages(2) });
    try {
      const base = await loadConfig(MIGRATION_BOOTSTRAP_CONFIG_FILE, env);
      const inventory = await discover({ ...base, topics: { include: [TOPIC.transactional], exclude: [] } }, { env });
      // 3 records + 1 commit marker + 2 records of the open transaction; read_committed would say 4 (the LSO).
      expect(topicOf(inventory.source, TOPIC.transactional).partitions).toEqual([
        expect.objectContaining({ partition: 0, logStartOffset: 0, endOffset: 6 }),
      ]);
    } finally {
      await open.abort();
      await producer.disconnect();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('clusters that cannot be discovered', () => {
  it('reports a cluster on a closed port as unreachable quickly, and still discovers the other', async () => {
    const base = scoped(await loadConfig(MIGRATION_BOOTSTRAP_CONFIG_FILE, env));
    const port = await closedPort();
    const config: MigrationConfig = { ...base, source: { ...base.source, bootstrapServers: [`127.0.0.1:${port}`] } };
    const events: DiscoveryEvent[] = [];
    const started = Date.now();
    const inventory = await discover(config, { env, connectTimeoutMs: 4_000, onProgress: (event) => events.push(event) });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(inventory.source).toMatchObject({ reachable: false, error: { code: 'CLUSTER_UNREACHABLE' }, topics: [], groups: [], brokers: [] });
    expect(inventory.source.error?.message).toContain(`127.0.0.1:${port}`);
    expect(inventory.target.reachable).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ type: 'discovery.finished', role: 'source', reachable: false }));
  });

  it('reports an unknown cluster ARN as a control-plane error, not a crash', async () => {
    const base = scoped(await loadConfig(MIGRATION_CONFIG_FILE, env));
    const missing = bed.SOURCE_CLUSTER_ARN.replace(/\/[^/]+$/, '/00000000-0000-0000-0000-000000000000-9');
    const config: MigrationConfig = { ...base, source: { ...base.source, clusterArn: missing } };
    const inventory = await discover(config, { env, connectTimeoutMs: 4_000 });
    expect(inventory.source.controlPlaneError?.code).toBe('CONTROL_PLANE');
    expect(inventory.source.controlPlaneError?.message).toContain(missing);
    expect(inventory.source.reachable).toBe(false);
    expect(inventory.target.reachable).toBe(true);
  });
});

interface ClusterSnapshot {
  topics: string[];
  partitions: Record<string, number>;
  configs: Record<string, string[]>;
  groups: Record<string, { state: string; members: number; offsets: string[] }>;
  acls: string[];
}

/** What discovery could change on a cluster if it were not read-only: this run's topics, configs, groups and ACLs. */
async function snapshot(admin: Admin): Promise<ClusterSnapshot> {
  const ours = (name: string) => name.startsWith(RUN) || name.startsWith(`__${RUN}`);
  const topics = (await admin.listTopics()).filter(ours).sort();
  const metadata = await admin.fetchTopicMetadata({ topics });
  const partitions = Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]));
  const described = await admin.describeConfigs({ resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })), includeSynonyms: false });
  const configs = Object.fromEntries(
    described.resources.map((r) => [
      r.resourceName,
      r.configEntries
        .filter((e) => !e.isDefault)
        .map((e) => `${e.configName}=${e.configValue}`)
        .sort(),
    ]),
  );
  const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId).filter(ours).sort();
  const groups: ClusterSnapshot['groups'] = {};
  for (const group of (await admin.describeGroups(groupIds)).groups) {
    const offsets = await admin.fetchOffsets({ groupId: group.groupId });
    groups[group.groupId] = {
      state: group.state,
      members: group.members.length,
      offsets: offsets.flatMap((t) => t.partitions.map((p) => `${t.topic}-${p.partition}@${p.offset}`)).sort(),
    };
  }
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    principal: PRINCIPAL,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const acls = resources.flatMap((r) => r.acls.map((a) => `${r.resourceType}:${r.resourceName}:${r.resourcePatternType}:${a.host}:${a.operation}:${a.permissionType}`)).sort();
  return { topics, partitions, configs, groups, acls };
}

describe('discovery is read-only', () => {
  it('leaves topics, configs, groups (members included) and ACLs of both clusters as they were', async () => {
    const before = await Promise.all([snapshot(sourceAdmin), snapshot(targetAdmin)]);
    expect(before[0].topics).toEqual(expect.arrayContaining([TOPIC.orders, TOPIC.compacted, TOPIC.skipped, TOPIC.internal]));
    expect(before[0].groups[GROUP.live]?.members).toBe(1);
    await discover(scoped(await loadConfig(MIGRATION_CONFIG_FILE, env)), { env });
    await discover(scoped(await loadConfig(MIGRATION_BOOTSTRAP_CONFIG_FILE, env)), { env });
    const after = await Promise.all([snapshot(sourceAdmin), snapshot(targetAdmin)]);
    expect(after).toEqual(before);
  });
});
