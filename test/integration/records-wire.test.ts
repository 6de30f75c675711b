/**
 * The copy's wire data path (engine/kafka/records/) against the real test bed:
 * (a) batches written by Kafka's own Java producer, in every codec and Java's framing, read back record by record;
 * (b) read_committed over a transactional producer's committed, aborted and open transactions, moving past markers;
 * (c) the writer appends every record shape in every codec to Kafka 4.1; the reader returns them identical at the
 *     offsets the writer reported; an over-size batch fails by name;
 * (d) a re-sent batch (same producer id, epoch, sequence) is stored once; a sequence gap fails the partition;
 * (e) SCRAM on the source and SASL_SSL (SCRAM over TLS) on the target.
 */
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartitionRef } from '../../engine/copy/positions.js';
import type { FetchedRecords, PartitionReader } from '../../engine/copy/record-ports.js';
import { isXerialFramed } from '../../engine/kafka/codecs/snappy.js';
import { initZstd, zstdFrames } from '../../engine/kafka/codecs/zstd.js';
import type { KafkaClusterConnection } from '../../engine/kafka/kafkajs-options.js';
import { READ_UNCOMMITTED, fetchRequest } from '../../engine/kafka/protocol/fetch.js';
import type { BrokerChannel } from '../../engine/kafka/protocol/kafkajs-internals.js';
import { splitBatches } from '../../engine/kafka/records/batch-decode.js';
import { encodeBatch } from '../../engine/kafka/records/batch-encode.js';
import {
  BatchTooLargeError,
  connectWireCluster,
  createWireReader,
  createWireWriter,
  WireWriter,
  type AppendState,
  type WireCluster,
  type WireRetryEvent,
} from '../../engine/kafka/records/index.js';
import type { SegmentRecord, SourceCompression } from '../../engine/segments/types.js';
import { produceWithJava, type ConsoleRecord } from '../support/java-producer.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const env = loadTestbedEnv();
const RUN = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const CODECS: readonly SourceCompression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

function connection(role: 'source' | 'target', secured = false): KafkaClusterConnection {
  const plain = { auth: { mode: 'plaintext' as const }, tls: { enabled: false } };
  const scram = { mode: 'scram-sha-512' as const, username: env.SCRAM_USERNAME, password: env.SCRAM_PASSWORD };
  if (role === 'source') {
    return secured
      ? { clientId: `rawkafka-src-scram-${RUN}`, brokers: env.SOURCE_SCRAM_BOOTSTRAP.split(','), auth: scram, tls: { enabled: false } }
      : { clientId: `rawkafka-src-${RUN}`, brokers: env.SOURCE_BOOTSTRAP.split(','), ...plain };
  }
  return secured
    ? { clientId: `rawkafka-tgt-tls-${RUN}`, brokers: env.TARGET_SCRAM_TLS_BOOTSTRAP.split(','), auth: scram, tls: { enabled: true, caFile: env.TARGET_CA_FILE } }
    : { clientId: `rawkafka-tgt-${RUN}`, brokers: env.TARGET_BOOTSTRAP.split(','), ...plain };
}

const kafkaOf = (role: 'source' | 'target') =>
  new kafkajs.Kafka({ clientId: `rawkafka-admin-${RUN}`, brokers: connection(role).brokers, logLevel: kafkajs.logLevel.NOTHING });

const created: Record<'source' | 'target', string[]> = { source: [], target: [] };

