/**
 * Log start and high watermark of many partitions: ListOffsets (earliest, latest; read_uncommitted, kafkajs's request
 * definition) sent once per leader for all its partitions, a few leaders at a time; partitions whose leader moved
 * are asked again after fresh metadata.
 */
import type { PartitionRef } from '../../copy/positions.js';
import { MigrationError } from '../../errors.js';
import { chunk, mapLimit } from '../map-limit.js';
import { kafkajsRequest, protocolErrorName, type BrokerChannel } from '../protocol/kafkajs-internals.js';
import { RETRIABLE_PARTITION_ERRORS, RetryableWireError, withRetries, type RetryPolicy } from './retry.js';
import type { WireCluster } from './wire-cluster.js';
import { groupByTopic } from './wire-request.js';

export type PartitionBounds = PartitionRef & { logStart: bigint; end: bigint };

interface RawListOffsets {
  responses: { topic: string; partitions: { partition: number; errorCode: number; offset?: string; offsets?: string[] }[] }[];
}

const EARLIEST = -2;
const LATEST = -1;
const READ_UNCOMMITTED = 0;
const PER_REQUEST = 1_000;
const LEADERS_AT_ONCE = 4;

const keyOf = (ref: PartitionRef): string => `${ref.partition}\u0000${ref.topic}`;

async function listOffsets(cluster: WireCluster, channel: BrokerChannel, refs: readonly PartitionRef[], timestamp: number): Promise<Map<string, { errorCode: number; offset: bigint }>> {
  const topics = [...groupByTopic(refs)].map(([topic, group]) => ({ topic, partitions: group.map(({ partition }) => ({ partition, timestamp })) }));
  const request = kafkajsRequest<RawListOffsets>(channel, 'ListOffsets', { replicaId: -1, isolationLevel: READ_UNCOMMITTED, topics }, 1);
  const response = await channel.send({ ...request, requestTimeout: cluster.requestTimeoutMs });
  const answers = new Map<string, { errorCode: number; offset: bigint }>();
  for (const topic of response.responses) {
    for (const p of topic.partitions) {
      answers.set(keyOf({ topic: topic.topic, partition: p.partition }), { errorCode: p.errorCode, offset: BigInt(p.offset ?? p.offsets?.[0] ?? '-1') });
    }
  }
  return answers;
}

/** Bounds of every partition in `refs` (in the order given; duplicates answered once each). */
export async function partitionBounds(cluster: WireCluster, policy: RetryPolicy, refs: readonly PartitionRef[]): Promise<PartitionBounds[]> {
  const found = new Map<string, PartitionBounds>();
  let pending = [...new Map(refs.map((ref) => [keyOf(ref), { topic: ref.topic, partition: ref.partition }])).values()];
  await withRetries(policy, `${cluster.clientId}: ListOffsets of ${pending.length} partitions`, async () => {
    await cluster.warm(pending.map((ref) => ref.topic));
    const byLeader = new Map<number, { channel: BrokerChannel; refs: PartitionRef[] }>();
    for (const ref of pending) {
      const channel = await cluster.leaderOf(ref);
      const group = byLeader.get(channel.nodeId) ?? { channel, refs: [] };
      group.refs.push(ref);
      byLeader.set(channel.nodeId, group);
    }
    const retry: PartitionRef[] = [];
    let reason = '';
    const requests = [...byLeader.values()].flatMap(({ channel, refs: group }) => chunk(group, PER_REQUEST).map((part) => ({ channel, part })));
    await mapLimit(requests, LEADERS_AT_ONCE, async ({ channel, part }) => {
      const [earliest, latest] = await Promise.all([EARLIEST, LATEST].map((timestamp) => listOffsets(cluster, channel, part, timestamp)));
      for (const ref of part) {
        const start = earliest?.get(keyOf(ref));
        const end = latest?.get(keyOf(ref));
        const name = `${ref.topic}-${ref.partition}`;
        const errorCode = start === undefined || end === undefined ? -1 : start.errorCode !== 0 ? start.errorCode : end.errorCode;
        if (errorCode === 0 && start !== undefined && end !== undefined) {
          found.set(keyOf(ref), { topic: ref.topic, partition: ref.partition, logStart: start.offset, end: end.offset });
        } else if (errorCode === -1 || RETRIABLE_PARTITION_ERRORS.has(errorCode)) {
          reason = `${name} on broker ${channel.nodeId}: ${errorCode === -1 ? 'no answer' : protocolErrorName(errorCode)}`;
          retry.push(ref);
        } else {
          const denied = errorCode === 29 ? ' (the principal needs DESCRIBE on the topic)' : '';
          throw new MigrationError({ code: 'CLUSTER_UNREACHABLE', message: `${cluster.clientId}: ListOffsets of ${name} failed: ${protocolErrorName(errorCode)}${denied}` });
        }
      }
    });
    pending = retry;
    if (retry.length > 0) {
      for (const topic of new Set(retry.map((ref) => ref.topic))) cluster.forget(topic);
      throw new RetryableWireError(`${retry.length} partitions to ask again (${reason})`);
    }
  });
  return refs.map((ref) => found.get(keyOf(ref)) as PartitionBounds);
}
