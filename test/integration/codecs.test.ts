/**
 * Compressed record batches between kafkajs (with engine/kafka/codecs.ts) and Kafka's own Java clients, on both
 * clusters of the test bed (source: Kafka 3.9, ZooKeeper mode; target: Kafka 4.1, KRaft):
 * - records written by Kafka's Java console producer with gzip/snappy/lz4/zstd (keys, headers, nulls, multi-block
 *   values) are read by kafkajs byte for byte, and the Java shapes really went through our decoders;
 * - records written by kafkajs with each codec (binary keys and values) are accepted by the broker, which decompresses
 *   and re-validates compressed batches, and Kafka's Java console consumer prints them back identically.
 * Also: kafkajsClientConfig's SCRAM and SCRAM-over-TLS settings work against the bed's SASL listeners.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import type { KafkaConfig, KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressionType, registerCodecs, type CompressionName } from '../../engine/kafka/codecs.js';
import { isXerialFramed } from '../../engine/kafka/codecs/snappy.js';
import { zstdFrames } from '../../engine/kafka/codecs/zstd.js';
import { kafkajsClientConfig, type KafkaLogEvent } from '../../engine/kafka/kafkajs-options.js';
import {
  asKafkajsHeaders,
  bytesDiff,
  javaFixtureHeaders,
  javaFixtureKey,
  javaFixtureRecords,
  javaFixtureValue,
  JAVA_FIXTURE_RECORD_COUNT,
} from '../unit/kafka/java-records.js';
import { noise, textLike } from '../unit/kafka/sample-data.js';
import { produceWithJava, type ConsoleRecord } from '../support/java-producer.js';

const CODECS: CompressionName[] = ['gzip', 'snappy', 'lz4', 'zstd'];
const RUN = `${Date.now().toString(36)}-${process.pid}`;

/** Separators for the console tools: no test byte is '~', so these cannot occur inside keys, values or headers. */
const SEP = { key: '~K~', headersDelimiter: '~D~', headers: '~S~', headerKey: '~E~', nullMarker: '~NULL~', line: '~L~' };
const TILDE = 0x7e;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the integration project's globalSetup puts the test bed's env here`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Kafka's Java tools

const logConfigDir = mkdtempSync(join(tmpdir(), 'codecs-java-logging-'));
writeFileSync(
  join(logConfigDir, 'log4j.properties'),
  'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n' +
    'log4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n' +
    'log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n\n',
);
writeFileSync(
  join(logConfigDir, 'log4j2.xml'),
  '<?xml version="1.0" encoding="UTF-8"?><Configuration status="WARN"><Appenders>' +
    '<Console name="err" target="SYSTEM_ERR"><PatternLayout pattern="%p %m (%c)%n"/></Console></Appenders>' +
    '<Loggers><Root level="WARN"><AppenderRef ref="err"/></Root></Loggers></Configuration>',
);

/** The first of the candidate classes found in the Kafka jars of `libs` (class names moved between versions). */
function findMainClass(libs: string, candidates: string[]): string {
  const entries = new Set<string>();
  for (const jar of readdirSync(libs).filter((name) => /^kafka.*\.jar$/.test(name))) {
    for (const entry of execFileSync('unzip', ['-Z1', join(libs, jar)], { maxBuffer: 64 * 1024 * 1024 }).toString().split('\n')) {
      entries.add(entry.trim());
    }
  }
  const found = candidates.find((name) => entries.has(`${name.replace(/\./g, '/')}.class`));
  if (!found) throw new Error(`none of ${candidates.join(', ')} in ${libs}`);
  return found;
}

interface ToolResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function runJava(libs: string, mainClass: string, args: string[], input: Buffer | undefined, timeoutMs: number): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'java',
      [
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j.configuration=file:${join(logConfigDir, 'log4j.properties')}`,
        `-Dlog4j2.configurationFile=${join(logConfigDir, 'log4j2.xml')}`,
        '-cp',
        `${libs}/*`,
        mainClass,
        ...args,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The clusters

