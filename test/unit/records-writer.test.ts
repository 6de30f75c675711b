/**
 * The wire writer's producer rules, against a scripted broker (each Produce request is decoded from its bytes):
 * one batch in flight per partition while other partitions proceed, a retry re-sends the very same bytes, sequences
 * advance only on success and wrap as Kafka's do, and sequence errors or an unknown outcome stop the partition
 * instead of re-sequencing. What the real brokers do with these batches is checked in
 * test/integration/records-wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { PartitionRef } from '../../engine/copy/positions.js';
import type { BrokerChannel, KafkajsProtocolRequest } from '../../engine/kafka/protocol/kafkajs-internals.js';
import type { ProducePartitionResponse, ProduceResponse } from '../../engine/kafka/protocol/produce.js';
import { splitBatches, type RawBatch } from '../../engine/kafka/records/batch-decode.js';
import { ByteReader } from '../../engine/kafka/records/byte-reader.js';
import { BatchTooLargeError, nextSequence, WireWriter, type WireCluster } from '../../engine/kafka/records/index.js';
import type { SegmentRecord } from '../../engine/segments/types.js';

interface SentBatch {
  readonly ref: PartitionRef;
  readonly bytes: Buffer;
  readonly batch: RawBatch;
  readonly acks: number;
}

type Reply = Partial<ProducePartitionResponse> | Error;

/** A broker that records every Produce and answers with what `reply` says (may wait). */
function scriptedCluster(reply: (sent: SentBatch, index: number) => Reply | Promise<Reply>, maxMessageBytes?: number) {
  const sent: SentBatch[] = [];
  const forgotten: string[] = [];
  let inits = 0;
  const channel: BrokerChannel = {
    nodeId: 1,
    versions: (apiKey) => (apiKey === 0 ? { minVersion: 3, maxVersion: 13 } : apiKey === 22 ? { minVersion: 0, maxVersion: 5 } : undefined),
    send: async <T>(request: KafkajsProtocolRequest<T>): Promise<T> => {
      if (request.request.apiKey === 22) {
        inits += 1;
        return { throttleTimeMs: 0, errorCode: 0, producerId: 4242n, producerEpoch: 7 } as T;
      }
      const body = new ByteReader((await request.request.encode()).buffer);
      expect(body.string('transactional_id')).toBeNull();
      const acks = body.i16('acks');
      body.i32('timeout');
      const entries = body.array('topics', (t) => {
        const topic = t.string('topic') as string;
        return t.array('partitions', (p) => ({ topic, partition: p.i32('partition'), bytes: p.bytes('records') as Buffer }));
      });
      expect(entries.flat()).toHaveLength(1);
      const { topic, partition, bytes } = entries.flat()[0] as { topic: string; partition: number; bytes: Buffer };
      const entry: SentBatch = { ref: { topic, partition }, bytes: Buffer.from(bytes), batch: splitBatches(bytes).batches[0] as RawBatch, acks };
      sent.push(entry);
      const answer = await reply(entry, sent.length - 1);
      if (answer instanceof Error) throw answer;
      const response: ProduceResponse = {
        throttleTimeMs: 0,
        partitions: [{ topic, partition, errorCode: 0, baseOffset: 0n, logAppendTimeMs: -1n, logStartOffset: 0n, recordErrors: [], errorMessage: null, ...answer }],
      };
      return response as T;
    },
  };
  const cluster: WireCluster = {
    leaderOf: async () => channel,
    anyBroker: async () => channel,
    warm: async () => undefined,
    forget: (topic) => void forgotten.push(topic),
    maxMessageBytes: async () => maxMessageBytes,
    requestTimeoutMs: 1000,
    clientId: 'scripted',
    close: async () => undefined,
  };
  return { cluster, sent, forgotten, inits: () => inits };
}

const records = (count: number, label = 'r'): SegmentRecord[] =>
  Array.from({ length: count }, (_, i) => ({ offset: BigInt(i), timestamp: BigInt(i), timestampType: 'CreateTime' as const, key: Buffer.from(`${label}${i}`), value: null, headers: [] }));

