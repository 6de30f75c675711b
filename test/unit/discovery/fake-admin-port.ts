/** An in-memory AdminPort for discovery's unit tests: a small cluster description, answers shuffled on purpose. */
import type { AclListing, AdminPort, GroupDescription, LogDirsReport, ResourceConfigs, TopicDescription } from '../../../engine/kafka/admin-port.js';
import type { ConfigEntry, GroupOffset } from '../../../engine/inventory/types.js';

export interface FakeCluster {
  brokers: { nodeId: number; host: string; port: number; rack?: string }[];
  brokerConfigs?: ConfigEntry[] | Error;
  topics: (TopicDescription & { offsets: [number, number][]; configs?: ConfigEntry[]; sizes?: (number | undefined)[] })[];
  groups: (GroupDescription & { offsets: GroupOffset[] })[];
  acls: AclListing;
  logDirFailures?: { nodeId: number; message: string }[];
  failOn?: keyof AdminPort;
}

export class FakeAdminPort implements AdminPort {
  readonly calls: string[] = [];
  closed = false;

  constructor(private readonly cluster: FakeCluster) {}

  private call(name: keyof AdminPort): void {
    this.calls.push(name);
    if (this.cluster.failOn === name) throw new Error(`${name} failed: TOPIC_AUTHORIZATION_FAILED`);
  }

  async describeCluster() {
    this.call('describeCluster');
    return { clusterId: 'fake-id', controllerId: this.cluster.brokers[0]?.nodeId, brokers: [...this.cluster.brokers].reverse() };
  }
  async listTopics() {
    this.call('listTopics');
    return this.cluster.topics.map((t) => ({ name: t.name, internal: t.internal })).reverse();
  }
  async describeTopics(names: readonly string[]) {
    this.call('describeTopics');
    return this.cluster.topics
      .filter((t) => names.includes(t.name))
      .map(({ name, internal, partitions }) => ({ name, internal, partitions: [...partitions].reverse() }));
  }
  async fetchOffsets(names: readonly string[]) {
    this.call('fetchOffsets');
    return this.cluster.topics
      .filter((t) => names.includes(t.name))
      .flatMap((t) =>
        t.partitions
          .filter((p) => p.leader >= 0)
          .map((p) => ({ topic: t.name, partition: p.partition, logStartOffset: t.offsets[p.partition]![0], endOffset: t.offsets[p.partition]![1] })),
      );
  }
  async describeTopicConfigs(names: readonly string[]): Promise<ResourceConfigs[]> {
    this.call('describeTopicConfigs');
    return this.cluster.topics.filter((t) => names.includes(t.name) && t.configs !== undefined).map((t) => ({ name: t.name, entries: t.configs! }));
  }
  async describeBrokerConfigs(nodeId: number): Promise<ResourceConfigs> {
    this.call('describeBrokerConfigs');
    if (this.cluster.brokerConfigs instanceof Error) throw this.cluster.brokerConfigs;
    return { name: String(nodeId), entries: this.cluster.brokerConfigs ?? [] };
  }
  async listGroups() {
    this.call('listGroups');
    return this.cluster.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })).reverse();
  }
  async describeGroups(ids: readonly string[]) {
    this.call('describeGroups');
    return this.cluster.groups.filter((g) => ids.includes(g.groupId)).map(({ offsets: _offsets, ...g }) => g);
  }
  async fetchGroupOffsets(groupId: string) {
    this.call('fetchGroupOffsets');
    return [...(this.cluster.groups.find((g) => g.groupId === groupId)?.offsets ?? [])].reverse();
  }
  async describeAcls() {
    this.call('describeAcls');
    return this.cluster.acls.available ? { available: true as const, acls: [...this.cluster.acls.acls].reverse() } : this.cluster.acls;
  }
  async describeLogDirs(nodeIds: readonly number[]): Promise<LogDirsReport> {
    this.call('describeLogDirs');
    const replicas = this.cluster.topics.flatMap((t) =>
      t.partitions.flatMap((p) =>
        p.replicas
          .filter((node) => nodeIds.includes(node))
          .flatMap((node) => {
            const size = t.sizes?.[p.partition];
            // Followers report a slightly different size than the leader, as on a real cluster.
            return size === undefined ? [] : [{ nodeId: node, topic: t.name, partition: p.partition, logDir: '/d', sizeBytes: node === p.leader ? size : size + 1, offsetLag: 0 }];
          }),
      ),
    );
    return { replicas, failures: this.cluster.logDirFailures ?? [] };
  }
  async close() {
    this.closed = true;
  }
}

const partition = (index: number, leader: number, replicas: number[]) => ({ partition: index, leader, replicas, isr: replicas.filter((r) => r === leader || leader >= 0), offlineReplicas: [] });

export function sampleCluster(): FakeCluster {
  return {
    brokers: [
      { nodeId: 2, host: 'b2', port: 9092, rack: 'use1-az2' },
      { nodeId: 1, host: 'b1', port: 9092, rack: 'use1-az1' },
      { nodeId: 3, host: 'b3', port: 9092, rack: 'use1-az1' },
    ],
    brokerConfigs: [
      { name: 'message.max.bytes', value: '2097152', source: 'STATIC_BROKER_CONFIG', sensitive: false },
      { name: 'zookeeper.connect', value: 'zk:2181', source: 'STATIC_BROKER_CONFIG', sensitive: false },
    ],
    topics: [
      {
        name: 'orders',
        internal: false,
        partitions: [partition(0, 1, [1, 2]), partition(1, 2, [2, 3])],
        offsets: [[0, 10], [3, 7]],
        sizes: [100, 50],
        configs: [
          { name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
          { name: 'segment.bytes', value: '1073741824', source: 'DEFAULT_CONFIG', sensitive: false },
        ],
      },
      { name: 'audit', internal: false, partitions: [partition(0, 3, [3, 1])], offsets: [[0, 0]], sizes: [0], configs: [] },
      { name: 'skipme', internal: false, partitions: [partition(0, 1, [1])], offsets: [[0, 1]], sizes: [1], configs: [] },
      { name: '__consumer_offsets', internal: true, partitions: [partition(0, 1, [1])], offsets: [[0, 1]], sizes: [1], configs: [] },
      { name: '__amazon_msk_canary', internal: false, partitions: [partition(0, 1, [1])], offsets: [[0, 1]], sizes: [1], configs: [] },
      { name: '_schemas', internal: false, partitions: [partition(0, 2, [2])], offsets: [[0, 4]], sizes: [9], configs: [] },
    ],
    groups: [
      {
        groupId: 'billing',
        state: 'Stable',
        protocolType: 'consumer',
        memberCount: 2,
        offsets: [
          { topic: 'skipme', partition: 0, offset: 1, metadata: null },
          { topic: 'orders', partition: 1, offset: 5, metadata: null },
          { topic: 'orders', partition: 0, offset: 9, metadata: 'm' },
        ],
      },
      { groupId: 'analytics', state: 'Empty', protocolType: 'consumer', memberCount: 0, offsets: [] },
      { groupId: 'test-tmp', state: 'Empty', protocolType: '', memberCount: 0, offsets: [] },
    ],
    acls: {
      available: true,
      acls: [
        { resourceType: 'TOPIC', resourceName: 'orders', patternType: 'LITERAL', principal: 'User:b', host: '*', operation: 'READ', permissionType: 'ALLOW' },
        { resourceType: 'GROUP', resourceName: 'billing', patternType: 'LITERAL', principal: 'User:b', host: '*', operation: 'READ', permissionType: 'ALLOW' },
      ],
    },
  };
}
