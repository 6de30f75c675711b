import { describe, expect, it } from 'vitest';
import { parseConfig, type MigrationConfig } from '../../../engine/config/index.js';
import type { MskClusterDescription, MskControlPlane, MskControlPlaneOptions } from '../../../engine/aws/msk-control-plane.js';
import { ControlPlaneError } from '../../../engine/aws/msk-control-plane.js';
import { discover, type AdminConnector, type DiscoveryEvent } from '../../../engine/discovery/index.js';
import { MigrationError } from '../../../engine/errors.js';
import { FakeAdminPort, sampleCluster, type FakeCluster } from './fake-admin-port.js';

const SOURCE_ARN = 'arn:aws:kafka:eu-west-1:111122223333:cluster/src/11111111-2222-3333-4444-555555555555-1';

function config(extra = ''): MigrationConfig {
  return parseConfig(
    `source:
  cluster_arn: ${SOURCE_ARN}
  auth: { mode: scram-sha-512, username: u, password: \${PW} }
target:
  bootstrap_servers: t1:9092,t2:9092
  auth: { mode: plaintext }
topics:
  include: ['*']
  exclude: [skipme]
groups:
  include: ['*']
  exclude: ['test-*']
aws:
  region: us-east-1
  endpoints: { kafka: 'http://127.0.0.1:1' }
backup: { s3_bucket: kb-backup }
evidence: { s3_bucket: kb-evidence }
${extra}`,
    { env: { PW: 'secret-pw-123' }, filePath: '/cfg/m.yaml' },
  );
}

const ZK_DESCRIPTION: MskClusterDescription = {
  arn: SOURCE_ARN,
  name: 'src',
  type: 'PROVISIONED',
  kafkaVersion: '3.9.x',
  metadataMode: 'ZOOKEEPER',
  brokerCount: 3,
  instanceType: 'kafka.m5.large',
  state: 'ACTIVE',
  auth: { iam: false, scram: true, tls: false, unauthenticated: false },
  encryption: { inTransitClientBroker: 'TLS', inCluster: true },
  zookeeperConnect: 'z-1:2181',
};

function fakeControlPlane(seen: MskControlPlaneOptions[], behaviour: { describe?: Error; bootstrap?: Record<string, string> } = {}) {
  return (options: MskControlPlaneOptions): MskControlPlane => {
    seen.push(options);
    return {
      describeCluster: async () => {
        if (behaviour.describe) throw behaviour.describe;
        return ZK_DESCRIPTION;
      },
      getBootstrapBrokers: async () => behaviour.bootstrap ?? { tls: 's1:9094,s2:9094', saslScram: 's1:9096,s2:9096' },
      listNodes: async () => [],
      listClusters: async () => [],
      describeConfigurationRevision: async () => {
        throw new Error('unused');
      },
      close: () => undefined,
    };
  };
}

function connector(clusters: Record<string, FakeCluster | Error>, ports: FakeAdminPort[] = [], seen: string[][] = []): AdminConnector {
  return async (connection) => {
    seen.push(connection.brokers);
    const cluster = clusters[connection.brokers[0]!];
    if (cluster === undefined || cluster instanceof Error) throw cluster ?? new Error('no such cluster');
    const port = new FakeAdminPort(cluster);
    ports.push(port);
    return port;
  };
}

function targetCluster(): FakeCluster {
  const cluster = sampleCluster();
  return {
    ...cluster,
    brokerConfigs: [{ name: 'process.roles', value: 'broker', source: 'STATIC_BROKER_CONFIG', sensitive: false }],
    acls: { available: false, reason: 'SECURITY_DISABLED', message: 'no authorizer (SECURITY_DISABLED)' },
  };
}