/** Creates a topic for this run (setup only: a busy shared controller gets two more tries, the error says which). */
async function createTopic(role: 'source' | 'target', suffix: string, configs: Record<string, string> = {}): Promise<string> {
  const topic = `rawkafka-${suffix}-${RUN}`;
  const admin = kafkaOf(role).admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: 1, replicationFactor: 2, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
        });
        break;
      } catch (error) {
        if (attempt >= 3) throw new Error(`creating ${topic} on the ${role} failed ${attempt} times: ${(error as Error).message}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
    created[role].push(topic);
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** Every committed record of the partition from `from` to its high watermark, fetch by fetch; also the fetches. */
async function readAll(reader: PartitionReader, ref: PartitionRef, from = 0n, maxBytes = 1 << 20): Promise<{ records: SegmentRecord[]; fetches: FetchedRecords[] }> {
  const records: SegmentRecord[] = [];
  const fetches: FetchedRecords[] = [];
  let next = from;
  for (let round = 0; round < 1000; round += 1) {
    const answer = await reader.fetch(ref, next, { maxBytes, maxWaitMs: 0 });
    fetches.push(answer);
    records.push(...answer.records);
    expect(answer.nextOffset >= next).toBe(true);
    next = answer.nextOffset;
    if (next >= answer.highWatermark) return { records, fetches };
  }
  throw new Error(`${ref.topic}-${ref.partition}: no end after 1000 fetches (at ${next})`);
}

const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));
const hex = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('hex'));

/** What an operator compares: key, value, headers in order (null distinct from empty). */
function shapeOf(record: SegmentRecord) {
  return { key: hex(record.key), value: hex(record.value), headers: record.headers.map((h) => [h.key, hex(h.value)]) };
}

let sourceReader: PartitionReader;
let targetReader: PartitionReader;

beforeAll(async () => {
  await initZstd();
  sourceReader = await createWireReader(connection('source'), { retries: 3, initialBackoffMs: 100 });
  targetReader = await createWireReader(connection('target'), { retries: 3, initialBackoffMs: 100 });
});

afterAll(async () => {
  await sourceReader?.close();
  await targetReader?.close();
  for (const role of ['source', 'target'] as const) {
    if (created[role].length === 0) continue;
    const admin = kafkaOf(role).admin();
    await admin.connect();
    try {
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const left = new Set(await admin.listTopics());
        const topics = created[role].filter((topic) => left.has(topic));
        if (topics.length === 0) break;
        try {
          await admin.deleteTopics({ topics, timeout: 30_000 });
          break;
        } catch (error) {
          if (attempt === 3) console.error(`records-wire: could not delete ${topics.join(', ')} on the ${role}: ${(error as Error).message}`);
          else await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }
});

// ---------------------------------------------------------------------------------------------------------------
// (a) Kafka's Java producer

function javaRecords(codec: string): ConsoleRecord[] {
  return Array.from({ length: 60 }, (_, i) => ({
    key: i % 9 === 4 ? null : i % 9 === 5 ? '' : `key-${codec}-${i}`,
    value: i % 13 === 6 ? null : i % 13 === 7 ? '' : `value ${i} Zoë 日本 🚀 ${'payload '.repeat((i * 37) % 300)}`,
    headers:
      i % 4 === 0
        ? []
        : [
            ['a', `1-${i}`],
            ['b', '2'],
            ['a', '3'],
            ['2', 'two'],
            ['1', null],
            ['empty', ''],
          ],
  }));
}

/** The raw batches of a partition (read_uncommitted, our Fetch), to see the Java framing of each codec. */
async function rawBatchBodies(cluster: WireCluster, ref: PartitionRef): Promise<Buffer[]> {
  const channel = await cluster.leaderOf(ref);
  const response = await channel.send(
    fetchRequest([{ ...ref, fetchOffset: 0n, partitionMaxBytes: 4 << 20 }], { version: 11, maxWaitMs: 0, minBytes: 1, maxBytes: 4 << 20, isolationLevel: READ_UNCOMMITTED }),
  );
  return splitBatches(response.partitions[0]?.records ?? Buffer.alloc(0)).batches.map((batch) => batch.body);
}

describe("(a) batches written by Kafka's Java producer (Kafka 3.9 source)", () => {
  const topics = new Map<string, string>();

  it.each(CODECS)('%s: every record read back exactly, in Java’s own framing', async (codec) => {
    const topic = await createTopic('source', `java-${codec}`, { 'compression.type': 'producer' });
    topics.set(codec, topic);
    const sent = javaRecords(codec);
    const before = BigInt(Date.now());
    await produceWithJava({ libs: env.KAFKA_SOURCE_LIBS, bootstrap: env.SOURCE_BOOTSTRAP, topic, compression: codec, records: sent });
    const after = BigInt(Date.now());

    const ref = { topic, partition: 0 };
    const { records } = await readAll(sourceReader, ref);
    expect(records).toHaveLength(sent.length);
    records.forEach((record, i) => {
      const want = sent[i] as ConsoleRecord;
      expect(record.offset).toBe(BigInt(i));
      expect(text(record.key), `key ${i}`).toBe(want.key);
      expect(text(record.value), `value ${i}`).toBe(want.value);
      expect(record.headers.map((h) => [h.key, text(h.value)]), `headers ${i}`).toEqual(want.headers);
      expect(record.timestampType).toBe('CreateTime');
      expect(record.timestamp >= before - 1000n && record.timestamp <= after).toBe(true);
      expect(record.batch?.compression).toBe(codec);
      expect(record.batch?.producerId, 'Java producers are idempotent by default').toBeGreaterThanOrEqual(0n);
    });
    const batchCount = new Set(records.map((r) => r.batch?.baseOffset)).size;
    expect(batchCount).toBeGreaterThanOrEqual(1);

    const cluster = await connectWireCluster(connection('source'));
    try {
      const bodies = await rawBatchBodies(cluster, ref);
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) {
        if (codec === 'snappy') expect(isXerialFramed(body)).toBe(true);
        if (codec === 'lz4') expect([...body.subarray(0, 6)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40]);
        if (codec === 'zstd') expect(zstdFrames(body).map((frame) => frame.contentSize)).toEqual([undefined]);
      }
    } finally {
      await cluster.close();
    }
  });

  it('(e) the same records over SCRAM-SHA-512 (the source SASL listener) read identical to PLAINTEXT', async () => {
    const topic = topics.get('zstd');
    expect(topic).toBeDefined();
    const ref = { topic: topic as string, partition: 0 };
    const scramReader = await createWireReader(connection('source', true));
    try {
      const overScram = await readAll(scramReader, ref);
      const overPlain = await readAll(sourceReader, ref);
      expect(overScram.records.map(shapeOf)).toEqual(overPlain.records.map(shapeOf));
      expect(overScram.records).toHaveLength(60);
    } finally {
      await scramReader.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (b) read_committed

describe('(b) read_committed over a transactional producer', () => {
  it('returns exactly the committed records, moves past markers and aborted batches, and stops at an open transaction', async () => {
    const topic = await createTopic('source', 'txn');
    const ref = { topic, partition: 0 };
    const producer = kafkaOf('source').producer({ transactionalId: `rawkafka-txn-${RUN}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const send = async (keys: string[], outcome: 'commit' | 'abort' | 'open') => {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: keys.map((key) => ({ key, value: `v-${key}`, partition: 0, headers: { h: 'x' } })) });
      if (outcome === 'commit') await transaction.commit();
      if (outcome === 'abort') await transaction.abort();
      return transaction;
    };
    try {
      await send(['c1', 'c2', 'c3'], 'commit'); // offsets 0-2, marker 3
      await send(['a1', 'a2'], 'abort'); // offsets 4-5, marker 6
      await send(['c4'], 'commit'); // offset 7, marker 8
      const all = await readAll(sourceReader, ref);
      expect(all.records.map((r) => [r.offset, text(r.key)])).toEqual([
        [0n, 'c1'],
        [1n, 'c2'],
        [2n, 'c3'],
        [7n, 'c4'],
      ]);
      expect(all.records.every((r) => r.batch?.transactional === true)).toBe(true);
      expect(all.fetches.at(-1)?.nextOffset).toBe(9n);

      // One batch per fetch (max bytes 1: the broker still sends the first batch whole): answers holding only an
      // aborted batch or only a marker return nothing and still move on.
      const stepped = await readAll(sourceReader, ref, 4n, 1);
      expect(stepped.fetches.map((f) => [f.records.length, f.nextOffset])).toEqual([
        [0, 6n],
        [0, 7n],
        [1, 8n],
        [0, 9n],
      ]);

      // An open transaction: the last stable offset stops the read until it commits.
      const open = await send(['o1'], 'open'); // offset 9
      const waiting = await sourceReader.fetch(ref, 9n, { maxBytes: 1 << 20, maxWaitMs: 0 });
      expect([waiting.records.length, waiting.nextOffset, waiting.lastStableOffset, waiting.highWatermark]).toEqual([0, 9n, 9n, 10n]);
      await open.commit(); // marker 10
      const done = await readAll(sourceReader, ref, 9n);
      expect(done.records.map((r) => [r.offset, text(r.key)])).toEqual([[9n, 'o1']]);
      expect(done.fetches.at(-1)?.nextOffset).toBe(11n);
    } finally {
      await producer.disconnect();
    }
  });

  it('a topic that does not exist fails by name after a short grace, not after minutes of retries', async () => {
    const reader = await createWireReader(connection('source')); // the default retries would back off for about 2 minutes
    const started = Date.now();
    try {
      await expect(reader.fetch({ topic: `rawkafka-absent-${RUN}`, partition: 0 }, 0n, { maxBytes: 1024, maxWaitMs: 0 })).rejects.toThrow(
        new RegExp(`topic rawkafka-absent-${RUN} does not exist \\(UNKNOWN_TOPIC_OR_PARTITION for 10 s\\)`),
      );
      expect(Date.now() - started).toBeLessThan(40_000);
    } finally {
      await reader.close();
    }
  });

  it('out of range: a fetch past the high watermark names the partition and its range', async () => {
    const topic = await createTopic('source', 'range');
    await expect(sourceReader.fetch({ topic, partition: 0 }, 5n, { maxBytes: 1024, maxWaitMs: 0 })).rejects.toThrow(
      new RegExp(`${topic}-0: offset 5 is out of range; the partition holds offsets 0 to -1 \\(log start 0, high watermark 0\\)`),
    );
    expect(await sourceReader.offsets([{ topic, partition: 0 }])).toEqual([{ topic, partition: 0, logStart: 0n, end: 0n }]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (c) the writer on Kafka 4.1

function bigValue(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i % 3 === 0 ? x & 0xff : 0x41 + (i % 26);
  }
  return out;
}

function recordsToWrite(codec: string): SegmentRecord[] {
  const base = { offset: 0n, timestampType: 'CreateTime' as const };
  return [
    { ...base, timestamp: 1_600_000_000_000n, key: Buffer.from(`k-${codec}`), value: Buffer.from('v'), headers: [{ key: 'a', value: Buffer.from('1') }, { key: 'b', value: Buffer.from('2') }, { key: 'a', value: Buffer.from('3') }] },
    { ...base, timestamp: 1_600_000_000_001n, key: null, value: Buffer.from('no key'), headers: [{ key: '2', value: Buffer.from('two') }, { key: '1', value: Buffer.from('one') }] },
    { ...base, timestamp: 1_600_000_000_002n, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [{ key: 'nullable', value: null }, { key: 'empty', value: Buffer.alloc(0) }] },
    { ...base, timestamp: 1_500_000_000_000n, key: Buffer.from('tombstone'), value: null, headers: [] },
    { ...base, timestamp: 1_600_000_000_003n, key: Buffer.from([0, 255, 1, 254]), value: bigValue(1024 * 1024, codec.length), headers: [{ key: 'big', value: Buffer.from('1MiB') }] },
    { ...base, timestamp: -5n, key: Buffer.from('negative time'), value: Buffer.from('x'), headers: [] },
  ];
}

describe('(c) the writer appends to Kafka 4.1 exactly what it is given', () => {
  it('every codec: records read back identical, at the base offsets append returned, with our producer id and sequences', async () => {
    const topic = await createTopic('target', 'write', { 'max.message.bytes': String(4 * 1024 * 1024) });
    const ref = { topic, partition: 0 };
    const writer = await createWireWriter(connection('target'), { retries: 3, initialBackoffMs: 100 });
    try {
      const written: SegmentRecord[] = [];
      const bases: bigint[] = [];
      for (const codec of CODECS) {
        const records = recordsToWrite(codec);
        bases.push(await writer.append(ref, records, { compression: codec }));
        written.push(...records);
      }
      expect(bases).toEqual(CODECS.map((_, i) => BigInt(i * 6)));
      const { producerId, producerEpoch } = await writer.identity();
      const { records } = await readAll(targetReader, ref, 0n, 8 << 20);
      expect(records).toHaveLength(written.length);
      records.forEach((record, i) => {
        const want = written[i] as SegmentRecord;
        expect(record.offset).toBe(BigInt(i));
        expect(shapeOf(record), `record ${i}`).toEqual(shapeOf(want));
        expect(record.timestamp).toBe(want.timestamp);
        expect(record.batch).toMatchObject({
          baseOffset: bases[Math.floor(i / 6)],
          compression: CODECS[Math.floor(i / 6)],
          producerId,
          producerEpoch,
          baseSequence: Math.floor(i / 6) * 6,
          lastOffsetDelta: 5,
          transactional: false,
        });
      });
      expect((await targetReader.offsets([ref]))[0]).toMatchObject({ logStart: 0n, end: BigInt(written.length) });
    } finally {
      await writer.close();
    }
  });

  it('a batch over the topic’s max.message.bytes fails naming the partition and size, and the partition goes on afterwards', async () => {
    const topic = await createTopic('target', 'small', { 'max.message.bytes': '50000' });
    const ref = { topic, partition: 0 };
    const writer = await createWireWriter(connection('target'), { retries: 2, initialBackoffMs: 100 });
    try {
      const big: SegmentRecord = { offset: 0n, timestamp: 1n, timestampType: 'CreateTime', key: null, value: bigValue(100_000, 7), headers: [] };
      const error = await writer.append(ref, [big]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BatchTooLargeError);
      expect((error as Error).message).toMatch(new RegExp(`^${topic}-0: a record batch of 1000\\d\\d bytes is larger than the target accepts \\(max.message.bytes 50000\\)`));
      expect(await writer.append(ref, [{ ...big, value: Buffer.from('small') }])).toBe(0n);
    } finally {
      await writer.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (d) idempotence

/** The cluster as the writer sees it, except that the first Produce answer is lost (as after a timeout). */
function losingFirstProduceAnswer(cluster: WireCluster): WireCluster & { lost: number } {
  const wrapped = {
    lost: 0,
    leaderOf: async (ref: PartitionRef): Promise<BrokerChannel> => {
      const channel = await cluster.leaderOf(ref);
      return {
        nodeId: channel.nodeId,
        versions: (apiKey) => channel.versions(apiKey),
        send: async (request) => {
          const answer = await channel.send(request);
          if (request.request.apiKey === 0 && wrapped.lost === 0) {
            wrapped.lost += 1;
            throw Object.assign(new Error('Request Produce timed out (its answer was dropped by the test)'), { name: 'KafkaJSRequestTimeoutError', retriable: true });
          }
          return answer;
        },
      };
    },
    anyBroker: () => cluster.anyBroker(),
    warm: (topics: readonly string[]) => cluster.warm(topics),
    forget: (topic: string) => cluster.forget(topic),
    maxMessageBytes: (topic: string) => cluster.maxMessageBytes(topic),
    requestTimeoutMs: cluster.requestTimeoutMs,
    clientId: cluster.clientId,
    close: () => cluster.close(),
  };
  return wrapped;
}

describe('(d) idempotent appends', () => {
  it('an append whose answer was lost is re-sent as the same batch and stored once', async () => {
    const topic = await createTopic('target', 'retry');
    const ref = { topic, partition: 0 };
    const cluster = losingFirstProduceAnswer(await connectWireCluster(connection('target')));
    const writer = new WireWriter(cluster, { retries: 3, initialBackoffMs: 50, compression: 'zstd' });
    try {
      const records = recordsToWrite('retry').slice(0, 4);
      expect(await writer.append(ref, records)).toBe(0n);
      expect(cluster.lost).toBe(1);
      expect(await writer.append(ref, records)).toBe(4n);
      const { records: stored } = await readAll(targetReader, ref);
      expect(stored.map((r) => r.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
      expect(stored.map(shapeOf)).toEqual([...records, ...records].map(shapeOf));
    } finally {
      await writer.close();
    }
  });

  it('the same batch sent twice answers with the first offset both times; a sequence gap fails the partition by name', async () => {
    const topic = await createTopic('target', 'dup');
    const ref = { topic, partition: 0 };
    const writer = await createWireWriter(connection('target'), { retries: 2, initialBackoffMs: 50 });
    try {
      const { producerId, producerEpoch } = await writer.identity();
      const records = recordsToWrite('dup').slice(0, 3);
      const batch = encodeBatch(records, { producerId, producerEpoch, baseSequence: 0, compression: 'lz4' });
      const state: AppendState = { failed: undefined };
      expect(await writer.send(ref, state, batch)).toBe(0n);
      expect(await writer.send(ref, state, batch)).toBe(0n);
      expect((await targetReader.offsets([ref]))[0]?.end).toBe(3n);

      const gap = encodeBatch(records, { producerId, producerEpoch, baseSequence: 10, compression: 'none' });
      const gapState: AppendState = { failed: undefined };
      await expect(writer.send(ref, gapState, gap)).rejects.toThrow(
        new RegExp(`${topic}-0: the target refused the idempotent append \\(OUT_OF_ORDER_SEQUENCE_NUMBER`),
      );
      expect(gapState.failed).toBeDefined();
      expect((await targetReader.offsets([ref]))[0]?.end).toBe(3n);
    } finally {
      await writer.close();
    }
  });
});

describe('LogAppendTime topics', () => {
  it("records of a LogAppendTime topic read with the broker's append time, and are written to the target with that timestamp", async () => {
    const topic = await createTopic('source', 'appendtime', { 'message.timestamp.type': 'LogAppendTime' });
    const ref = { topic, partition: 0 };
    const writer = await createWireWriter(connection('source'));
    const before = BigInt(Date.now());
    try {
      await writer.append(ref, recordsToWrite('lat').slice(0, 3), { compression: 'gzip' });
    } finally {
      await writer.close();
    }
    const after = BigInt(Date.now());
    const { records } = await readAll(sourceReader, ref);
    expect(records.map((r) => r.timestampType)).toEqual(['LogAppendTime', 'LogAppendTime', 'LogAppendTime']);
    const stamp = records[0]?.timestamp as bigint;
    expect(stamp >= before - 1000n && stamp <= after + 1000n, `append time ${stamp} within the append`).toBe(true);
    expect(records.every((r) => r.timestamp === stamp)).toBe(true);

    const copy = await createTopic('target', 'appendtime-copy');
    const targetWriter = await createWireWriter(connection('target'));
    try {
      await targetWriter.append({ topic: copy, partition: 0 }, records);
    } finally {
      await targetWriter.close();
    }
    const copied = (await readAll(targetReader, { topic: copy, partition: 0 })).records;
    expect(copied.map((r) => [r.timestampType, r.timestamp])).toEqual(records.map(() => ['CreateTime', stamp]));
    expect(copied.map(shapeOf)).toEqual(records.map(shapeOf));
  });
});

describe('offsets of many partitions', () => {
  it('log start and high watermark of every partition of two topics (both leaders), in the order asked, as Kafka reports them', async () => {
    const admin = kafkaOf('target').admin();
    const topics = [`rawkafka-offsets-a-${RUN}`, `rawkafka-offsets-b-${RUN}`];
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: 6, replicationFactor: 2 })) });
      created.target.push(...topics);
      const writer = await createWireWriter(connection('target'));
      try {
        for (let partition = 0; partition < 6; partition += 1) {
          for (let round = 0; round < partition; round += 1) await writer.append({ topic: topics[0] as string, partition }, recordsToWrite('o').slice(0, 2));
        }
      } finally {
        await writer.close();
      }
      await admin.fetchTopicMetadata({ topics }); // kafkajs's deleteTopicRecords needs the topic in its metadata cache
      await admin.deleteTopicRecords({ topic: topics[0] as string, partitions: [{ partition: 5, offset: '3' }] });
      const refs = [...topics.flatMap((topic) => [5, 0, 3, 1, 4, 2].map((partition) => ({ topic, partition }))), { topic: topics[0] as string, partition: 5 }];
      const bounds = await targetReader.offsets(refs);
      expect(bounds.map((b) => [b.topic, b.partition])).toEqual(refs.map((r) => [r.topic, r.partition]));
      for (const topic of topics) {
        const kafka = await admin.fetchTopicOffsets(topic);
        for (const entry of kafka) {
          const ours = bounds.find((b) => b.topic === topic && b.partition === entry.partition);
          expect([ours?.logStart, ours?.end], `${topic}-${entry.partition}`).toEqual([BigInt(entry.low), BigInt(entry.high)]);
        }
      }
      expect(bounds.find((b) => b.topic === topics[0] && b.partition === 5)).toMatchObject({ logStart: 3n, end: 10n });
    } finally {
      await admin.disconnect();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Leader changes

/** Moves the partition's only replica to `broker` and waits until Metadata names it the leader. */
async function moveLeader(topic: string, broker: number): Promise<void> {
  const admin = kafkaOf('target').admin();
  await admin.connect();
  try {
    await admin.alterPartitionReassignments({ topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [broker] }] }] });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      const partition = meta?.partitions.find((p) => p.partitionId === 0);
      if (partition?.leader === broker && partition.replicas.length === 1) return;
      if (Date.now() > deadline) throw new Error(`${topic}-0: leader still ${partition?.leader} after a minute`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

describe('leader changes', () => {
  it('after the leader moves to the other broker, the writer and the reader follow it (NOT_LEADER, fresh metadata) and nothing is lost or doubled', async () => {
    const topic = `rawkafka-leader-${RUN}`;
    const admin = kafkaOf('target').admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }] });
      created.target.push(topic);
    } finally {
      await admin.disconnect();
    }
    const ref = { topic, partition: 0 };
    const retries: WireRetryEvent[] = [];
    const options = { retries: 8, initialBackoffMs: 200, onRetry: (event: WireRetryEvent) => retries.push(event) };
    const writer = await createWireWriter(connection('target'), { ...options, compression: 'lz4' });
    const reader = await createWireReader(connection('target'), options);
    try {
      expect(await writer.append(ref, recordsToWrite('before').slice(0, 3))).toBe(0n);
      expect((await reader.fetch(ref, 0n, { maxBytes: 1 << 20, maxWaitMs: 0 })).records).toHaveLength(3);
      await moveLeader(topic, 2);
      expect(await writer.append(ref, recordsToWrite('after').slice(0, 3))).toBe(3n);
      const after = await readAll(reader, ref);
      expect(after.records.map((r) => text(r.key))).toEqual(['k-before', null, '', 'k-after', null, '']);
      await moveLeader(topic, 1);
      expect(await writer.append(ref, recordsToWrite('back').slice(0, 1))).toBe(6n);
      expect((await readAll(reader, ref, 6n)).records.map((r) => text(r.key))).toEqual(['k-back']);
      // The old leader refused (it no longer holds the partition): proof the caches were stale and were refreshed.
      expect(retries.some((event) => /producing to .*: .*(NOT_LEADER|UNKNOWN_TOPIC_OR_PARTITION)/.test(`${event.operation}: ${event.reason}`))).toBe(true);
      expect(retries.some((event) => /fetching .*: .*(NOT_LEADER|UNKNOWN_TOPIC_OR_PARTITION)/.test(`${event.operation}: ${event.reason}`))).toBe(true);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (e) SASL_SSL on the target

describe('(e) SCRAM over TLS on the target (SASL_SSL)', () => {
  it('a wrong password and an unreachable address fail at creation, CLUSTER_UNREACHABLE, naming the brokers and never the secret', async () => {
    const wrong = { ...connection('target', true), auth: { mode: 'scram-sha-512' as const, username: env.SCRAM_USERNAME, password: `wrong-${RUN}` } };
    const denied = await createWireWriter(wrong, { connectTimeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'CLUSTER_UNREACHABLE', retriable: false });
    expect((denied as Error).message).toMatch(new RegExp(`cannot connect to ${env.TARGET_SCRAM_TLS_BOOTSTRAP.split(',')[0]}.*authentication failed`));
    expect((denied as Error).message).not.toContain(`wrong-${RUN}`);
    const nowhere = { ...connection('target'), brokers: ['127.0.0.1:1'] };
    const unreachable = await createWireReader(nowhere, { connectTimeoutMs: 3_000 }).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'CLUSTER_UNREACHABLE', retriable: true });
    expect((unreachable as Error).message).toMatch(/cannot connect to 127\.0\.0\.1:1/);
  });


  it('the writer appends and the reader reads back over SASL_SSL', async () => {
    const topic = await createTopic('target', 'tls', { 'max.message.bytes': String(4 * 1024 * 1024) });
    const ref = { topic, partition: 0 };
    const writer = await createWireWriter(connection('target', true));
    const reader = await createWireReader(connection('target', true));
    try {
      const records = recordsToWrite('tls');
      expect(await writer.append(ref, records, { compression: 'snappy' })).toBe(0n);
      const { records: back } = await readAll(reader, ref, 0n, 8 << 20);
      expect(back.map(shapeOf)).toEqual(records.map(shapeOf));
      await writer.close();
      await reader.close();
      // Closed means closed: nothing reconnects behind the caller's back.
      await expect(reader.fetch(ref, 0n, { maxBytes: 1024, maxWaitMs: 0 })).rejects.toThrow(/the connection was closed; open a new reader or writer/);
      await expect(writer.append(ref, records)).rejects.toThrow(/the connection was closed/);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
