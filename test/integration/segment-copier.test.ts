/**
 * The segment copier against the real bed: the wire reader on the Kafka 3.9 source, the wire writer on the Kafka 4.1
 * target, the segment store on moto's S3 with SSE-KMS. A topic with four partitions (one empty until the tail), records
 * in batches of every codec, repeated header keys, null and empty keys, tombstones, empty values and an aborted
 * transaction: after the seed and the tail every target partition holds the source's committed records, record by
 * record through the offset map (key, value, headers in order, timestamp); the seed's segments are in the backup
 * bucket under the documented keys, SSE-KMS with the configured key; the restore of a partition began before its seed
 * reading ended. A seed that fails mid-way resumes from its positions, restoring the segments already stored (no key
 * written twice); records deleted on the source (deleteRecords) before they were read are a reported gap. Everything
 * is named after this run and deleted at the end (topics, S3 prefix).
 */
import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import kafkajs, { type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsFromEnv } from '../../engine/aws/credentials.js';
import { createS3Client } from '../../engine/aws/s3-client.js';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { translateOffset } from '../../engine/copy/offset-map.js';
import { initialPosition, partitionKey, type PartitionPosition, type PartitionRef } from '../../engine/copy/positions.js';
import type { PartitionReader, PartitionWriter } from '../../engine/copy/record-ports.js';
import { createSegmentCopier, type SegmentCopyRun } from '../../engine/copy/segment-copier/index.js';
import type { KafkaClusterConnection } from '../../engine/kafka/kafkajs-options.js';
import { createWireReader, createWireWriter, type WireReader, type WireWriter } from '../../engine/kafka/records/index.js';
import { S3SegmentStore, segmentFolder, type SegmentRecord, type SourceCompression } from '../../engine/segments/index.js';
import { deletePrefix } from '../support/s3-prefix.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE } from '../testbed/paths.js';
import { bed, kafka } from './execute-support.js';

