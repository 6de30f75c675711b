/**
 * A test corpus on the source for the copy tests, in fresh topics named `<prefix>.<kind>`:
 * - `compacted`: a compacted topic whose log cleaner has really run (offsets missing), tombstones kept, one record per
 *   key left (so the target's own cleaner, with the same settings, has nothing more to remove);
 * - `txn`: a transactional producer's committed and aborted transactions between plain records (markers and aborted
 *   records become gaps);
 * - `codecs`: kafkajs batches in gzip, snappy, lz4 and zstd (engine/kafka/codecs.ts);
 * - `java`: Kafka's own Java console producer, one run per codec: repeated and integer-like header names in their
 *   order, null header values, null and empty keys, null values;
 * - `keys`: null and empty keys and values, empty header values, old CreateTime timestamps; partition 1 stays empty;
 * - `large`: records near 1 MiB, the largest batch just under the topic's max.message.bytes (set on the topic, carried
 *   to the target by the topology copy), a batch of two half-MiB records;
 * - `empty`: three partitions, nothing in them.
 */
import { randomBytes } from 'node:crypto';
import kafkajs, { CompressionTypes, type Admin, type Kafka, type Message } from 'kafkajs';
import { registerCodecs } from '../../engine/kafka/codecs.js';
import type { PartitionReader } from '../../engine/copy/record-ports.js';
import { readCommitted } from './compare-partitions.js';
import { produceWithJava, type ConsoleRecord, type JavaCompression } from './java-producer.js';

export interface CorpusOptions {
  /** Source bootstrap servers (PLAINTEXT), comma separated. */
  readonly bootstrap: string;
  /** Topic name prefix: unique per run. */
  readonly prefix: string;
  /** Kafka's jars (the bed's KAFKA_SOURCE_LIBS), for the Java console producer. */
  readonly kafkaLibs: string;
  /** A wire reader on the source, to wait for the log cleaner. */
  readonly reader: PartitionReader;
  readonly log?: (line: string) => void;
}

export interface CorpusTopic {
  readonly name: string;
  readonly partitions: number;
}

export interface Corpus {
  readonly topics: readonly CorpusTopic[];
  /** Offsets of the compacted topic the cleaner removed, per partition, when the corpus was written. */
  readonly compactedAway: readonly number[];
  readonly transactions: { readonly committed: number; readonly aborted: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kafka's default message.max.bytes: 1 MiB plus the 12-byte log overhead. */
const MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
/** The largest value: its batch (about 100 bytes of batch and record overhead) just fits MAX_MESSAGE_BYTES. */
export const LARGEST_VALUE = 1_048_000;

const KINDS = {
  compacted: 2,
  txn: 3,
  codecs: 2,
  java: 2,
  keys: 2,
  large: 2,
  empty: 3,
} as const;

const topicConfigs: Partial<Record<keyof typeof KINDS, Array<{ name: string; value: string }>>> = {
  compacted: [
    { name: 'cleanup.policy', value: 'compact' },
    { name: 'segment.ms', value: '200' },
    // Kafka 4 refuses segment.bytes below 1 MiB, and the topology copy carries the setting to the target.
    { name: 'segment.bytes', value: String(1024 * 1024) },
    { name: 'min.cleanable.dirty.ratio', value: '0.01' },
  ],
  // Set on the topic (the topology copy carries it); not above the bed target's replica.fetch.max.bytes + 12 (B12).
  large: [{ name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) }],
};

function client(bootstrap: string, clientId: string): Kafka {
  return new kafkajs.Kafka({ clientId, brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING });
}

export const corpusTopics = (prefix: string): CorpusTopic[] => Object.entries(KINDS).map(([kind, partitions]) => ({ name: `${prefix}.${kind}`, partitions }));

/** Writes the corpus; returns once the compacted topic's cleaner has run and left one record per key. */
export async function writeCorpus(options: CorpusOptions): Promise<Corpus> {
  const log = options.log ?? (() => undefined);
  await registerCodecs();
  const kafka = client(options.bootstrap, `corpus-${options.prefix}`);
  const admin = kafka.admin();
  await admin.connect();
  const topics = corpusTopics(options.prefix);
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 2, configEntries: topicConfigs[t.name.slice(options.prefix.length + 1) as keyof typeof KINDS] ?? [] })),
    });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let transactions = { committed: 0, aborted: 0 };
  try {
    log('corpus: compacted rounds');
    await writeCompactedRounds(producer, `${options.prefix}.compacted`);
    log('corpus: transactions');
    transactions = await writeTransactions(kafka, producer, `${options.prefix}.txn`, options.prefix);
    log('corpus: codecs, keys, large');
    await writeCodecs(producer, `${options.prefix}.codecs`);
    await writeKeys(producer, `${options.prefix}.keys`);
    await writeLarge(producer, `${options.prefix}.large`);
  } finally {
    await producer.disconnect();
  }
  log("corpus: Kafka's Java console producer");
  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) await javaProducer(options, `${options.prefix}.java`, codec);
  log('corpus: waiting for the log cleaner');
  const compactedAway = await waitForCompaction(options.reader, `${options.prefix}.compacted`, KINDS.compacted);
  return { topics, compactedAway, transactions };
}