interface Cluster {
  label: string;
  brokers: string[];
  libs: string;
  consumerClass: string;
}

function cluster(label: string, bootstrapVar: string, libsVar: string): () => Cluster {
  let resolved: Cluster | undefined;
  return () => {
    if (resolved) return resolved;
    const libs = env(libsVar);
    resolved = {
      label,
      brokers: env(bootstrapVar).split(','),
      libs,
      consumerClass: findMainClass(libs, ['org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka.tools.ConsoleConsumer']),
    };
    return resolved;
  };
}

const CLUSTERS = [
  { name: 'source (Kafka 3.9, ZooKeeper)', get: cluster('source', 'SOURCE_BOOTSTRAP', 'KAFKA_SOURCE_LIBS') },
  { name: 'target (Kafka 4.1, KRaft)', get: cluster('target', 'TARGET_BOOTSTRAP', 'KAFKA_TARGET_LIBS') },
];

const kafkaLogs: KafkaLogEvent[] = [];

function clientConfig(c: Cluster): KafkaConfig {
  return kafkajsClientConfig(
    { clientId: `codecs-test-${c.label}`, brokers: c.brokers, auth: { mode: 'plaintext' }, tls: { enabled: false } },
    { onLog: (event) => kafkaLogs.push(event), logLevel: 'error' },
  );
}

/**
 * Topics and consumer groups this file created, deleted again at the end: other tests on the shared bed inventory
 * the clusters' topics and groups.
 */
const createdTopics = new Map<Cluster, string[]>();
const kafkajsGroup = (topic: string): string => `codecs-test-${topic}`;
const javaGroup = (topic: string): string => `codecs-test-java-${topic}`;

async function createTopic(c: Cluster, topic: string): Promise<void> {
  createdTopics.set(c, [...(createdTopics.get(c) ?? []), topic]);
  const admin = new kafkajs.Kafka(clientConfig(c)).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 2, configEntries: [{ name: 'compression.type', value: 'producer' }] }],
    });
  } finally {
    await admin.disconnect();
  }
}