const RUN = `segcopy-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const TOPIC = `${RUN}.mixed`;
const RESUME_TOPIC = `${RUN}.resume`;
const RETENTION_TOPIC = `${RUN}.retention`;
const PREFIX = `it/${RUN}`;
const MIGRATION = `mig-${RUN}`;
const PARTITIONS = 4;
const CODECS: readonly SourceCompression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
// Recent timestamps: records older than retention.ms (7 days by default) are deleted by the brokers' retention check.
const T0 = BigInt(Date.now() - 60_000);
const refs: PartitionRef[] = Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: TOPIC, partition }));

const connection = (bootstrap: string, clientId: string): KafkaClusterConnection => ({ clientId, brokers: bootstrap.split(','), auth: { mode: 'plaintext' }, tls: { enabled: false } });

let config: MigrationConfig;
let s3: S3Client;
let sourceAdmin: Admin;
let targetAdmin: Admin;
let sourceWriter: WireWriter;
let sourceReader: WireReader;
let targetReader: WireReader;

/** A record with something of everything: repeated header keys in order, null/empty keys and values, a null header. */
function record(i: number): SegmentRecord {
  const key = i % 10 === 0 ? null : i % 10 === 1 ? Buffer.alloc(0) : Buffer.from(`key-${i}`);
  const value = i % 15 === 0 ? null : i % 15 === 1 ? Buffer.alloc(0) : Buffer.from(`value-${i}-${'x'.repeat(400 + (i % 7) * 50)}`);
  const headers =
    i % 4 === 0
      ? []
      : [
          { key: 'trace', value: Buffer.from(`t${i}`) },
          { key: '2', value: null },
          { key: 'trace', value: Buffer.from(`again-${i}`) },
          { key: 'empty', value: Buffer.alloc(0) },
        ];
  return { offset: BigInt(i), timestamp: T0 + BigInt(i) * 7n, timestampType: 'CreateTime', key, value, headers };
}

/** Appends `count` records to the source partition in batches of 20, each batch in the next codec. */
async function produce(partition: number, from: number, count: number, topic = TOPIC): Promise<void> {
  for (let start = from; start < from + count; start += 20) {
    const batch = Array.from({ length: Math.min(20, from + count - start) }, (_, i) => record(start + i));
    await sourceWriter.append({ topic, partition }, batch, { compression: CODECS[(start / 20) % CODECS.length] as SourceCompression });
  }
}

async function readAll(reader: PartitionReader, ref: PartitionRef): Promise<SegmentRecord[]> {
  const [range] = await reader.offsets([ref]);
  const out: SegmentRecord[] = [];
  let from = range?.logStart ?? 0n;
  while (from < (range?.end ?? 0n)) {
    const fetched = await reader.fetch(ref, from, { maxBytes: 1024 * 1024, maxWaitMs: 100 });
    out.push(...fetched.records);
    if (fetched.nextOffset <= from) throw new Error(`reading ${partitionKey(ref)} made no progress at ${from}`);
    from = fetched.nextOffset;
  }
  return out;
}

const text = (value: Uint8Array | null) => (value === null ? null : Buffer.from(value).toString('base64'));
const comparable = (r: SegmentRecord) => ({
  key: text(r.key),
  value: text(r.value),
  headers: r.headers.map((h) => [h.key, text(h.value)]),
  timestamp: r.timestamp,
  timestampType: r.timestampType,
});

async function ends(of: readonly PartitionRef[] = refs): Promise<Map<string, number>> {
  return new Map((await sourceReader.offsets(of)).map((o) => [partitionKey(o), Number(o.end)]));
}

/** Record by record: every committed source record is on the target at the offset the map gives, and nothing else. */
async function expectExactCopy(position: PartitionPosition): Promise<void> {
  const source = await readAll(sourceReader, position);
  const target = await readAll(targetReader, position);
  expect(target).toHaveLength(source.length);
  const byTargetOffset = new Map(target.map((r) => [Number(r.offset), r]));
  for (const r of source) {
    const copied = byTargetOffset.get(translateOffset(position.runs, Number(r.offset), position.targetEnd ?? 0));
    expect(copied === undefined ? undefined : comparable(copied), `${partitionKey(position)} source offset ${r.offset}`).toEqual(comparable(r));
  }
  expect(source.map((r) => Number(r.offset))).toEqual(position.runs.flatMap(([s, , n]) => Array.from({ length: n }, (_, i) => s + i)));
}

async function reach(run: SegmentCopyRun, target: ReadonlyMap<string, number>): Promise<PartitionPosition[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const failure = run.failure();
    if (failure !== undefined) throw failure;
    const positions = run.snapshot();
    if (positions.every((p) => p.nextSourceOffset >= (target.get(partitionKey(p)) ?? 0))) return positions;
    if (Date.now() > deadline) throw new Error(`the copy did not reach ${JSON.stringify([...target])}: ${JSON.stringify(positions.map((p) => p.nextSourceOffset))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  config = await loadConfig(MIGRATION_BOOTSTRAP_CONFIG_FILE, { ...process.env, ...bed });
  const credentials = credentialsFromEnv({ ...process.env, ...bed });
  s3 = createS3Client(config.aws, credentials === undefined ? {} : { credentials });
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  for (const admin of [sourceAdmin, targetAdmin]) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 2 },
        { topic: RESUME_TOPIC, numPartitions: 2, replicationFactor: 2 },
        { topic: RETENTION_TOPIC, numPartitions: 1, replicationFactor: 2 },
      ],
    });
  }
  sourceWriter = await createWireWriter(connection(bed.SOURCE_BOOTSTRAP, `${RUN}-source-writer`));
  sourceReader = await createWireReader(connection(bed.SOURCE_BOOTSTRAP, `${RUN}-source-reader`));
  targetReader = await createWireReader(connection(bed.TARGET_BOOTSTRAP, `${RUN}-target-reader`));

  await produce(0, 0, 1_200);
  await produce(1, 0, 60);
  // An aborted transaction in partition 1 (records and marker are gaps), then more plain records.
  const txn = kafka(bed.SOURCE_BOOTSTRAP).producer({ transactionalId: `${RUN}-tx`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await txn.connect();
  const aborted = await txn.transaction();
  await aborted.send({ topic: TOPIC, messages: [0, 1, 2].map((i) => ({ partition: 1, key: `aborted-${i}`, value: 'never copied' })) });
  await aborted.abort();
  await txn.disconnect();
  await produce(1, 1_000, 40);
  await produce(2, 0, 1);
  // Partition 3 stays empty until the tail.
  await produce(0, 0, 600, RESUME_TOPIC);
  await produce(1, 0, 300, RESUME_TOPIC);
  await produce(0, 0, 100, RETENTION_TOPIC);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([sourceWriter?.close(), sourceReader?.close(), targetReader?.close()]);
  await Promise.allSettled([sourceAdmin?.deleteTopics({ topics: [TOPIC, RESUME_TOPIC, RETENTION_TOPIC] }), targetAdmin?.deleteTopics({ topics: [TOPIC, RESUME_TOPIC, RETENTION_TOPIC] })]);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect()]);
  if (s3 !== undefined) {
    await deletePrefix(s3, config.backup.s3Bucket, PREFIX);
    s3.destroy();
  }
});