const lostConnection = (): Error => Object.assign(new Error('Connection closed'), { name: 'KafkaJSConnectionClosedError', retriable: true });
const fast = { retries: 2, initialBackoffMs: 1, maxBackoffMs: 2 };
const t0 = { topic: 't', partition: 0 };
const t1 = { topic: 't', partition: 1 };

describe('the wire writer as an idempotent producer', () => {
  it('asks for a producer id once; sequences start at 0 per partition and advance by the record count; acks=all', async () => {
    let offset = 100n;
    const broker = scriptedCluster((sent) => ({ baseOffset: (offset += BigInt(sent.batch.recordCount)) - BigInt(sent.batch.recordCount) }));
    const writer = new WireWriter(broker.cluster, fast);
    expect(await writer.append(t0, records(3))).toBe(100n);
    expect(await writer.append(t0, records(2))).toBe(103n);
    expect(await writer.append(t1, records(4))).toBe(105n);
    expect(broker.inits()).toBe(1);
    expect(broker.sent.map((s) => [s.ref.partition, s.batch.baseSequence, s.batch.producerId, s.batch.producerEpoch, s.acks])).toEqual([
      [0, 0, 4242n, 7, -1],
      [0, 3, 4242n, 7, -1],
      [1, 0, 4242n, 7, -1],
    ]);
  });

  it('one batch in flight per partition: a second append waits for the first answer, another partition does not', async () => {
    const gates: Array<() => void> = [];
    const broker = scriptedCluster((sent) =>
      sent.ref.partition === 0 && sent.batch.baseSequence === 0 ? new Promise<Reply>((resolve) => gates.push(() => resolve({ baseOffset: 0n }))) : { baseOffset: 9n },
    );
    const writer = new WireWriter(broker.cluster, fast);
    const first = writer.append(t0, records(2));
    const second = writer.append(t0, records(1));
    const other = writer.append(t1, records(1));
    expect(await other).toBe(9n);
    expect(broker.sent.map((s) => [s.ref.partition, s.batch.baseSequence])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    gates.forEach((open) => open());
    expect(await first).toBe(0n);
    expect(await second).toBe(9n);
    expect(broker.sent.map((s) => [s.ref.partition, s.batch.baseSequence])).toEqual([
      [0, 0],
      [1, 0],
      [0, 2],
    ]);
  });

  it('a lost connection or a leader change re-sends the very same bytes (after fresh metadata)', async () => {
    const broker = scriptedCluster((_, index) => (index === 0 ? lostConnection() : index === 1 ? { errorCode: 6 } : { baseOffset: 50n }));
    const writer = new WireWriter(broker.cluster, fast);
    expect(await writer.append(t0, records(5), { compression: 'gzip' })).toBe(50n);
    expect(broker.sent).toHaveLength(3);
    expect(broker.sent[1]?.bytes.equals(broker.sent[0]?.bytes as Buffer)).toBe(true);
    expect(broker.sent[2]?.bytes.equals(broker.sent[0]?.bytes as Buffer)).toBe(true);
    expect(broker.forgotten).toEqual(['t', 't']);
    expect(await writer.append(t0, records(1))).toBe(50n);
    expect(broker.sent[3]?.batch.baseSequence).toBe(5);
  });

  it.each([
    [45, 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
    [59, 'UNKNOWN_PRODUCER_ID'],
    [46, 'DUPLICATE_SEQUENCE_NUMBER'],
    [47, 'INVALID_PRODUCER_EPOCH'],
  ])('error %i (%s) fails the partition for good, without re-sequencing; other partitions go on', async (code, name) => {
    const broker = scriptedCluster((sent) => (sent.ref.partition === 0 ? { errorCode: code } : { baseOffset: 1n }));
    const writer = new WireWriter(broker.cluster, fast);
    await expect(writer.append(t0, records(2))).rejects.toThrow(new RegExp(`^t-0: the target refused the idempotent append \\(${name}`));
    await expect(writer.append(t0, records(2))).rejects.toThrow(new RegExp(`^t-0: the target refused the idempotent append \\(${name}`));
    expect(broker.sent.filter((s) => s.ref.partition === 0)).toHaveLength(1);
    expect(await writer.append(t1, records(1))).toBe(1n);
  });

  it('an outcome still unknown after every retry stops the partition (the next sequence number is unknown)', async () => {
    const broker = scriptedCluster(() => lostConnection());
    const writer = new WireWriter(broker.cluster, fast);
    await expect(writer.append(t0, records(1))).rejects.toThrow(/^t-0: the outcome of an append stayed unknown after every retry/);
    const sends = broker.sent.length;
    expect(sends).toBe(3);
    await expect(writer.append(t0, records(1))).rejects.toThrow(/stayed unknown/);
    expect(broker.sent).toHaveLength(sends);
  });

  it('too large: refused before sending when max.message.bytes is known, and on MESSAGE_TOO_LARGE; the sequence is kept', async () => {
    const known = scriptedCluster(() => ({ baseOffset: 0n }), 100);
    const writer = new WireWriter(known.cluster, fast);
    const error = await writer.append(t0, records(20)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchTooLargeError);
    expect((error as Error).message).toMatch(/^t-0: a record batch of \d+ bytes is larger than the target accepts \(max.message.bytes 100\)/);
    expect(known.sent).toHaveLength(0);

    const refused = scriptedCluster((_, index) => (index === 0 ? { errorCode: 10 } : { baseOffset: 0n }));
    const writer2 = new WireWriter(refused.cluster, fast);
    await expect(writer2.append(t0, records(3))).rejects.toThrow(/larger than the target accepts \(the broker answered MESSAGE_TOO_LARGE\)/);
    expect(await writer2.append(t0, records(1))).toBe(0n);
    expect(refused.sent.map((s) => s.batch.baseSequence)).toEqual([0, 0]);
  });

  it('other refusals name the broker error and its messages; the partition goes on', async () => {
    const broker = scriptedCluster((_, index) =>
      index === 0 ? { errorCode: 87, errorMessage: 'bad record', recordErrors: [{ batchIndex: 1, message: 'compacted topic needs a key' }] } : { baseOffset: 3n },
    );
    const writer = new WireWriter(broker.cluster, fast);
    await expect(writer.append(t0, records(2))).rejects.toThrow(/producing to t-0 failed: INVALID_RECORD; bad record; record 1: compacted topic needs a key/);
    expect(await writer.append(t0, records(2))).toBe(3n);
  });

  it('an append of no records is refused by name and sends nothing', async () => {
    const broker = scriptedCluster(() => ({ baseOffset: 0n }));
    await expect(new WireWriter(broker.cluster, fast).append(t0, [])).rejects.toThrow(/^t-0: append was given no records \(it needs at least one\)/);
    expect(broker.sent).toHaveLength(0);
  });

  it('records that cannot share one batch (timestamps further apart than an int64) are refused by name, nothing sent, the sequence kept', async () => {
    const broker = scriptedCluster(() => ({ baseOffset: 0n }));
    const writer = new WireWriter(broker.cluster, fast);
    const apart = records(2).map((record, i) => ({ ...record, timestamp: i === 0 ? -(2n ** 63n) : 2n ** 63n - 1n }));
    await expect(writer.append(t0, apart)).rejects.toThrow(/^t-0: these records cannot form one record batch: timestamps .* are too far apart for one batch/);
    expect(broker.sent).toHaveLength(0);
    expect(await writer.append(t0, records(1))).toBe(0n);
    expect(broker.sent[0]?.batch.baseSequence).toBe(0);
  });

  it("sequences wrap from 2^31 - 1 to 0 as Kafka's do", () => {
    expect(nextSequence(0, 5)).toBe(5);
    expect(nextSequence(2 ** 31 - 3, 2)).toBe(2 ** 31 - 1);
    expect(nextSequence(2 ** 31 - 1, 1)).toBe(0);
    expect(nextSequence(2 ** 31 - 2, 5)).toBe(3);
  });
});