async function consumeWithKafkajs(c: Cluster, topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = new kafkajs.Kafka(clientConfig(c)).consumer({ groupId: kafkajsGroup(topic), maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kafkajs read ${messages.length} of ${count} records from ${topic}`)), 90_000);
      consumer.on(consumer.events.CRASH, (event) => {
        clearTimeout(timer);
        reject(event.payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            messages.push(message);
            if (messages.length === count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

// ---------------------------------------------------------------------------------------------------------------
// What our decoders saw: proves the Java shapes (xerial snappy, Java's lz4 frames, zstd without content size)
// went through engine/kafka/codecs.ts and not some other path.

interface Seen {
  compressed: number;
  decompressed: number;
  inputs: Buffer[];
}
const seen = new Map<number, Seen>();
let originalCodecs: Record<number, () => unknown> | undefined;

function spyOnCodecs(): void {
  const codecs = kafkajs.CompressionCodecs as unknown as Record<number, () => unknown>;
  originalCodecs = { ...codecs };
  for (const name of CODECS) {
    const type = compressionType(name);
    const factory = codecs[type];
    if (!factory) throw new Error(`no kafkajs codec for ${name}`);
    seen.set(type, { compressed: 0, decompressed: 0, inputs: [] });
    codecs[type] = () => {
      const codec = factory() as { compress: (encoder: { buffer: Buffer }) => Promise<Buffer>; decompress: (b: Buffer) => Promise<Buffer> };
      return {
        compress: async (encoder: { buffer: Buffer }) => {
          (seen.get(type) as Seen).compressed += 1;
          return codec.compress(encoder);
        },
        decompress: async (buffer: Buffer) => {
          const record = seen.get(type) as Seen;
          record.decompressed += 1;
          if (record.inputs.length < 1000) record.inputs.push(Buffer.from(buffer));
          return codec.decompress(buffer);
        },
      };
    };
  }
}

function restoreCodecs(): void {
  if (originalCodecs) Object.assign(kafkajs.CompressionCodecs, originalCodecs);
}

/** Java writes xerial snappy, lz4 frames with FLG 0x60 / BD 0x40, and streamed zstd frames with no content size. */
function expectJavaShape(name: CompressionName, inputs: Buffer[]): void {
  expect(inputs.length).toBeGreaterThan(0);
  for (const input of inputs) {
    if (name === 'snappy') expect(isXerialFramed(input)).toBe(true);
    if (name === 'lz4') expect([...input.subarray(0, 7)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]);
    if (name === 'zstd') expect(zstdFrames(input).map((frame) => frame.contentSize)).toEqual([undefined]);
  }
}

/** Ours: the same snappy and lz4 shapes; zstd frames that state their content size (one-shot compression). */
function expectOurShape(name: CompressionName, inputs: Buffer[]): void {
  expect(inputs.length).toBeGreaterThan(0);
  for (const input of inputs) {
    if (name === 'snappy') expect(isXerialFramed(input)).toBe(true);
    if (name === 'lz4') expect([...input.subarray(0, 7)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]);
    if (name === 'zstd') expect(zstdFrames(input)[0]?.contentSize).toBeGreaterThan(0);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Records

function javaConsoleRecords(): ConsoleRecord[] {
  return Array.from({ length: JAVA_FIXTURE_RECORD_COUNT }, (_, i) => ({ key: javaFixtureKey(i), value: javaFixtureValue(i), headers: javaFixtureHeaders(i) }));
}

interface SentRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[string, Buffer]>;
  timestamp: string;
}

const withoutTilde = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte) => (byte === TILDE ? TILDE - 1 : byte)));

/** Binary keys and values (every byte value but '~'), sizes across every codec's block size, ASCII headers. */
function kafkajsRecords(): SentRecord[] {
  const sizes = [0, 1, 13, 100, 1000, 32 * 1024 + 5, 70_000, 140_000, 5, 64];
  return sizes.map((size, i) => ({
    key: i === 3 ? null : withoutTilde(noise(8 + i, 100 + i)),
    value: i === 8 ? null : withoutTilde(i % 2 === 0 ? noise(size, i + 1) : textLike(size, i + 1)),
    headers: i % 3 === 0 ? [] : [['origin', Buffer.from(`kafkajs-${i}`)], ['dup', Buffer.from('x')], ['dup', Buffer.from(`y${i}`)]],
    timestamp: String(1_700_000_000_000 + i * 1000),
  }));
}

/** Splits `haystack` on every occurrence of `separator`. */
function splitBytes(haystack: Buffer, separator: string): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = haystack.indexOf(separator, from); at !== -1; at = haystack.indexOf(separator, from)) {
    parts.push(haystack.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(haystack.subarray(from));
  return parts;
}

interface PrintedRecord {
  timestamp: string;
  offset: string;
  headers: Array<[string, Buffer]>;
  key: Buffer | null;
  value: Buffer | null;
}

/** Parses the console consumer's output: timestamp, offset, headers, key, value per record. */
function parseConsoleOutput(stdout: Buffer): PrintedRecord[] {
  const records = splitBytes(stdout, SEP.line);
  const last = records.pop();
  expect(last?.length ?? 0).toBe(0);
  return records.map((line) => {
    const fields = splitBytes(line, SEP.key);
    expect(fields).toHaveLength(5);
    const [timestamp, offset, headers, key, value] = fields as [Buffer, Buffer, Buffer, Buffer, Buffer];
    const nullable = (bytes: Buffer): Buffer | null => (bytes.toString('latin1') === SEP.nullMarker ? null : bytes);
    return {
      timestamp: timestamp.toString('latin1'),
      offset: offset.toString('latin1'),
      headers:
        headers.toString('latin1') === 'NO_HEADERS'
          ? []
          : splitBytes(headers, SEP.headers).map((pair): [string, Buffer] => {
              const colon = pair.indexOf(':');
              return [pair.subarray(0, colon).toString('latin1'), pair.subarray(colon + 1)];
            }),
      key: nullable(key),
      value: nullable(value),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  await registerCodecs();
  spyOnCodecs();
});

afterAll(async () => {
  restoreCodecs();
  for (const [c, topics] of createdTopics) {
    const admin = new kafkajs.Kafka(clientConfig(c)).admin();
    await admin.connect();
    try {
      const existing = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
      const groups = topics.flatMap((topic) => [kafkajsGroup(topic), javaGroup(topic)]).filter((group) => existing.has(group));
      if (groups.length > 0) await admin.deleteGroups(groups);
      await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  }
});

describe.each(CLUSTERS)('$name', ({ get }) => {
  it.each(CODECS)("%s: records written by Kafka's Java producer are read by kafkajs byte for byte", async (name) => {
    const c = get();
    const topic = `codecs-java-${name}-${RUN}`;
    await createTopic(c, topic);
    // Rejects with the console producer's stderr when it does not exit 0.
    await produceWithJava({ libs: c.libs, bootstrap: c.brokers.join(','), topic, compression: name, records: javaConsoleRecords(), lingerMs: 1000 });

    const type = compressionType(name);
    const before = (seen.get(type) as Seen).decompressed;
    const seenInputs = (seen.get(type) as Seen).inputs.length;
    const messages = await consumeWithKafkajs(c, topic, JAVA_FIXTURE_RECORD_COUNT);
    const expected = javaFixtureRecords();
    expect(messages).toHaveLength(expected.length);
    messages.forEach((message, i) => {
      const want = expected[i]!;
      expect(message.offset).toBe(String(i));
      expect(bytesDiff(message.key, want.key), `key of record ${i}`).toBe('');
      expect(bytesDiff(message.value, want.value), `value of record ${i}`).toBe('');
      expect(message.headers, `headers of record ${i}`).toEqual(asKafkajsHeaders(want.headers));
    });
    expect((seen.get(type) as Seen).decompressed).toBeGreaterThan(before);
    expectJavaShape(name, (seen.get(type) as Seen).inputs.slice(seenInputs));
  });

  it.each(CODECS)("%s: records written by kafkajs are accepted by the broker and read back by Kafka's Java consumer", async (name) => {
    const c = get();
    const topic = `codecs-kafkajs-${name}-${RUN}`;
    await createTopic(c, topic);
    const records = kafkajsRecords();
    const type = compressionType(name);
    const compressedBefore = (seen.get(type) as Seen).compressed;
    const producer = new kafkajs.Kafka(clientConfig(c)).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      // Two sends: two compressed batches.
      for (const part of [records.slice(0, 5), records.slice(5)]) {
        const results = await producer.send({
          topic,
          acks: -1,
          compression: compressionType(name),
          messages: part.map((record) => ({
            key: record.key,
            value: record.value,
            timestamp: record.timestamp,
            headers: asKafkajsHeaders(record.headers) as Record<string, Buffer | Buffer[]>,
          })),
        });
        expect(results.map((result) => result.errorCode)).toEqual([0]);
      }
    } finally {
      await producer.disconnect();
    }
    expect((seen.get(type) as Seen).compressed - compressedBefore).toBe(2);

    const consumed = await runJava(
      c.libs,
      c.consumerClass,
      [
        '--bootstrap-server', c.brokers.join(','),
        '--topic', topic,
        '--from-beginning',
        '--group', javaGroup(topic),
        '--max-messages', String(records.length),
        '--timeout-ms', '60000',
        '--property', 'print.timestamp=true',
        '--property', 'print.offset=true',
        '--property', 'print.headers=true',
        '--property', 'print.key=true',
        '--property', `key.separator=${SEP.key}`,
        '--property', `line.separator=${SEP.line}`,
        '--property', `headers.separator=${SEP.headers}`,
        '--property', `null.literal=${SEP.nullMarker}`,
      ],
      undefined,
      120_000,
    );
    expect(consumed.code, consumed.stderr).toBe(0);
    const printed = parseConsoleOutput(consumed.stdout);
    expect(printed).toHaveLength(records.length);
    printed.forEach((record, i) => {
      const sent = records[i]!;
      expect(record.offset).toBe(`Offset:${i}`);
      expect(record.timestamp).toBe(`CreateTime:${sent.timestamp}`);
      expect(bytesDiff(record.key, sent.key), `key of record ${i}`).toBe('');
      expect(bytesDiff(record.value, sent.value), `value of record ${i}`).toBe('');
      expect(record.headers.map(([key, value]) => [key, value.toString('latin1')])).toEqual(
        sent.headers.map(([key, value]) => [key, value.toString('latin1')]),
      );
    });

    // The broker kept our compressed batches as they were (compression.type=producer); kafkajs reads them back.
    const inputsBefore = (seen.get(type) as Seen).inputs.length;
    const readBack = await consumeWithKafkajs(c, topic, records.length);
    readBack.forEach((message, i) => {
      expect(bytesDiff(message.key, records[i]!.key), `key of record ${i}`).toBe('');
      expect(bytesDiff(message.value, records[i]!.value), `value of record ${i}`).toBe('');
    });
    expectOurShape(name, (seen.get(type) as Seen).inputs.slice(inputsBefore));
  });
});

describe('kafkajsClientConfig against the bed', () => {
  it('SCRAM-SHA-512 (source, SASL_PLAINTEXT) and SCRAM over TLS with the bed CA (target, SASL_SSL) connect', async () => {
    const password = env('SCRAM_PASSWORD');
    const logs: KafkaLogEvent[] = [];
    const configs = [
      kafkajsClientConfig(
        {
          clientId: 'codecs-test-scram',
          brokers: env('SOURCE_SCRAM_BOOTSTRAP').split(','),
          auth: { mode: 'scram-sha-512', username: env('SCRAM_USERNAME'), password },
          tls: { enabled: false },
        },
        { onLog: (event) => logs.push(event), logLevel: 'debug' },
      ),
      kafkajsClientConfig(
        {
          clientId: 'codecs-test-scram-tls',
          brokers: env('TARGET_SCRAM_TLS_BOOTSTRAP').split(','),
          auth: { mode: 'scram-sha-512', username: env('SCRAM_USERNAME'), password },
          tls: { enabled: true, caFile: env('TARGET_CA_FILE') },
        },
        { onLog: (event) => logs.push(event), logLevel: 'debug' },
      ),
    ];
    for (const config of configs) {
      const admin = new kafkajs.Kafka(config).admin();
      await admin.connect();
      try {
        expect(Array.isArray(await admin.listTopics())).toBe(true);
      } finally {
        await admin.disconnect();
      }
    }
    expect(logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toContain(password);
  });

  it('a wrong SCRAM password fails to authenticate, and neither the error nor the logs carry it', async () => {
    const wrong = `wrong-${RUN}-secret`;
    const logs: KafkaLogEvent[] = [];
    const config = kafkajsClientConfig(
      {
        clientId: 'codecs-test-bad-scram',
        brokers: env('SOURCE_SCRAM_BOOTSTRAP').split(','),
        auth: { mode: 'scram-sha-512', username: env('SCRAM_USERNAME'), password: wrong },
        tls: { enabled: false },
      },
      { onLog: (event) => logs.push(event), logLevel: 'debug' },
    );
    const admin = new kafkajs.Kafka({ ...config, retry: { retries: 0 } }).admin();
    const error = await admin.connect().then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    await admin.disconnect();
    expect(error?.name).toMatch(/SASL|Authentication/i);
    expect(`${error?.message} ${error?.stack}`).not.toContain(wrong);
    expect(JSON.stringify(logs)).not.toContain(wrong);
  });
});
