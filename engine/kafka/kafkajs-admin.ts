/**
 * The AdminPort over kafkajs 2.2.4. Its public Admin serves configs, groups, group offsets and ACLs; metadata,
 * offsets (ListOffsets, read_uncommitted) and log-dir sizes (DescribeLogDirs, which kafkajs lacks) go straight to
 * the right broker through `protocol/kafkajs-internals.ts`, so one offline partition or deleted topic does not fail
 * the whole call. Read-only by construction: no request here creates, alters or joins anything.
 */
import type { KafkaConfig } from 'kafkajs';
import { MigrationError } from '../errors.js';
import type { AclEntry, ConfigEntry, GroupOffset } from '../inventory/types.js';
import type {
  AclListing,
  AdminPort,
  ClusterDescription,
  GroupDescription,
  GroupListing,
  LogDirsReport,
  PartitionOffsets,
  ReplicaLogSize,
  ResourceConfigs,
  TopicDescription,
  TopicListing,
  TopicPartitions,
} from './admin-port.js';
import { connectKafkajsLink, messageOf } from './connect-link.js';
import { int64ToNumber } from './int64.js';
import { kafkajsClientConfig, type KafkaClusterConnection, type KafkajsClientOptions } from './kafkajs-options.js';
import { chunk, mapLimit } from './map-limit.js';
import { DESCRIBE_LOG_DIRS_API_KEY, DESCRIBE_LOG_DIRS_VERSION, describeLogDirsRequest } from './protocol/describe-log-dirs.js';
import {
  kafkajsRequest,
  protocolErrorName,
  type BrokerChannel,
  type KafkajsLink,
} from './protocol/kafkajs-internals.js';
import {
  ACL_ANY,
  CONFIG_RESOURCE_BROKER,
  CONFIG_RESOURCE_TOPIC,
  aclOperationName,
  aclPatternTypeName,
  aclPermissionName,
  aclResourceTypeName,
  configSourceName,
} from './protocol/names.js';

export interface KafkajsAdminOptions extends KafkajsClientOptions {
  /** Budget for the first connection (TCP, TLS, SASL), retries included; default 10 s. */
  connectTimeoutMs?: number;
  /** Per request; default 30 s. */
  requestTimeoutMs?: number;
  /** kafkajs retries for admin calls; default 3 retries backing off 250 ms to 2 s (discovery fails fast). */
  retry?: { retries?: number; initialRetryTime?: number; maxRetryTime?: number };
  /** Requests in flight at once for batched calls (configs, offsets, groups, log dirs); default 4. */
  concurrency?: number;
}

const CONFIG_CHUNK = 100;
const GROUP_CHUNK = 50;
const OFFSETS_CHUNK = 1_000;
const OFFSET_ROUNDS = 5;
const EARLIEST = -2;
const LATEST = -1;
const READ_UNCOMMITTED = 0;

/** Errors after which a partition's offsets are asked again, after fresh metadata. */
const RETRY_OFFSETS = new Set([5, 6, 9, 7, 15, 74, 75, 78]);
/** UNKNOWN_TOPIC_OR_PARTITION: the topic was deleted meanwhile. */
const GONE = 3;