function copierFor(migrationId: string, failAfterAppends = Number.POSITIVE_INFINITY) {
  let appends = 0;
  return createSegmentCopier({
    openReader: () => createWireReader(connection(bed.SOURCE_BOOTSTRAP, `${RUN}-copy-source`)),
    openWriter: async (): Promise<PartitionWriter> => {
      const writer = await createWireWriter(connection(bed.TARGET_BOOTSTRAP, `${RUN}-copy-target`));
      return {
        // The crash stand-in: past `failAfterAppends`, an append fails before anything is sent.
        append: (ref, records, options) => (++appends > failAfterAppends ? Promise.reject(new Error('injected: the process died here')) : writer.append(ref, records, options)),
        close: () => writer.close(),
      };
    },
    openStore: () => S3SegmentStore.fromConfig({ ...config, backup: { ...config.backup, s3Prefix: PREFIX } }, migrationId, { ...process.env, ...bed }),
    migrationId,
    maxConcurrentPartitions: 2,
    segmentMaxBytes: 16 * 1024,
  });
}

describe('segment copier on the bed (wire reader and writer, moto S3 with KMS)', () => {
  it('jumps over records the source deleted before they were read (deleteRecords), reporting the gap', async () => {
    const ref = { topic: RETENTION_TOPIC, partition: 0 };
    const boundary = await ends([ref]);
    // The journal's position says 0, but the source's log start moved to 40 since.
    await sourceAdmin.fetchTopicMetadata({ topics: [RETENTION_TOPIC] }); // kafkajs's deleteTopicRecords needs it cached
    await sourceAdmin.deleteTopicRecords({ topic: RETENTION_TOPIC, partitions: [{ partition: 0, offset: '40' }] });
    const gaps: unknown[] = [];
    const run = await copierFor(`${MIGRATION}-retention`).start([initialPosition(ref, 0)], { tailFrom: boundary, onRetentionGap: (gap) => gaps.push(gap) });
    let positions: PartitionPosition[];
    try {
      positions = await reach(run, boundary);
    } finally {
      await run.stop();
    }
    expect(gaps).toEqual([{ ...ref, from: 0, to: 40 }]);
    expect(run.retentionGaps()).toEqual([{ ...ref, from: 0, to: 40 }]);
    expect(positions[0]?.runs).toEqual([[40, 0, 60]]);
    await expectExactCopy(positions[0] as PartitionPosition);
  });

  it('resumes a seed from its positions, restoring the segments the failed run stored instead of writing them again', async () => {
    const resumeRefs = [0, 1].map((partition) => ({ topic: RESUME_TOPIC, partition }));
    const boundary = await ends(resumeRefs);
    const migrationId = `${MIGRATION}-resume`;
    const first = await copierFor(migrationId, 6).start(
      resumeRefs.map((r) => initialPosition(r, 0)),
      { tailFrom: boundary },
    );
    const deadline = Date.now() + 60_000;
    while (first.failure() === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await first.stop();
    expect(first.failure()?.message).toMatch(/injected/);
    const stopped = first.snapshot();
    expect(stopped.some((p) => p.nextSourceOffset < (boundary.get(partitionKey(p)) ?? 0))).toBe(true);
    const storedFirst = first.events().flatMap((e) => (e.type === 'segment.stored' ? [e.key] : []));
    expect(storedFirst.length).toBeGreaterThan(0);

    const second = await copierFor(migrationId).start(stopped, { tailFrom: boundary });
    let positions: PartitionPosition[];
    try {
      positions = await reach(second, boundary);
    } finally {
      await second.stop();
    }
    expect(second.failure()).toBeUndefined();
    const reused = second.events().flatMap((e) => (e.type === 'segment.reused' ? [e.key] : []));
    const storedSecond = second.events().flatMap((e) => (e.type === 'segment.stored' ? [e.key] : []));
    expect(reused.length).toBeGreaterThan(0);
    expect(reused.every((key) => storedFirst.includes(key))).toBe(true);
    expect(storedSecond.filter((key) => storedFirst.includes(key))).toEqual([]);
    expect(positions.map((p) => p.records)).toEqual([600, 300]);
    for (const position of positions) await expectExactCopy(position);
  });

  it('seeds through SSE-KMS segments with a pipelined restore, tails, and the target equals the source record by record', async () => {
    const copier = copierFor(MIGRATION);
    const boundary = await ends();
    expect([...boundary.values()]).toEqual([1_200, 104, 1, 0]);
    const run = await copier.start(
      refs.map((r) => initialPosition(r, 0)),
      { tailFrom: boundary },
    );
    try {
      const seeded = await reach(run, boundary);
      expect(seeded.map((p) => p.records)).toEqual([1_200, 100, 1, 0]);
      expect(seeded.every((p) => p.tailRecords === 0)).toBe(true);

      await produce(0, 1_200, 30);
      await produce(1, 2_000, 5);
      await produce(3, 0, 25);
      await reach(run, await ends());
    } finally {
      await run.stop();
    }
    expect(run.failure()).toBeUndefined();
    const positions = run.snapshot();
    expect(positions.map((p) => p.tailRecords)).toEqual([30, 5, 0, 25]);

    for (const position of positions) await expectExactCopy(position);
    // The aborted transaction (offsets 60-62) and its marker are gaps in partition 1's map. (The coordinator writes the
    // marker after EndTxn answers, so it may land after some of the next plain records: its offset is not fixed.)
    const covered = (positions[1]?.runs ?? []).flatMap(([s, , n]) => Array.from({ length: n }, (_, i) => s + i));
    expect(positions[1]?.runs[0]).toEqual([0, 0, 60]);
    expect(covered.filter((offset) => offset >= 60 && offset <= 62)).toEqual([]);
    expect(covered).toHaveLength(105);
    expect(positions[1]?.nextSourceOffset).toBe(109);

    // The segments: under <prefix>/<migration>/segments/<topic>/<partition>/, SSE-KMS with the configured key.
    const stored = run.events().flatMap((e) => (e.type === 'segment.stored' ? [e] : []));
    const keyId = (config.backup.kmsKeyArn ?? '').split('/').at(-1) as string;
    for (const ref of refs) {
      const folder = segmentFolder(PREFIX, MIGRATION, TOPIC, ref.partition);
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: config.backup.s3Bucket, Prefix: folder }));
      const keys = (listed.Contents ?? []).map((o) => o.Key as string).sort();
      expect(keys).toEqual(stored.filter((e) => e.partition === ref.partition).map((e) => e.key).sort());
      for (const key of keys) {
        expect(key).toMatch(new RegExp(`^${folder.replace(/\./g, '\\.')}\\d{20}-\\d{20}\\.seg$`));
        const head = await s3.send(new HeadObjectCommand({ Bucket: config.backup.s3Bucket, Key: key }));
        expect(head.ServerSideEncryption).toBe('aws:kms');
        expect(head.SSEKMSKeyId).toContain(keyId);
      }
    }
    expect(stored.filter((e) => e.partition === 0).length).toBeGreaterThan(10);
    expect(stored.filter((e) => e.partition === 3)).toEqual([]);

    // Pipelined: partition 0's first segment was restored before its last segment was stored (before its seed read ended).
    const events = run.events();
    const p0 = (type: string) => events.findIndex((e) => e.partition === 0 && e.type === type);
    const lastStoredP0 = events.map((e) => (e.partition === 0 ? e.type : '')).lastIndexOf('segment.stored');
    expect(p0('segment.restored')).toBeGreaterThanOrEqual(0);
    expect(p0('segment.restored')).toBeLessThan(lastStoredP0);
    expect(p0('segment.restore_started')).toBeLessThan(p0('seed.read'));
    const firstRestoredAt = events[p0('segment.restored')]?.atMs ?? Infinity;
    expect(firstRestoredAt).toBeLessThan(events[p0('seed.read')]?.atMs ?? 0);
  });
});
