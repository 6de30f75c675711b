/**
 * The cutover's cluster ports over kafkajs: the source's offsets, group offsets and sentinel producer (public kafkajs
 * API), and the target's group descriptions, log starts, group offsets (public API) and admin offset commits
 * (FindCoordinator + OffsetCommit sent by hand, offset-commit-request.ts). Connections open on first use.
 */
import kafkajs, { type Admin, type Producer } from 'kafkajs';
import { MigrationError } from '../errors.js';
import { connectKafkajsLink } from '../kafka/connect-link.js';
import { int64ToNumber } from '../kafka/int64.js';
import { kafkajsClientConfig, type KafkaClusterConnection } from '../kafka/kafkajs-options.js';
import { protocolErrorName, type KafkajsLink } from '../kafka/protocol/kafkajs-internals.js';
import type { PartitionRef } from '../copy/positions.js';
import type { CutoverClusterPorts, CutoverSourcePort, CutoverTargetPort, SourceEnd, TargetGroup } from './cluster-ports.js';
import { adminOffsetCommitRequest, findGroupCoordinatorRequest, FIND_COORDINATOR_API_KEY, FIND_COORDINATOR_VERSION, OFFSET_COMMIT_API_KEY, OFFSET_COMMIT_VERSION } from './offset-commit-request.js';
import { sentinelMessage } from './sentinel.js';
import type { PartitionOffset, TargetLogStart } from './translate.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR: ask again. */
const COORDINATOR_RETRIABLE = new Set([14, 15, 16]);
const COORDINATOR_ATTEMPTS = 8;

const topicsOf = (partitions: readonly PartitionRef[]): string[] => [...new Set(partitions.map((p) => p.topic))].sort();

async function partitionOffsets(admin: Admin, partitions: readonly PartitionRef[]): Promise<SourceEnd[]> {
  const out: SourceEnd[] = [];
  for (const topic of topicsOf(partitions)) {
    for (const row of await admin.fetchTopicOffsets(topic)) {
      if (partitions.some((p) => p.topic === topic && p.partition === row.partition)) {
        out.push({ topic, partition: row.partition, logStart: int64ToNumber(row.low, `${topic}-${row.partition} log start`), end: int64ToNumber(row.high, `${topic}-${row.partition} end`) });
      }
    }
  }
  return out;
}