type Producer = ReturnType<Kafka['producer']>;

/** 30 rounds of the same 20 keys 250 ms apart (segments roll at 200 ms); the last round deletes keys k0..k4. */
async function writeCompactedRounds(producer: Producer, topic: string): Promise<void> {
  for (let round = 0; round < 30; round += 1) {
    const messages: Message[] = Array.from({ length: 20 }, (_, i) => ({
      partition: i % 2,
      key: `k${i}`,
      value: round === 29 && i < 5 ? null : `round ${round} of k${i} ${'c'.repeat(50)}`,
      headers: { round: String(round) },
    }));
    await producer.send({ topic, acks: -1, messages });
    await sleep(250);
  }
  // Unique keys push the last round out of the active segment, so the cleaner reaches it.
  for (let i = 0; i < 2; i += 1) {
    await producer.send({ topic, acks: -1, messages: [0, 1].map((partition) => ({ partition, key: `filler-${i}-${partition}`, value: `filler ${i}` })) });
    await sleep(250);
  }
}

/** Committed and aborted transactions over three partitions, with plain records written between them. */
async function writeTransactions(kafka: Kafka, plain: Producer, topic: string, prefix: string): Promise<{ committed: number; aborted: number }> {
  const producer = kafka.producer({ transactionalId: `${prefix}-txn`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  let committed = 0;
  let aborted = 0;
  try {
    for (let t = 0; t < 8; t += 1) {
      const transaction = await producer.transaction();
      await transaction.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 12 }, (_, i) => ({ partition: i % 3, key: `t${t}-${i}`, value: `txn ${t} record ${i}`, headers: { txn: String(t), trace: `x-${i}` } })),
      });
      if (t % 3 === 1) {
        await transaction.abort();
        aborted += 1;
      } else {
        await transaction.commit();
        committed += 1;
      }
      await plain.send({ topic, acks: -1, messages: [0, 1, 2].map((partition) => ({ partition, key: `plain-${t}`, value: `between transactions ${t}` })) });
    }
  } finally {
    await producer.disconnect();
  }
  return { committed, aborted };
}

async function writeCodecs(producer: Producer, topic: string): Promise<void> {
  const codecs = [CompressionTypes.GZIP, CompressionTypes.Snappy, CompressionTypes.LZ4, CompressionTypes.ZSTD, CompressionTypes.None];
  for (const [c, compression] of codecs.entries()) {
    for (const partition of [0, 1]) {
      const messages = Array.from({ length: 60 }, (_, i) => ({
        partition,
        key: `codec-${c}-${i}`,
        value: i % 10 === 0 ? randomBytes(2_000) : `value ${c}/${i} ${'z'.repeat(i * 20)}`,
        headers: { codec: String(compression), n: String(i) },
      }));
      await producer.send({ topic, acks: -1, compression, messages });
    }
  }
}

