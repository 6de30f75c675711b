/** S3SegmentStore over an in-memory S3: paths a live bucket shows rarely (conflicts, lost races, missing metadata, paging). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isMigrationError } from '../../../engine/errors.js';
import { encodeSegment, S3SegmentStore, SegmentWriter, type EncodedSegment, type SegmentRecord } from '../../../engine/segments/index.js';
import { FakeS3 } from './fake-s3.js';
import { MIGRATION, sampleRecord, TOPIC } from './fixtures.js';

const MiB = 1024 * 1024;
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/abc';

function storeOn(fake: FakeS3, kms: string | null = KMS): S3SegmentStore {
  return new S3SegmentStore({ s3: fake.client, bucket: 'bkt', prefix: 'pre', kmsKeyArn: kms ?? undefined, migrationId: MIGRATION });
}

async function segment(records: readonly SegmentRecord[], createdAtMs = 0): Promise<EncodedSegment> {
  const writer = new SegmentWriter({ topic: TOPIC, partition: 4, migrationId: MIGRATION, maxBytes: 64 * MiB });
  for (const r of records) writer.add(r);
  return encodeSegment(writer.flush()!, { createdAtMs });
}

function offsets(from: number, to: number, tag = ''): SegmentRecord[] {
  return Array.from({ length: to - from + 1 }, (_, i) => sampleRecord(BigInt(from + i), { value: Buffer.from(`${tag}${from + i}`) }));
}

const noise = new Map<number, Buffer[]>();

/** Ten 1 MiB records of random bytes (so the segment stays above 8 MiB compressed); the same `tag` gives the same bytes. */
function big(from: number, tag: number): SegmentRecord[] {
  if (!noise.has(tag)) noise.set(tag, Array.from({ length: 10 }, () => randomBytes(MiB)));
  return (noise.get(tag) as Buffer[]).map((value, i) => sampleRecord(BigInt(from + i), { value }));
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isMigrationError(caught), String(caught)).toBe(true);
  return caught as Error;
}