interface RawPartition {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

interface RawTopic {
  topicErrorCode: number;
  topic: string;
  isInternal?: boolean;
  partitionMetadata: RawPartition[];
}

interface RawMetadata {
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  clusterId?: string | null;
  controllerId?: number;
  topicMetadata: RawTopic[];
}

interface RawListOffsets {
  responses: { topic: string; partitions: { partition: number; errorCode: number; offset?: string; offsets?: string[] }[] }[];
}

interface KafkajsErrorLike {
  name?: string;
  type?: string;
  message?: string;
}

const errorOf = (error: unknown): KafkajsErrorLike => (typeof error === 'object' && error !== null ? (error as KafkajsErrorLike) : {});
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byTopicPartition = <T extends { topic: string; partition: number }>(a: T, b: T) =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


function toConfigEntry(raw: { configName: string; configValue: string | null; configSource?: number; isDefault?: boolean; isSensitive: boolean }): ConfigEntry {
  const source = raw.configSource === undefined ? (raw.isDefault === true ? 'DEFAULT_CONFIG' : 'UNKNOWN') : configSourceName(raw.configSource);
  return { name: raw.configName, value: raw.isSensitive ? null : raw.configValue, source, sensitive: raw.isSensitive };
}

/** The Kafka client config discovery uses: the operator's connection settings with short timeouts and few retries. */
export function discoveryKafkaConfig(connection: KafkaClusterConnection, options: KafkajsAdminOptions = {}): KafkaConfig {
  const base = kafkajsClientConfig(connection, options);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  return {
    ...base,
    connectionTimeout: Math.min(base.connectionTimeout ?? connectTimeoutMs, connectTimeoutMs),
    authenticationTimeout: Math.min(base.authenticationTimeout ?? connectTimeoutMs, connectTimeoutMs),
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { factor: 0.2, multiplier: 2, retries: 3, initialRetryTime: 250, maxRetryTime: 2_000, ...options.retry },
  };
}

/**
 * Connects to one cluster and returns its AdminPort. Throws CLUSTER_UNREACHABLE (retriable) when no broker answers
 * within `connectTimeoutMs`, and CONFIG_INVALID for unusable connection settings (unreadable TLS files...).
 */
export async function connectKafkajsAdmin(connection: KafkaClusterConnection, options: KafkajsAdminOptions = {}): Promise<AdminPort> {
  const config = discoveryKafkaConfig(connection, options);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const link = await connectKafkajsLink(connection, config, connectTimeoutMs, {
    auth: 'Check auth.mode, username and password for this cluster (for MSK SCRAM: the AmazonMSK_* secret associated with the cluster).',
    unreachable: 'Check the bootstrap servers, that this host can reach them (security groups, VPC, tunnel), and the tls and auth settings.',
  });
  return new KafkajsAdminPort(link, options.concurrency ?? 4, config.requestTimeout ?? 30_000);
}

class KafkajsAdminPort implements AdminPort {
  constructor(
    private readonly link: KafkajsLink,
    private readonly concurrency: number,
    private readonly requestTimeout: number,
  ) {}

  private async metadata(): Promise<RawMetadata> {
    const channel = await this.link.anyBroker();
    // All topics (a null list): such a request never auto-creates a topic.
    return channel.send(kafkajsRequest<RawMetadata>(channel, 'Metadata', { topics: [], allowAutoTopicCreation: false }, 1));
  }

  async describeCluster(): Promise<ClusterDescription> {
    const metadata = await this.metadata();
    const brokers = metadata.brokers
      .map(({ nodeId, host, port, rack }) => ({ nodeId, host, port, ...(rack ? { rack } : {}) }))
      .sort((a, b) => a.nodeId - b.nodeId);
    const controllerId = metadata.controllerId === undefined || metadata.controllerId < 0 ? undefined : metadata.controllerId;
    return { clusterId: metadata.clusterId ?? undefined, controllerId, brokers };
  }

  async listTopics(): Promise<TopicListing[]> {
    const metadata = await this.metadata();
    return metadata.topicMetadata
      .filter((topic) => topic.topicErrorCode === 0 || topic.topicErrorCode === 5)
      .map((topic) => ({ name: topic.topic, internal: topic.isInternal === true }))
      .sort(byName);
  }

  async describeTopics(names: readonly string[]): Promise<TopicDescription[]> {
    if (names.length === 0) return [];
    const wanted = new Set(names);
    const metadata = await this.metadata();
    return metadata.topicMetadata
      .filter((topic) => wanted.has(topic.topic) && (topic.topicErrorCode === 0 || topic.topicErrorCode === 5))
      .map((topic) => ({
        name: topic.topic,
        internal: topic.isInternal === true,
        partitions: topic.partitionMetadata
          .map((p) => ({
            partition: p.partitionId,
            leader: p.leader,
            replicas: [...p.replicas],
            isr: [...p.isr],
            offlineReplicas: [...(p.offlineReplicas ?? [])],
          }))
          .sort((a, b) => a.partition - b.partition),
      }))
      .sort(byName);
  }