async function committedOffsets(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionOffset[]> {
  if (topics.length === 0) return [];
  const answer = await admin.fetchOffsets({ groupId, topics: [...topics] });
  return answer.flatMap((topic) =>
    topic.partitions
      .map((p) => ({ topic: topic.topic, partition: p.partition, offset: int64ToNumber(p.offset, `group ${groupId} ${topic.topic}-${p.partition} offset`) }))
      .filter((p) => p.offset >= 0),
  );
}

function lazy<T>(open: () => Promise<T>): { get: () => Promise<T>; opened: () => Promise<T> | undefined } {
  let value: Promise<T> | undefined;
  return { get: () => (value ??= open()), opened: () => value };
}

export function kafkajsSourcePort(connection: KafkaClusterConnection): CutoverSourcePort {
  const kafka = new kafkajs.Kafka(kafkajsClientConfig(connection));
  const admin = lazy(async () => {
    const a = kafka.admin();
    await a.connect();
    return a;
  });
  const producer = lazy(async (): Promise<Producer> => {
    const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await p.connect();
    return p;
  });
  return {
    offsets: async (partitions) => partitionOffsets(await admin.get(), partitions),
    groupOffsets: async (groupId, topics) => committedOffsets(await admin.get(), groupId, topics),
    async publishSentinels(migrationId, partitions, at) {
      const p = await producer.get();
      const out: PartitionOffset[] = [];
      for (const topic of topicsOf(partitions)) {
        const mine = partitions.filter((ref) => ref.topic === topic);
        const answer = await p.send({ topic, acks: -1, messages: mine.map((ref) => ({ partition: ref.partition, ...sentinelMessage(migrationId, ref.partition, at) })) });
        for (const row of answer) out.push({ topic, partition: row.partition, offset: int64ToNumber(row.baseOffset ?? '-1', `sentinel ${topic}-${row.partition} offset`) });
      }
      return out;
    },
    async close() {
      await Promise.allSettled([admin.opened()?.then((a) => a.disconnect()), producer.opened()?.then((p) => p.disconnect())]);
    },
  };
}

function refused(groupId: string, detail: string, hint: string): MigrationError {
  return new MigrationError({ code: 'TARGET_REFUSED', message: `the target refused the offset commit for group ${groupId}: ${detail}`, hint });
}

async function coordinatorOf(link: KafkajsLink, groupId: string) {
  let last = '';
  for (let attempt = 1; attempt <= COORDINATOR_ATTEMPTS; attempt++) {
    const any = await link.anyBroker();
    const range = any.versions(FIND_COORDINATOR_API_KEY);
    if (range === undefined || range.minVersion > FIND_COORDINATOR_VERSION || range.maxVersion < FIND_COORDINATOR_VERSION) {
      throw refused(groupId, `the broker does not accept FindCoordinator v${FIND_COORDINATOR_VERSION}`, 'The target must be Kafka 2.1 or newer.');
    }
    const answer = await any.send(findGroupCoordinatorRequest(groupId));
    if (answer.errorCode === 0) return link.broker(answer.nodeId);
    last = protocolErrorName(answer.errorCode);
    if (!COORDINATOR_RETRIABLE.has(answer.errorCode)) break;
    await sleep(250 * attempt);
  }
  throw refused(groupId, `no group coordinator (${last})`, 'Check the target cluster health (its __consumer_offsets topic), then run the command again.');
}

export function kafkajsTargetPort(connection: KafkaClusterConnection): CutoverTargetPort {
  const link = lazy(() =>
    connectKafkajsLink(connection, kafkajsClientConfig(connection), 10_000, {
      auth: 'Check the target auth.mode, username and password.',
      unreachable: 'Check the target bootstrap servers, that this host can reach them, and the tls and auth settings.',
    }),
  );
  return {
    async describeGroups(groupIds) {
      if (groupIds.length === 0) return [];
      const { groups } = await (await link.get()).admin.describeGroups([...groupIds]);
      return groups.map((g): TargetGroup => ({ groupId: g.groupId, state: g.state, members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost })) }));
    },
    logStarts: async (partitions): Promise<TargetLogStart[]> => (await partitionOffsets((await link.get()).admin, partitions)).map(({ topic, partition, logStart }) => ({ topic, partition, logStart })),
    groupOffsets: async (groupId, topics) => committedOffsets((await link.get()).admin, groupId, topics),
    async commitOffsets(groupId, offsets) {
      if (offsets.length === 0) return;
      const topics = topicsOf(offsets).map((topic) => ({ topic, partitions: offsets.filter((o) => o.topic === topic).map((o) => ({ partition: o.partition, offset: o.offset })) }));
      for (let attempt = 1; ; attempt++) {
        const channel = await coordinatorOf(await link.get(), groupId);
        const range = channel.versions(OFFSET_COMMIT_API_KEY);
        if (range === undefined || range.minVersion > OFFSET_COMMIT_VERSION || range.maxVersion < OFFSET_COMMIT_VERSION) {
          throw refused(groupId, `broker ${channel.nodeId} does not accept OffsetCommit v${OFFSET_COMMIT_VERSION}`, 'The target must be Kafka 2.1 or newer.');
        }
        const results = await channel.send(adminOffsetCommitRequest(groupId, topics));
        const failed = results.filter((r) => r.errorCode !== 0);
        if (failed.length === 0) return;
        if (failed.every((r) => COORDINATOR_RETRIABLE.has(r.errorCode)) && attempt < COORDINATOR_ATTEMPTS) {
          await sleep(250 * attempt);
          continue;
        }
        const detail = failed.map((r) => `${r.topic}-${r.partition}: ${protocolErrorName(r.errorCode)}`).join(', ');
        throw refused(groupId, detail, 'A group with members on the target cannot take committed offsets: stop its consumers on the target, then run the command again.');
      }
    },
    async close() {
      await link.opened()?.then((l) => l.disconnect()).catch(() => undefined);
    },
  };
}

export function kafkajsCutoverPorts(source: KafkaClusterConnection, target: KafkaClusterConnection): CutoverClusterPorts {
  return { source: kafkajsSourcePort(source), target: kafkajsTargetPort(target) };
}