describe('S3SegmentStore (in-memory S3)', () => {
  it('writes SSE-KMS with the key ARN, or AES256 without one, and the digests as metadata', async () => {
    const fake = new FakeS3();
    const seg = await segment(offsets(0, 9));
    const put = await storeOn(fake).put(seg);
    expect(put.key).toBe(`pre/${MIGRATION}/segments/${TOPIC}/4/00000000000000000000-00000000000000000009.seg`);
    expect(fake.objects.get(put.key)).toMatchObject({ sse: 'aws:kms', kmsKey: KMS, metadata: { 'kb-content-sha256': seg.contentSha256, 'kb-object-sha256': seg.objectSha256, 'kb-records': '10', 'kb-format': '1' } });
    const plain = new FakeS3();
    await storeOn(plain, null).put(seg);
    expect(plain.objects.get(put.key)).toMatchObject({ sse: 'AES256', kmsKey: undefined });
  });

  it('a multipart Complete that loses the If-None-Match race to the same records is a success; the upload is aborted', async () => {
    const fake = new FakeS3();
    const store = storeOn(fake);
    const seg = await segment(big(0, 1));
    const rival = await segment(big(0, 1), 99);
    fake.beforeComplete = (key) => {
      fake.beforeComplete = () => {};
      fake.objects.set(key, { body: rival.bytes, metadata: { 'kb-content-sha256': rival.contentSha256 }, sse: 'aws:kms', kmsKey: KMS });
    };
    expect(await store.put(seg)).toMatchObject({ created: false, multipart: true });
    expect(fake.calls).toContain('AbortMultipartUpload');
    expect(fake.uploads.size).toBe(0);
    expect(fake.objects.get(store.keyFor(TOPIC, 4, 0n, 9n))?.body).toBe(rival.bytes);
  });

  it('a multipart Complete that loses the race to different records is refused with both digests', async () => {
    const fake = new FakeS3();
    const store = storeOn(fake);
    const seg = await segment(big(0, 1));
    const rival = await segment(big(0, 2));
    fake.beforeComplete = (key) => {
      fake.objects.set(key, { body: rival.bytes, metadata: { 'kb-content-sha256': rival.contentSha256 }, sse: 'aws:kms', kmsKey: KMS });
    };
    const error = await refusal(store.put(seg));
    expect(error.message).toContain(seg.contentSha256);
    expect(error.message).toContain(rival.contentSha256);
    expect(fake.uploads.size).toBe(0);
  });

  it('without digest metadata on the stored object, reads and verifies it to compare', async () => {
    const fake = new FakeS3();
    const store = storeOn(fake);
    const seg = await segment(offsets(0, 9));
    const key = store.keyFor(TOPIC, 4, 0n, 9n);
    fake.objects.set(key, { body: (await segment(offsets(0, 9), 5)).bytes, metadata: {}, sse: undefined, kmsKey: undefined });
    expect(await store.put(seg)).toMatchObject({ created: false });
    expect(fake.calls).toContain('GetObject');
    fake.objects.set(key, { body: (await segment(offsets(0, 9, 'x'))).bytes, metadata: {}, sse: undefined, kmsKey: undefined });
    expect((await refusal(store.put(seg))).message).toMatch(/a different segment is already stored/);
  });

  it('retries a put refused by a conflicting write in flight (409) that then did not land', async () => {
    const fake = new FakeS3();
    const store = storeOn(fake);
    let conflicts = 1;
    fake.before = (name) => {
      if (name === 'PutObject' && conflicts-- > 0) throw Object.assign(new Error('ConditionalRequestConflict'), { name: 'ConditionalRequestConflict', $metadata: { httpStatusCode: 409 } });
    };
    expect(await store.put(await segment(offsets(0, 9)))).toMatchObject({ created: true });
    expect(fake.calls.filter((c) => c === 'PutObject')).toHaveLength(2);
  });

  it('gives up after three refusals of a key that is never there, with a retriable error', async () => {
    const fake = new FakeS3();
    fake.before = (name) => {
      if (name === 'PutObject') throw Object.assign(new Error('ConditionalRequestConflict'), { name: 'ConditionalRequestConflict', $metadata: { httpStatusCode: 409 } });
    };
    const error = await refusal(storeOn(fake).put(await segment(offsets(0, 9))));
    expect(error.message).toMatch(/refused as existing 3 times, yet could not be found/);
    expect((error as { retriable?: boolean }).retriable).toBe(true);
  });

  it('an S3 failure is a STORAGE error naming the object; access denied says which permissions', async () => {
    const fake = new FakeS3();
    fake.before = (name) => {
      if (name === 'PutObject') throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    };
    const error = (await refusal(storeOn(fake).put(await segment(offsets(0, 9))))) as Error & { code: string; hint: string; retriable: boolean };
    expect(error.code).toBe('STORAGE');
    expect(error.message).toContain(`could not write segment s3://bkt/pre/${MIGRATION}/segments/${TOPIC}/4/`);
    expect(error.hint).toContain('s3:PutObject');
    expect(error.retriable).toBe(false);
  });

  it('lists across pages in offset order, ignoring objects that are not segments', async () => {
    const fake = new FakeS3();
    const store = storeOn(fake);
    for (const [a, b] of [[300, 399], [0, 99], [1000, 1000], [100, 299], [2000, 2999]] as const) await store.put(await segment(offsets(a, b)));
    fake.objects.set(`pre/${MIGRATION}/segments/${TOPIC}/4/notes.txt`, { body: Buffer.from('x'), metadata: {}, sse: undefined, kmsKey: undefined });
    fake.objects.set(`pre/${MIGRATION}/segments/${TOPIC}/40/00000000000000000000-00000000000000000001.seg`, { body: Buffer.from('x'), metadata: {}, sse: undefined, kmsKey: undefined });
    const listed = await store.list(TOPIC, 4);
    expect(listed.map((s) => `${s.firstOffset}-${s.lastOffset}`)).toEqual(['0-99', '100-299', '300-399', '1000-1000', '2000-2999']);
    expect(fake.calls.filter((c) => c === 'ListObjectsV2').length).toBeGreaterThan(2);
    expect((await store.durableSegments(TOPIC, 4, 299)).map((s) => s.firstOffset)).toEqual([300n, 1000n, 2000n]);
    expect((await store.durableSegments(TOPIC, 4, 250n)).map((s) => s.firstOffset)).toEqual([100n, 300n, 1000n, 2000n]);
  });

  it('refuses a segment of another migration, and an empty one', async () => {
    const store = storeOn(new FakeS3());
    const writer = new SegmentWriter({ topic: TOPIC, partition: 0, migrationId: 'other', maxBytes: MiB });
    writer.add(sampleRecord(1n));
    await expect(store.put(await encodeSegment(writer.flush()!, { createdAtMs: 0 }))).rejects.toThrow(/migration other given to the store of migration/);
    await expect(store.put(await encodeSegment({ topic: TOPIC, partition: 0, migrationId: MIGRATION, blocks: [], recordCount: 0, bytes: 0 }, { createdAtMs: 0 }))).rejects.toThrow(/holds no records/);
  });

  it('open() verifies without decoding; get() decodes every record', async () => {
    const fake = new FakeS3();
    const store = storeOn(fake);
    const records = offsets(10, 12).map((r) => ({ ...r, value: randomBytes(100) }));
    const put = await store.put(await segment(records));
    const opened = await store.open(put.key);
    expect(opened.header).toMatchObject({ firstOffset: 10n, lastOffset: 12n, recordCount: 3 });
    const got = await store.get(put.key);
    expect(got.records.map((r) => Buffer.from(r.value!).toString('hex'))).toEqual(records.map((r) => Buffer.from(r.value!).toString('hex')));
  });
});