  async fetchOffsets(names: readonly string[]): Promise<PartitionOffsets[]> {
    if (names.length === 0) return [];
    const result = new Map<string, PartitionOffsets>();
    let pending = new Set<string>();
    const key = (topic: string, partition: number) => `${partition}\u0000${topic}`;
    const wanted = new Set(names);
    let lastError = '';
    for (let round = 0; round < OFFSET_ROUNDS; round++) {
      if (round > 0) await sleep(200 * 2 ** round);
      const metadata = await this.metadata();
      const byLeader = new Map<number, { topic: string; partition: number }[]>();
      for (const topic of metadata.topicMetadata) {
        if (!wanted.has(topic.topic)) continue;
        for (const p of topic.partitionMetadata) {
          const id = key(topic.topic, p.partitionId);
          if (result.has(id) || (round > 0 && !pending.has(id))) continue;
          if (p.leader < 0) continue;
          const list = byLeader.get(p.leader) ?? [];
          list.push({ topic: topic.topic, partition: p.partitionId });
          byLeader.set(p.leader, list);
        }
      }
      const retry = new Set<string>();
      const batches = [...byLeader.entries()].flatMap(([leader, partitions]) => chunk(partitions, OFFSETS_CHUNK).map((batch) => ({ leader, batch })));
      await mapLimit(batches, this.concurrency, async ({ leader, batch }) => {
        let channel: BrokerChannel;
        try {
          channel = await this.link.broker(leader);
        } catch (error) {
          lastError = `broker ${leader}: ${messageOf(error)}`;
          for (const tp of batch) retry.add(key(tp.topic, tp.partition));
          return;
        }
        const [earliest, latest] = await Promise.all([EARLIEST, LATEST].map((timestamp) => this.listOffsets(channel, batch, timestamp)));
        for (const tp of batch) {
          const id = key(tp.topic, tp.partition);
          const start = earliest?.get(id);
          const end = latest?.get(id);
          if (start === undefined || end === undefined) {
            retry.add(id);
            continue;
          }
          const failure = [start, end].find((answer) => answer.errorCode !== 0);
          if (failure === undefined) {
            result.set(id, {
              topic: tp.topic,
              partition: tp.partition,
              logStartOffset: int64ToNumber(start.offset, `log start offset of ${tp.topic}-${tp.partition}`),
              endOffset: int64ToNumber(end.offset, `end offset of ${tp.topic}-${tp.partition}`),
            });
          } else if (failure.errorCode === GONE) {
            continue;
          } else if (RETRY_OFFSETS.has(failure.errorCode)) {
            lastError = `${tp.topic}-${tp.partition}: ${protocolErrorName(failure.errorCode)}`;
            retry.add(id);
          } else {
            const denied = failure.errorCode === 29 ? ' (the principal needs DESCRIBE on the topic)' : '';
            throw new Error(`ListOffsets for ${tp.topic}-${tp.partition} on broker ${leader} failed: ${protocolErrorName(failure.errorCode)}${denied}`);
          }
        }
      });
      pending = retry;
      if (pending.size === 0) break;
    }
    if (pending.size > 0) {
      throw new MigrationError({
        code: 'CLUSTER_UNREACHABLE',
        message: `ListOffsets: ${pending.size} partitions still failing after ${OFFSET_ROUNDS} attempts (last: ${lastError})`,
        hint: 'A leader election or broker restart may be in progress; retry discovery in a minute.',
        retriable: true,
      });
    }
    return [...result.values()].sort(byTopicPartition);
  }

  private async listOffsets(
    channel: BrokerChannel,
    batch: { topic: string; partition: number }[],
    timestamp: number,
  ): Promise<Map<string, { errorCode: number; offset: string }>> {
    const topics = new Map<string, { partition: number; timestamp: number }[]>();
    for (const { topic, partition } of batch) {
      const list = topics.get(topic) ?? [];
      list.push({ partition, timestamp });
      topics.set(topic, list);
    }
    const request = kafkajsRequest<RawListOffsets>(
      channel,
      'ListOffsets',
      { replicaId: -1, isolationLevel: READ_UNCOMMITTED, topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) },
      1,
    );
    const response = await channel.send({ ...request, requestTimeout: this.requestTimeout });
    const answers = new Map<string, { errorCode: number; offset: string }>();
    for (const topic of response.responses) {
      for (const p of topic.partitions) {
        answers.set(`${p.partition}\u0000${topic.topic}`, { errorCode: p.errorCode, offset: p.offset ?? p.offsets?.[0] ?? '-1' });
      }
    }
    return answers;
  }