async function writeKeys(producer: Producer, topic: string): Promise<void> {
  const messages: Message[] = [
    { partition: 0, key: null, value: 'null key' },
    { partition: 0, key: Buffer.alloc(0), value: 'empty key' },
    { partition: 0, key: 'tombstone', value: null },
    { partition: 0, key: 'empty value', value: Buffer.alloc(0) },
    { partition: 0, key: null, value: null },
    { partition: 0, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: { empty: Buffer.alloc(0), other: 'x' } },
    { partition: 0, key: 'old', value: 'an old CreateTime', timestamp: '1500000000000' },
    { partition: 0, key: 'binary', value: randomBytes(300), headers: { bin: randomBytes(16) } },
  ];
  await producer.send({ topic, acks: -1, messages });
}

/**
 * Values of 1,040,000 and 1,048,000 bytes (a batch just under the topic's limit), a batch of two 500,000-byte values,
 * and a gzip batch holding a 1,000,000-byte value.
 */
async function writeLarge(producer: Producer, topic: string): Promise<void> {
  for (const partition of [0, 1]) {
    await producer.send({ topic, acks: -1, messages: [{ partition, key: `near-${partition}`, value: randomBytes(1_040_000), headers: { size: 'near' } }] });
    await producer.send({ topic, acks: -1, messages: [{ partition, key: `max-${partition}`, value: randomBytes(LARGEST_VALUE) }] });
    await producer.send({ topic, acks: -1, messages: [0, 1].map((i) => ({ partition, key: `pair-${i}`, value: randomBytes(500_000) })) });
    await producer.send({ topic, acks: -1, messages: [{ partition, key: 'small', value: 'after the large ones' }] });
  }
  await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: [{ partition: 0, key: 'gzip-large', value: Buffer.alloc(1_000_000, 'g') }] });
}

/** Records for the console producer: repeated header names (a, b, a), integer-like names (10, 2), null values and keys. */
function javaRecords(codec: string): ConsoleRecord[] {
  const records: ConsoleRecord[] = [];
  for (let i = 0; i < 40; i += 1) {
    const headers: Array<[string, string | null]> = i % 4 === 0 ? [] : [['a', `1-${i}`], ['b', '2'], ['a', `3-${i}`], ['10', 'ten'], ['2', 'two']];
    if (i % 6 === 1) headers.push(['nullable', null]);
    const key = i % 7 === 3 ? null : i % 7 === 5 ? '' : `${codec}-key-${i}`;
    const value = i % 9 === 4 ? null : `${codec} value ${i} ${'j'.repeat(i * 30)} Zoë 日本`;
    records.push({ key, value, headers });
  }
  return records;
}

/** One run of Kafka's own console producer (test/support/java-producer.ts) with `codec`. */
function javaProducer(options: CorpusOptions, topic: string, codec: JavaCompression): Promise<void> {
  return produceWithJava({ libs: options.kafkaLibs, bootstrap: options.bootstrap, topic, compression: codec, records: javaRecords(codec), lingerMs: 500 });
}

/**
 * Waits until every partition of the compacted topic has offsets missing (the cleaner ran) and one record per key
 * (nothing left for a cleaner to remove); returns the offsets removed per partition.
 */
async function waitForCompaction(reader: PartitionReader, topic: string, partitions: number, timeoutMs = 120_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const removed: number[] = [];
    let done = true;
    for (let partition = 0; partition < partitions; partition += 1) {
      const ref = { topic, partition };
      const [range] = await reader.offsets([ref]);
      if (range === undefined) throw new Error(`${topic}-${partition}: no offsets`);
      const records = await readCommitted(reader, ref, range.logStart, range.end);
      const keys = records.map((r) => Buffer.from(r.key ?? new Uint8Array()).toString());
      removed.push(Number(range.end - range.logStart) - records.length);
      if (new Set(keys).size !== keys.length || removed[partition] === 0) done = false;
    }
    if (done) return removed;
    if (Date.now() > deadline) throw new Error(`the log cleaner did not compact ${topic} within ${timeoutMs / 1000} s (removed per partition: ${removed.join(', ')})`);
    await sleep(2_000);
  }
}

/** Deletes the corpus topics on one cluster (the source, or the target's copies); missing ones are fine. */
export async function deleteTopics(admin: Admin, topics: readonly CorpusTopic[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const names = topics.map((t) => t.name).filter((name) => existing.has(name));
  if (names.length > 0) await admin.deleteTopics({ topics: names });
}
