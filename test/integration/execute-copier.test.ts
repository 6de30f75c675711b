/**
 * The kafkajs copier against the real bed: read_committed (an aborted transaction is not copied, markers are gaps),
 * the exact offset map from the target's produce answers, the tail replay count, and a start from a checkpointed
 * position (as `resume` does) that copies only what follows it.
 */
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkajsCopier, createKafkajsOffsetReader } from '../../engine/copy/kafkajs-copier.js';
import { appendCopied } from '../../engine/copy/offset-map.js';
import { initialPosition, type PartitionPosition } from '../../engine/copy/positions.js';
import type { KafkaClusterConnection } from '../../engine/kafka/kafkajs-options.js';
import { bed, kafka, readTopic } from './execute-support.js';

const RUN = `exk-${Date.now().toString(36)}-${process.pid}`;
const TXN_TOPIC = `${RUN}.txn`;
const RESUME_TOPIC = `${RUN}.resume`;
let sourceAdmin: Admin;
let targetAdmin: Admin;

const connection = (bootstrap: string, clientId: string): KafkaClusterConnection => ({
  clientId,
  brokers: bootstrap.split(','),
  auth: { mode: 'plaintext' },
  tls: { enabled: false },
});

async function copyUntil(positions: PartitionPosition[], tailFrom: number, end: number): Promise<PartitionPosition[]> {
  const copier = createKafkajsCopier({
    source: connection(bed.SOURCE_BOOTSTRAP, 'copier-test-source'),
    target: connection(bed.TARGET_BOOTSTRAP, 'copier-test-target'),
    groupId: `${RUN}-copy-${Math.random().toString(16).slice(2)}`,
    maxConcurrentPartitions: 2,
  });
  const run = await copier.start(positions, { tailFrom: new Map(positions.map((p) => [`${p.topic}:${p.partition}`, tailFrom])) });
  const deadline = Date.now() + 60_000;
  try {
    while (run.snapshot().some((p) => p.nextSourceOffset < end)) {
      if (run.failure() !== undefined) throw run.failure();
      if (Date.now() > deadline) throw new Error(`copy did not reach ${end}: ${JSON.stringify(run.snapshot())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await run.stop();
  }
  return run.snapshot();
}

beforeAll(async () => {
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TXN_TOPIC, numPartitions: 1, replicationFactor: 2 },
      { topic: RESUME_TOPIC, numPartitions: 1, replicationFactor: 2 },
    ],
  });
  await targetAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TXN_TOPIC, numPartitions: 1, replicationFactor: 2 },
      { topic: RESUME_TOPIC, numPartitions: 1, replicationFactor: 2 },
    ],
  });
  const plain = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
  const txn = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false, transactionalId: `${RUN}-tx`, idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([plain.connect(), txn.connect()]);
  const records = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ partition: 0, key: `${prefix}${i}`, value: `${prefix} value ${i}`, headers: { n: String(i) } }));
  // 30 plain, 5 aborted + marker, 10 plain, 3 committed + marker, 5 plain: 55 offsets, 48 committed records.
  await plain.send({ topic: TXN_TOPIC, acks: -1, messages: records('a', 30) });
  const aborted = await txn.transaction();
  await aborted.send({ topic: TXN_TOPIC, messages: records('aborted', 5) });
  await aborted.abort();
  await plain.send({ topic: TXN_TOPIC, acks: -1, messages: records('b', 10) });
  const committed = await txn.transaction();
  await committed.send({ topic: TXN_TOPIC, messages: records('committed', 3) });
  await committed.commit();
  await plain.send({ topic: TXN_TOPIC, acks: -1, messages: records('c', 5) });
  await plain.send({ topic: RESUME_TOPIC, acks: -1, messages: records('r', 100) });
  await Promise.all([plain.disconnect(), txn.disconnect()]);
  // The target already holds the first 60 records of RESUME_TOPIC, as a previous run would have left them.
  const target = kafka(bed.TARGET_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
  await target.connect();
  const source = await readTopic(bed.SOURCE_BOOTSTRAP, RESUME_TOPIC);
  await target.send({
    topic: RESUME_TOPIC,
    acks: -1,
    messages: (source.get(0) ?? []).slice(0, 60).map((r) => ({ partition: 0, key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp })),
  });
  await target.disconnect();
});

afterAll(async () => {
  await sourceAdmin?.deleteTopics({ topics: [TXN_TOPIC, RESUME_TOPIC] }).catch(() => undefined);
  await targetAdmin?.deleteTopics({ topics: [TXN_TOPIC, RESUME_TOPIC] }).catch(() => undefined);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect()]);
});

describe('kafkajs copier', () => {
  it('copies committed records only; markers and aborted records are gaps in an exact offset map', async () => {
    const reader = createKafkajsOffsetReader(connection(bed.SOURCE_BOOTSTRAP, 'copier-test-offsets'));
    const [offsets] = await reader.offsets([{ topic: TXN_TOPIC, partition: 0 }]);
    await reader.close();
    expect(offsets).toEqual({ topic: TXN_TOPIC, partition: 0, logStart: 0, end: 55 });

    const [position] = await copyUntil([initialPosition({ topic: TXN_TOPIC, partition: 0 }, 0)], 40, 55);
    const [source, target] = await Promise.all([readTopic(bed.SOURCE_BOOTSTRAP, TXN_TOPIC), readTopic(bed.TARGET_BOOTSTRAP, TXN_TOPIC)]);
    const committedOffsets = (source.get(0) ?? []).map((r) => r.offset);
    expect(committedOffsets).toHaveLength(48);
    // The markers are written by the coordinator after EndTxn answers, so their offsets are read, not assumed.
    // The commit marker may land after the following plain records, so only the aborted range's gap is certain.
    const expectedRuns = appendCopied([], committedOffsets, 0);
    expect(expectedRuns[0]).toEqual([0, 0, 30]);
    expect(expectedRuns.length).toBeGreaterThanOrEqual(2);
    expect(position?.runs).toEqual(expectedRuns);
    expect(position).toMatchObject({ nextSourceOffset: 55, targetEnd: 48, records: 48, tailRecords: committedOffsets.filter((o) => o >= 40).length });
    const strip = (records: typeof source extends Map<number, infer R> ? R : never) => records.map(({ offset: _o, ...rest }) => rest);
    expect(strip(target.get(0) ?? [])).toEqual(strip(source.get(0) ?? []));
    expect((target.get(0) ?? []).some((r) => r.key?.startsWith('aborted'))).toBe(false);
    expect((target.get(0) ?? []).filter((r) => r.key?.startsWith('committed'))).toHaveLength(3);
    expect(target.get(0)).toHaveLength(48);
  });

  it('started from a checkpointed position, copies only the records after it (no duplicate of what the target has)', async () => {
    const from: PartitionPosition = { ...initialPosition({ topic: RESUME_TOPIC, partition: 0 }, 60), targetEnd: 60, runs: [[0, 0, 60]], records: 60, bytes: 0 };
    const [position] = await copyUntil([from], 100, 100);
    expect(position).toMatchObject({ nextSourceOffset: 100, targetEnd: 100, records: 100 });
    expect(position?.runs).toEqual([[0, 0, 100]]);
    const [source, target] = await Promise.all([readTopic(bed.SOURCE_BOOTSTRAP, RESUME_TOPIC), readTopic(bed.TARGET_BOOTSTRAP, RESUME_TOPIC)]);
    expect((target.get(0) ?? []).map((r) => r.key)).toEqual((source.get(0) ?? []).map((r) => r.key));
  });
});