  async describeTopicConfigs(names: readonly string[]): Promise<ResourceConfigs[]> {
    const chunks = chunk([...new Set(names)], CONFIG_CHUNK);
    const results = await mapLimit(chunks, this.concurrency, async (batch) => {
      try {
        return await this.describeConfigs(batch.map((name) => ({ type: CONFIG_RESOURCE_TOPIC, name })));
      } catch (error) {
        if (errorOf(error).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
        // A topic of this chunk was deleted meanwhile: ask one by one and leave the missing ones out.
        const single = await mapLimit(batch, this.concurrency, async (name) => {
          try {
            return await this.describeConfigs([{ type: CONFIG_RESOURCE_TOPIC, name }]);
          } catch (inner) {
            if (errorOf(inner).type === 'UNKNOWN_TOPIC_OR_PARTITION') return [];
            throw inner;
          }
        });
        return single.flat();
      }
    });
    return results.flat().sort(byName);
  }

  async describeBrokerConfigs(nodeId: number): Promise<ResourceConfigs> {
    const [configs] = await this.describeConfigs([{ type: CONFIG_RESOURCE_BROKER, name: String(nodeId) }]);
    if (configs === undefined) throw new MigrationError({ code: 'INTERNAL', message: `DescribeConfigs returned nothing for broker ${nodeId}` });
    return configs;
  }

  private async describeConfigs(resources: { type: number; name: string }[]): Promise<ResourceConfigs[]> {
    const { resources: described } = await this.link.admin.describeConfigs({
      resources: resources.map((resource) => ({ type: resource.type, name: resource.name })),
      includeSynonyms: false,
    });
    return described.map((resource) => ({
      name: resource.resourceName,
      entries: resource.configEntries.map((entry) => toConfigEntry(entry as Parameters<typeof toConfigEntry>[0])).sort(byName),
    }));
  }

  async listGroups(): Promise<GroupListing[]> {
    const { groups } = await this.link.admin.listGroups();
    const unique = new Map(groups.map((group) => [group.groupId, { groupId: group.groupId, protocolType: group.protocolType ?? '' }]));
    return [...unique.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    const describe = async (ids: string[]): Promise<GroupDescription[]> => {
      const { groups } = await this.link.admin.describeGroups(ids);
      return groups.map((group) => ({
        groupId: group.groupId,
        state: group.state,
        protocolType: group.protocolType,
        memberCount: group.members.length,
      }));
    };
    const results = await mapLimit(chunk([...new Set(groupIds)], GROUP_CHUNK), this.concurrency, async (batch) => {
      try {
        return await describe(batch);
      } catch {
        // One group's error fails kafkajs's whole batch: describe one by one, keeping each group's error.
        return mapLimit(batch, this.concurrency, async (groupId) => {
          try {
            const [group] = await describe([groupId]);
            if (group !== undefined) return group;
            return { groupId, state: 'Unknown', protocolType: '', memberCount: 0, error: 'not described' };
          } catch (error) {
            return { groupId, state: 'Unknown', protocolType: '', memberCount: 0, error: errorOf(error).type ?? messageOf(error) };
          }
        });
      }
    });
    return results.flat().sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  async fetchGroupOffsets(groupId: string, topics?: readonly string[]): Promise<GroupOffset[]> {
    // Without topics kafkajs asks OffsetFetch (v3+) for every topic the group committed on: one request, and no
    // per-topic metadata lookups. The group is not joined.
    const response = await this.link.admin.fetchOffsets({ groupId });
    const wanted = topics === undefined ? undefined : new Set(topics);
    const offsets: GroupOffset[] = [];
    for (const topic of response) {
      if (wanted !== undefined && !wanted.has(topic.topic)) continue;
      for (const p of topic.partitions) {
        const offset = int64ToNumber(p.offset, `committed offset of group ${groupId} on ${topic.topic}-${p.partition}`);
        if (offset < 0) continue;
        offsets.push({ topic: topic.topic, partition: p.partition, offset, metadata: p.metadata ?? null });
      }
    }
    return offsets.sort(byTopicPartition);
  }

  async describeAcls(): Promise<AclListing> {
    try {
      const { resources } = await this.link.admin.describeAcls({
        resourceType: ACL_ANY,
        resourcePatternType: ACL_ANY,
        operation: ACL_ANY,
        permissionType: ACL_ANY,
      } as unknown as Parameters<KafkajsLink['admin']['describeAcls']>[0]);
      const acls: AclEntry[] = resources.flatMap((resource) =>
        resource.acls.map((acl) => ({
          resourceType: aclResourceTypeName(resource.resourceType),
          resourceName: resource.resourceName,
          patternType: aclPatternTypeName(resource.resourcePatternType),
          principal: acl.principal,
          host: acl.host,
          operation: aclOperationName(acl.operation),
          permissionType: aclPermissionName(acl.permissionType),
        })),
      );
      return { available: true, acls };
    } catch (error) {
      const type = errorOf(error).type;
      if (type === 'SECURITY_DISABLED') {
        return { available: false, reason: 'SECURITY_DISABLED', message: 'the cluster has no authorizer configured (SECURITY_DISABLED)' };
      }
      if (type === 'CLUSTER_AUTHORIZATION_FAILED') {
        return { available: false, reason: 'NOT_AUTHORIZED', message: 'not allowed to describe ACLs (CLUSTER_AUTHORIZATION_FAILED): DESCRIBE on the cluster is needed' };
      }
      if (errorOf(error).name === 'KafkaJSServerDoesNotSupportApiKey') {
        return { available: false, reason: 'UNSUPPORTED', message: 'the brokers do not support DescribeAcls' };
      }
      throw error;
    }
  }

  async describeLogDirs(nodeIds: readonly number[], partitions?: readonly TopicPartitions[]): Promise<LogDirsReport> {
    if (partitions !== undefined && partitions.length === 0) return { replicas: [], failures: [] };
    const replicas: ReplicaLogSize[] = [];
    const failures: { nodeId: number; message: string }[] = [];
    const request = partitions?.map((tp) => ({ topic: tp.topic, partitions: tp.partitions }));
    await mapLimit([...new Set(nodeIds)], this.concurrency, async (nodeId) => {
      try {
        const channel = await this.link.broker(nodeId);
        const range = channel.versions(DESCRIBE_LOG_DIRS_API_KEY);
        if (range === undefined || range.minVersion > DESCRIBE_LOG_DIRS_VERSION || range.maxVersion < DESCRIBE_LOG_DIRS_VERSION) {
          failures.push({
            nodeId,
            message: `broker ${nodeId} does not accept DescribeLogDirs v${DESCRIBE_LOG_DIRS_VERSION}${range === undefined ? '' : ` (accepts v${range.minVersion}-v${range.maxVersion})`}`,
          });
          return;
        }
        const response = await channel.send(describeLogDirsRequest(request, this.requestTimeout));
        for (const dir of response.results) {
          if (dir.errorCode !== 0) {
            failures.push({ nodeId, message: `log dir ${dir.logDir} on broker ${nodeId}: ${protocolErrorName(dir.errorCode)}` });
            continue;
          }
          for (const topic of dir.topics) {
            for (const p of topic.partitions) {
              if (p.isFuture) continue;
              replicas.push({ nodeId, topic: topic.topic, partition: p.partition, logDir: dir.logDir, sizeBytes: p.sizeBytes, offsetLag: p.offsetLag });
            }
          }
        }
      } catch (error) {
        failures.push({ nodeId, message: `broker ${nodeId}: ${messageOf(error)}` });
      }
    });
    replicas.sort((a, b) => a.nodeId - b.nodeId || byTopicPartition(a, b));
    failures.sort((a, b) => a.nodeId - b.nodeId || (a.message < b.message ? -1 : 1));
    return { replicas, failures };
  }

  async close(): Promise<void> {
    await this.link.disconnect();
  }
}