describe('discover with an in-memory cluster', () => {
  it('fills both inventories: control plane, filters, internal topics left out, offsets, leader sizes, configs, groups, ACLs', async () => {
    const seenCp: MskControlPlaneOptions[] = [];
    const seenBrokers: string[][] = [];
    const events: DiscoveryEvent[] = [];
    const inventory = await discover(config(), {
      connectAdmin: connector({ 's1:9096': sampleCluster(), 't1:9092': targetCluster() }, [], seenBrokers),
      controlPlaneFactory: fakeControlPlane(seenCp),
      env: { AWS_ACCESS_KEY_ID: 'AKIDX', AWS_SECRET_ACCESS_KEY: 'sk' },
      onProgress: (event) => events.push(event),
    });
    const { source, target } = inventory;

    // Control plane: the ARN's region (not aws.region), the configured endpoint, keys from env; SCRAM listener picked.
    expect(seenCp).toHaveLength(1);
    expect(seenCp[0]).toMatchObject({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'AKIDX', secretAccessKey: 'sk' } });
    expect(seenBrokers).toContainEqual(['s1:9096', 's2:9096']);
    expect(source.bootstrapServers).toEqual(['s1:9096', 's2:9096']);
    expect(source.controlPlane).toMatchObject({ arn: SOURCE_ARN, region: 'eu-west-1', metadataMode: 'ZOOKEEPER', bootstrapKind: 'saslScram', zoneCount: 2 });
    expect(source.metadataMode).toBe('ZOOKEEPER');
    expect(source.kafkaVersion).toBe('3.9.x');

    expect(source.reachable).toBe(true);
    expect(source.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    expect(source.limits).toEqual({ messageMaxBytes: 2_097_152, zookeeperConnect: 'zk:2181' });
    expect(source.topics.map((t) => t.name)).toEqual(['_schemas', 'audit', 'orders']);
    const orders = source.topics.find((t) => t.name === 'orders')!;
    expect(orders.partitions).toEqual([
      { partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2], logStartOffset: 0, endOffset: 10, sizeBytes: 100 },
      { partition: 1, leader: 2, replicas: [2, 3], isr: [2, 3], logStartOffset: 3, endOffset: 7, sizeBytes: 50 },
    ]);
    expect(orders.sizeBytes).toBe(150);
    expect(orders.replicationFactor).toBe(2);
    expect(orders.configs).toEqual([{ name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false }]);

    // Groups: filter applied; offsets only on selected topics, sorted.
    expect(source.groups.map((g) => g.groupId)).toEqual(['analytics', 'billing']);
    expect(source.groups[1]).toEqual({
      groupId: 'billing',
      state: 'Stable',
      protocolType: 'consumer',
      memberCount: 2,
      offsets: [
        { topic: 'orders', partition: 0, offset: 9, metadata: 'm' },
        { topic: 'orders', partition: 1, offset: 5, metadata: null },
      ],
    });
    expect(source.acls?.map((a) => a.resourceType)).toEqual(['GROUP', 'TOPIC']);

    // Target: every non-internal topic and every group; no control plane; mode from process.roles; ACLs unavailable.
    expect(target.controlPlane).toBeUndefined();
    expect(target.bootstrapServers).toEqual(['t1:9092', 't2:9092']);
    expect(target.metadataMode).toBe('KRAFT');
    expect(target.topics.map((t) => t.name)).toEqual(['_schemas', 'audit', 'orders', 'skipme']);
    expect(target.groups.map((g) => g.groupId)).toEqual(['analytics', 'billing', 'test-tmp']);
    expect(target.groups.find((g) => g.groupId === 'billing')?.offsets.map((o) => o.topic)).toEqual(['orders', 'orders', 'skipme']);
    expect(target.acls).toBeUndefined();
    expect(target.aclError).toContain('SECURITY_DISABLED');

    expect(events.filter((e) => e.type === 'discovery.finished').map((e) => e.type === 'discovery.finished' && [e.role, e.reachable, e.topics])).toEqual(
      expect.arrayContaining([
        ['source', true, 3],
        ['target', true, 4],
      ]),
    );
    expect(events).toContainEqual({ type: 'discovery.warning', role: 'target', code: 'ACLS_UNAVAILABLE', message: 'no authorizer (SECURITY_DISABLED)' });
    // Never a secret in what it returns or reports.
    expect(JSON.stringify(inventory)).not.toContain('secret-pw-123');
    expect(JSON.stringify(events)).not.toContain('secret-pw-123');
  });

  it('gives the same inventory whatever order the cluster answers in', async () => {
    const run = () =>
      discover(config(), {
        connectAdmin: connector({ 's1:9096': sampleCluster(), 't1:9092': targetCluster() }),
        controlPlaneFactory: fakeControlPlane([]),
      });
    const first = await run();
    const shuffled = sampleCluster();
    shuffled.topics.reverse();
    shuffled.groups.reverse();
    if (shuffled.acls.available) shuffled.acls.acls.reverse();
    const second = await discover(config(), {
      connectAdmin: connector({ 's1:9096': shuffled, 't1:9092': targetCluster() }),
      controlPlaneFactory: fakeControlPlane([]),
    });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('records an unreachable cluster instead of throwing, and still discovers the other', async () => {
    const ports: FakeAdminPort[] = [];
    const inventory = await discover(config(), {
      connectAdmin: connector(
        { 's1:9096': new MigrationError({ code: 'CLUSTER_UNREACHABLE', message: 'cannot connect to s1:9096 (ECONNREFUSED)' }), 't1:9092': targetCluster() },
        ports,
      ),
      controlPlaneFactory: fakeControlPlane([]),
    });
    expect(inventory.source).toMatchObject({
      reachable: false,
      error: { code: 'CLUSTER_UNREACHABLE', message: 'cannot connect to s1:9096 (ECONNREFUSED)' },
      topics: [],
      groups: [],
      brokers: [],
    });
    expect(inventory.source.controlPlane?.arn).toBe(SOURCE_ARN);
    expect(inventory.target.reachable).toBe(true);
    expect(ports.every((port) => port.closed)).toBe(true);
  });

  it('records a control-plane failure as controlPlaneError; without bootstrap servers the cluster is unreachable', async () => {
    const notFound = new ControlPlaneError({
      failure: 'not-found',
      operation: 'DescribeClusterV2',
      clusterArn: SOURCE_ARN,
      message: `MSK DescribeClusterV2 for ${SOURCE_ARN}: no such cluster`,
      hint: 'check the ARN',
      retriable: false,
      cause: undefined,
    });
    const inventory = await discover(config(), {
      connectAdmin: connector({ 't1:9092': targetCluster() }),
      controlPlaneFactory: fakeControlPlane([], { describe: notFound }),
    });
    expect(inventory.source.controlPlaneError).toEqual({ code: 'CONTROL_PLANE', message: notFound.message });
    expect(inventory.source.controlPlane).toBeUndefined();
    expect(inventory.source.reachable).toBe(false);
    expect(inventory.source.error?.code).toBe('CONTROL_PLANE');
    expect(inventory.target.reachable).toBe(true);
  });

  it('with bootstrap servers configured, a control-plane failure does not stop the data plane', async () => {
    const base = config();
    const withServers: MigrationConfig = { ...base, source: { ...base.source, bootstrapServers: ['s1:9096'] } };
    const inventory = await discover(withServers, {
      connectAdmin: connector({ 's1:9096': sampleCluster(), 't1:9092': targetCluster() }),
      controlPlaneFactory: fakeControlPlane([], { describe: new Error('socket hang up') }),
    });
    expect(inventory.source.controlPlaneError).toEqual({ code: 'CONTROL_PLANE', message: 'socket hang up' });
    expect(inventory.source.reachable).toBe(true);
    // No control plane: the mode comes from the broker's zookeeper.connect.
    expect(inventory.source.metadataMode).toBe('ZOOKEEPER');
    expect(inventory.source.topics).toHaveLength(3);
  });

  it('is unreachable with the reason when the cluster offers no listener for the auth mode', async () => {
    const inventory = await discover(config(), {
      connectAdmin: connector({ 't1:9092': targetCluster() }),
      controlPlaneFactory: fakeControlPlane([], { bootstrap: { saslIam: 's1:9098' } }),
    });
    expect(inventory.source.reachable).toBe(false);
    expect(inventory.source.controlPlane).toBeDefined();
    expect(inventory.source.controlPlaneError).toBeUndefined();
    expect(inventory.source.error?.code).toBe('CONFIG_INVALID');
    expect(inventory.source.error?.message).toMatch(/no SASL\/SCRAM.*offers SASL\/IAM/);
  });

  it('reports a failure after connecting as not reachable, with no partial data, and closes the port', async () => {
    const ports: FakeAdminPort[] = [];
    const failing = { ...sampleCluster(), failOn: 'fetchOffsets' as const };
    const inventory = await discover(config(), {
      connectAdmin: connector({ 's1:9096': failing, 't1:9092': targetCluster() }, ports),
      controlPlaneFactory: fakeControlPlane([]),
    });
    expect(inventory.source).toMatchObject({ reachable: false, error: { code: 'DISCOVERY_FAILED' }, topics: [], groups: [] });
    expect(inventory.source.error?.message).toContain('TOPIC_AUTHORIZATION_FAILED');
    expect(ports.every((port) => port.closed)).toBe(true);
  });

  it('keeps offline partitions (offsets -1, no size), drops topics deleted meanwhile, degrades on missing limits and sizes', async () => {
    const cluster = sampleCluster();
    const index = cluster.topics.findIndex((t) => t.name === 'orders');
    const orders = cluster.topics[index]!;
    cluster.topics[index] = { ...orders, partitions: [orders.partitions[0]!, { ...orders.partitions[1]!, leader: -1, isr: [] }] };
    delete cluster.topics.find((t) => t.name === 'audit')!.configs; // deleted between DescribeTopics and DescribeConfigs
    cluster.brokerConfigs = new Error('CLUSTER_AUTHORIZATION_FAILED');
    cluster.logDirFailures = [{ nodeId: 3, message: 'broker 3: connection refused' }];
    const events: DiscoveryEvent[] = [];
    const inventory = await discover(config(), {
      connectAdmin: connector({ 's1:9096': cluster, 't1:9092': targetCluster() }),
      controlPlaneFactory: fakeControlPlane([]),
      onProgress: (event) => events.push(event),
    });
    const source = inventory.source;
    expect(source.reachable).toBe(true);
    expect(source.topics.map((t) => t.name)).toEqual(['_schemas', 'orders']);
    const offline = source.topics.find((t) => t.name === 'orders')!.partitions[1]!;
    expect(offline).toMatchObject({ leader: -1, logStartOffset: -1, endOffset: -1, sizeBytes: undefined });
    expect(source.topics.find((t) => t.name === 'orders')!.sizeBytes).toBeUndefined();
    expect(source.limits).toEqual({});
    expect(source.metadataMode).toBe('ZOOKEEPER'); // the control plane says so
    const warnings = events.flatMap((e) => (e.type === 'discovery.warning' && e.role === 'source' ? [e.code] : []));
    expect(warnings).toEqual(expect.arrayContaining(['LIMITS_UNAVAILABLE', 'SIZES_INCOMPLETE', 'PARTITION_OFFLINE']));
  });
});
