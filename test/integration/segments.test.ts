/**
 * Against the running test bed's S3 (moto): seed segments go to the backup bucket under their documented keys with
 * SSE-KMS (or SSE-S3 without a key), a 20 MiB segment goes up in parts, a key is written once (the same records again
 * is a success, different records a loud refusal), damage in a stored object is found on read, listing is in offset
 * order. Everything is written under a prefix of this run's own and deleted at the end.
 */
import { deletePrefix } from '../support/s3-prefix.js';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  CompleteMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsFromEnv } from '../../engine/aws/credentials.js';
import { createS3Client } from '../../engine/aws/s3-client.js';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { isMigrationError, type MigrationError } from '../../engine/errors.js';
import {
  encodeSegment,
  isSegmentDamageError,
  S3SegmentStore,
  SegmentWriter,
  type EncodedSegment,
  type SegmentRecord,
} from '../../engine/segments/index.js';
import { ENV_FILE, MIGRATION_CONFIG_FILE } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const RUN = `segments-it-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const PREFIX = `it/${RUN}`;
const TOPIC = 'payments.events';
const MiB = 1024 * 1024;

let config: MigrationConfig;
let s3: S3Client;
const stores: S3SegmentStore[] = [];

beforeAll(async () => {
  if (existsSync(ENV_FILE)) {
    for (const [key, value] of Object.entries(loadTestbedEnv())) process.env[key] ??= value;
  }
  const loaded = await loadConfig(MIGRATION_CONFIG_FILE, process.env);
  config = { ...loaded, backup: { ...loaded.backup, s3Prefix: PREFIX } };
  const credentials = credentialsFromEnv(process.env);
  s3 = createS3Client(config.aws, credentials === undefined ? {} : { credentials });
});

afterAll(async () => {
  for (const store of stores) store.close();
  if (s3 === undefined) return;
  await deletePrefix(s3, config.backup.s3Bucket, PREFIX);
  s3.destroy();
});

function newStore(options: { withoutKms?: boolean } = {}): S3SegmentStore {
  const migrationId = `mig-seg-${randomBytes(4).toString('hex')}`;
  const store = S3SegmentStore.fromConfig(
    options.withoutKms === true ? { ...config, backup: { ...config.backup, kmsKeyArn: undefined } } : config,
    migrationId,
    process.env,
  );
  stores.push(store);
  return store;
}

function record(offset: bigint, value: Buffer | string): SegmentRecord {
  return {
    offset,
    timestamp: 1_764_000_000_000n + offset,
    timestampType: 'CreateTime',
    key: offset % 2n === 0n ? null : Buffer.from(`k${offset}`),
    value: typeof value === 'string' ? Buffer.from(value) : value,
    headers: [
      { key: 'h', value: null },
      { key: 'h', value: Buffer.alloc(0) },
    ],
  };
}

/** One segment of exactly these records. */
async function segmentOf(store: S3SegmentStore, records: readonly SegmentRecord[], createdAtMs = 1_764_000_000_000, partition = 0): Promise<EncodedSegment> {
  const writer = new SegmentWriter({ topic: TOPIC, partition, migrationId: store.migrationId, maxBytes: 64 * MiB });
  for (const r of records) expect(writer.add(r)).toEqual([]);
  const pending = writer.flush();
  if (pending === undefined) throw new Error('no records');
  return encodeSegment(pending, { createdAtMs });
}

function range(from: number, to: number, value = 'v'): SegmentRecord[] {
  return Array.from({ length: to - from + 1 }, (_, i) => record(BigInt(from + i), `${value}-${from + i}`));
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    expect(isMigrationError(error), String(error)).toBe(true);
    return error as MigrationError;
  }
  throw new Error('expected a rejection');
}

async function head(key: string) {
  return s3.send(new HeadObjectCommand({ Bucket: config.backup.s3Bucket, Key: key }));
}

async function openUploads(): Promise<number> {
  const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: config.backup.s3Bucket, Prefix: `${PREFIX}/` }));
  return (listed.Uploads ?? []).length;
}

describe('S3SegmentStore against the test bed (moto)', () => {
  it('puts under the documented key with SSE-KMS, gets every record back, lists in offset order', async () => {
    const store = newStore();
    const segments = [await segmentOf(store, range(1000, 1099)), await segmentOf(store, range(0, 99)), await segmentOf(store, range(200, 399))];
    for (const segment of segments) {
      const put = await store.put(segment);
      expect(put).toMatchObject({ created: true, multipart: false });
    }
    const key = `${PREFIX}/${store.migrationId}/segments/${TOPIC}/0/00000000000000000000-00000000000000000099.seg`;
    const stored = await head(key);
    expect(stored.ServerSideEncryption).toBe('aws:kms');
    expect(stored.SSEKMSKeyId).toContain(config.backup.kmsKeyArn?.split('/').at(-1));
    expect(stored.Metadata?.['kb-content-sha256']).toBe(segments[1]?.contentSha256);

    const listed = await store.list(TOPIC, 0);
    expect(listed.map((s) => [s.firstOffset, s.lastOffset])).toEqual([
      [0n, 99n],
      [200n, 399n],
      [1000n, 1099n],
    ]);
    expect(listed[0]?.key).toBe(key);
    expect(listed[0]?.sizeBytes).toBe(segments[1]?.bytes.length);
    expect(await store.list(TOPIC, 1)).toEqual([]);

    const got = await store.get(key);
    expect(got.records).toHaveLength(100);
    expect(got.records[0]).toMatchObject({ offset: 0n, key: null });
    expect(Buffer.from(got.records[99]?.value as Uint8Array).toString()).toBe('v-99');
    expect(got.records[5]?.headers.map((h) => h.value === null ? null : h.value.length)).toEqual([null, 0]);
    expect(got.objectSha256).toBe(segments[1]?.objectSha256);

    expect((await store.durableSegments(TOPIC, 0, 99)).map((s) => s.firstOffset)).toEqual([200n, 1000n]);
    expect((await store.durableSegments(TOPIC, 0, 1050)).map((s) => s.firstOffset)).toEqual([1000n]);
    expect(await store.durableSegments(TOPIC, 0, 1099)).toEqual([]);
    expect((await store.durableSegments(TOPIC, 0, -1)).length).toBe(3);
  });

  it('uses SSE-S3 (AES256) when backup.kms_key_arn is not set', async () => {
    const store = newStore({ withoutKms: true });
    const put = await store.put(await segmentOf(store, range(5, 9)));
    const stored = await head(put.key);
    expect(stored.ServerSideEncryption).toBe('AES256');
    expect(stored.SSEKMSKeyId).toBeUndefined();
  });

  it('sends a 20 MiB segment as a multipart upload (SSE-KMS), leaves no upload open, and reads it back byte for byte', async () => {
    const store = newStore();
    const values = Array.from({ length: 20 }, () => randomBytes(MiB));
    const segment = await segmentOf(store, values.map((value, i) => record(BigInt(i * 10), value)));
    expect(segment.bytes.length).toBeGreaterThan(20 * MiB);
    const put = await store.put(segment);
    expect(put).toMatchObject({ created: true, multipart: true });
    const stored = await head(put.key);
    // A multipart object's ETag ends in -<part count>: 8 MiB parts make three.
    expect(stored.ETag).toMatch(/-3"?$/);
    expect(stored.ContentLength).toBe(segment.bytes.length);
    expect(stored.ServerSideEncryption).toBe('aws:kms');
    expect(stored.SSEKMSKeyId).toContain(config.backup.kmsKeyArn?.split('/').at(-1));
    expect(await openUploads()).toBe(0);

    const got = await store.get(put.key);
    expect(got.records.map((r) => r.offset)).toEqual(values.map((_, i) => BigInt(i * 10)));
    got.records.forEach((r, i) => expect(Buffer.compare(r.value as Uint8Array, values[i] as Buffer)).toBe(0));

    // Again: found by its content digest before uploading anything.
    expect(await store.put(segment)).toMatchObject({ created: false, multipart: true });
    expect(await openUploads()).toBe(0);
  });

  it('accepts a second put of identical bytes, and of the same records cut again later (other created-at)', async () => {
    const store = newStore();
    const first = await segmentOf(store, range(0, 49));
    const put = await store.put(first);
    const before = await head(put.key);
    expect(await store.put(first)).toMatchObject({ key: put.key, created: false });
    const recut = await segmentOf(store, range(0, 49), 1_999_000_000_000);
    expect(Buffer.compare(recut.bytes, first.bytes)).not.toBe(0);
    expect(await store.put(recut)).toMatchObject({ key: put.key, created: false });
    const after = await head(put.key);
    expect(after.ETag).toBe(before.ETag);
    expect(after.Metadata?.['kb-object-sha256']).toBe(first.objectSha256);
  });

  it('refuses different records under an existing key, loudly, and leaves the stored object as it was', async () => {
    const store = newStore();
    const original = await segmentOf(store, range(100, 149, 'original'));
    const put = await store.put(original);
    const impostor = await segmentOf(store, range(100, 149, 'changed'));
    const error = await rejection(store.put(impostor));
    expect(error.code).toBe('STORAGE');
    expect(error.message).toContain(`a different segment is already stored at s3://${config.backup.s3Bucket}/${put.key}`);
    expect(error.message).toContain(original.contentSha256);
    expect(error.message).toContain(impostor.contentSha256);
    expect((await head(put.key)).Metadata?.['kb-object-sha256']).toBe(original.objectSha256);

    // The same for a multipart-sized impostor: refused, and its upload aborted.
    const bigValues = Array.from({ length: 10 }, () => randomBytes(MiB));
    const big = await segmentOf(store, bigValues.map((value, i) => record(BigInt(1000 + i), value)));
    const bigPut = await store.put(big);
    const bigImpostor = await segmentOf(store, bigValues.map((value, i) => record(BigInt(1000 + i), i === 9 ? randomBytes(MiB) : value)));
    expect((await rejection(store.put(bigImpostor))).message).toContain(`already stored at s3://${config.backup.s3Bucket}/${bigPut.key}`);
    expect(await openUploads()).toBe(0);
  });

  it('a multipart Complete whose key appeared meanwhile is refused by If-None-Match (different records: loud error), and its upload aborted', async () => {
    // Deterministic interleaving rather than two racing writers: moto checks If-None-Match and stores the object
    // without a lock, so two Completes racing in moto can both succeed (real S3 decides atomically).
    const values = Array.from({ length: 10 }, () => randomBytes(MiB));
    const probe = newStore();
    const mine = await segmentOf(probe, values.map((value, i) => record(BigInt(i), value)));
    const theirs = await segmentOf(probe, values.map((value, i) => record(BigInt(i), i === 0 ? randomBytes(MiB) : value)));
    let completes = 0;
    const interleaving = {
      send: async (command: unknown) => {
        if (command instanceof CompleteMultipartUploadCommand && completes++ === 0) await probe.put(theirs);
        return s3.send(command as never);
      },
      destroy: () => {},
    } as unknown as S3Client;
    const store = new S3SegmentStore({ s3: interleaving, bucket: config.backup.s3Bucket, prefix: PREFIX, kmsKeyArn: config.backup.kmsKeyArn, migrationId: probe.migrationId });
    const error = await rejection(store.put(mine));
    expect(error.message).toMatch(/a different segment is already stored/);
    expect(error.message).toContain(theirs.contentSha256);
    expect(completes).toBe(1);
    expect(await openUploads()).toBe(0);
    expect((await head(store.keyFor(TOPIC, 0, 0n, 9n))).Metadata?.['kb-content-sha256']).toBe(theirs.contentSha256);
  });

  it('the same interleaving with the same records is a success that leaves the first object in place', async () => {
    const values = Array.from({ length: 10 }, () => randomBytes(MiB));
    const probe = newStore();
    const mine = await segmentOf(probe, values.map((value, i) => record(BigInt(i), value)));
    const theirs = await segmentOf(probe, values.map((value, i) => record(BigInt(i), value)), 1_999_000_000_000);
    let completes = 0;
    const interleaving = {
      send: async (command: unknown) => {
        if (command instanceof CompleteMultipartUploadCommand && completes++ === 0) await probe.put(theirs);
        return s3.send(command as never);
      },
      destroy: () => {},
    } as unknown as S3Client;
    const store = new S3SegmentStore({ s3: interleaving, bucket: config.backup.s3Bucket, prefix: PREFIX, kmsKeyArn: config.backup.kmsKeyArn, migrationId: probe.migrationId });
    expect(await store.put(mine)).toMatchObject({ created: false, multipart: true });
    expect(await openUploads()).toBe(0);
    expect((await head(store.keyFor(TOPIC, 0, 0n, 9n))).Metadata?.['kb-object-sha256']).toBe(theirs.objectSha256);
  });

  it('finds damage in a stored object on get, naming its S3 URL and the damaged block', async () => {
    const store = newStore();
    const segment = await segmentOf(store, range(500, 2499));
    const put = await store.put(segment);
    const damaged = Buffer.from(segment.bytes);
    const at = Math.floor(damaged.length / 2);
    damaged[at] = (damaged[at] as number) ^ 0x10;
    await s3.send(new PutObjectCommand({ Bucket: config.backup.s3Bucket, Key: put.key, Body: damaged }));
    const error = await rejection(store.get(put.key));
    expect(isSegmentDamageError(error)).toBe(true);
    expect(error.code).toBe('STORAGE');
    expect(error.message).toContain(`segment s3://${config.backup.s3Bucket}/${put.key} is damaged: block`);
    if (!isSegmentDamageError(error)) throw error;
    expect(error.damage.byteStart).toBeLessThanOrEqual(at);
    expect(error.damage.byteEnd).toBeGreaterThan(at);
    expect(error.damage.sourceOffset).toBeGreaterThanOrEqual(500n);

    // A truncated object too.
    await s3.send(new PutObjectCommand({ Bucket: config.backup.s3Bucket, Key: put.key, Body: segment.bytes.subarray(0, segment.bytes.length - 10) }));
    expect((await rejection(store.get(put.key))).message).toMatch(/truncated or extended/);
  });

  it('refuses a valid segment stored under a key that names other offsets', async () => {
    const store = newStore();
    const segment = await segmentOf(store, range(10, 19));
    const wrongKey = store.keyFor(TOPIC, 0, 20n, 29n);
    await s3.send(new PutObjectCommand({ Bucket: config.backup.s3Bucket, Key: wrongKey, Body: segment.bytes }));
    expect((await rejection(store.get(wrongKey))).message).toMatch(/holds payments\.events-0 offsets 10\.\.19 .*not what its key names/);
  });

  it('durableSegments refuses overlapping segments, naming both keys', async () => {
    const store = newStore();
    await store.put(await segmentOf(store, range(0, 99)));
    await store.put(await segmentOf(store, range(50, 149)));
    const error = await rejection(store.durableSegments(TOPIC, 0, -1));
    expect(error.message).toContain('00000000000000000000-00000000000000000099.seg');
    expect(error.message).toContain('00000000000000000050-00000000000000000149.seg');
    expect(error.message).toMatch(/overlap \(offsets 50\.\.99 in both\)/);
  });

  it('a missing key is a clear error', async () => {
    const store = newStore();
    expect((await rejection(store.get(store.keyFor(TOPIC, 3, 0n, 1n)))).message).toMatch(/does not exist/);
  });
});

describe('segment objects are readable with plain S3 tools', () => {
  it('GetObject returns exactly the bytes that were encoded', async () => {
    const store = newStore();
    const segment = await segmentOf(store, range(0, 9));
    const put = await store.put(segment);
    const got = await s3.send(new GetObjectCommand({ Bucket: config.backup.s3Bucket, Key: put.key }));
    expect(Buffer.compare(Buffer.from(await got.Body!.transformToByteArray()), segment.bytes)).toBe(0);
    expect(got.ContentType).toBe('application/vnd.kafka-backup.segment');
  });
});
