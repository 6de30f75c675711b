/** The segment format: every field survives a round trip exactly, and any flipped bit is reported by segment and byte range. */
import { describe, expect, it } from 'vitest';
import {
  decodeSegment,
  encodeSegment,
  isSegmentDamageError,
  readSegmentHeader,
  segmentBlocks,
  segmentRecords,
  verifySegment,
  type SegmentDamageError,
  type SegmentRecord,
} from '../../../engine/segments/index.js';
import { bytes, CREATED_AT, cut, MIGRATION, oneSegment, sampleRecord, TOPIC, view } from './fixtures.js';

const WHERE = 's3://kb-backup/migrations/mig-unit-0001/segments/orders.v1/0/x.seg';

async function damageOf(data: Buffer): Promise<SegmentDamageError> {
  try {
    await decodeSegment(data, WHERE);
  } catch (error) {
    if (isSegmentDamageError(error)) return error;
    throw new Error(`expected a SegmentDamageError, got ${String(error)}`);
  }
  throw new Error('a damaged segment decoded without an error');
}

function flipBit(data: Buffer, byte: number, bit = 0): Buffer {
  const copy = Buffer.from(data);
  copy[byte] = (copy[byte] as number) ^ (1 << bit);
  return copy;
}

describe('segment round trip', () => {
  it('keeps every field: null vs empty key, value, header value; repeated header keys in order; timestamp types; source batch', async () => {
    const batch = { baseOffset: 10n, lastOffsetDelta: 4, producerId: 4242n, producerEpoch: 3, baseSequence: 77, transactional: true, compression: 'zstd' as const };
    const records: SegmentRecord[] = [
      sampleRecord(10n, { key: null, value: null, headers: [], batch }),
      sampleRecord(11n, { key: Buffer.alloc(0), value: Buffer.alloc(0), batch }),
      sampleRecord(12n, {
        headers: [
          { key: 'dup', value: bytes('first') },
          { key: 'other', value: null },
          { key: 'dup', value: Buffer.alloc(0) },
          { key: 'dup', value: null },
          { key: 'ünïcode-кey', value: Buffer.from([0, 255, 0]) },
        ],
        batch,
      }),
      sampleRecord(14n, { timestampType: 'LogAppendTime', timestamp: -1n, batch: { ...batch, baseOffset: 14n, producerId: -1n, producerEpoch: -1, baseSequence: -1, transactional: false, compression: 'none' } }),
      sampleRecord(20n, { timestamp: 2n ** 63n - 1n }),
      sampleRecord(21n, { timestamp: -(2n ** 63n), batch: { ...batch, baseOffset: 21n, compression: 'lz4' } }),
    ];
    const segment = await oneSegment(records);
    const decoded = await decodeSegment(segment.bytes, WHERE);
    expect(decoded.records.map(view)).toEqual(records.map(view));
    expect(decoded.records[0]?.key).toBeNull();
    expect(decoded.records[0]?.value).toBeNull();
    expect(decoded.records[1]?.key).toEqual(Buffer.alloc(0));
    expect(decoded.records[1]?.value).toEqual(Buffer.alloc(0));
    expect(decoded.records[2]?.headers.map((h) => [h.key, h.value === null ? null : Buffer.from(h.value).toString('hex')])).toEqual([
      ['dup', bytes('first').toString('hex')],
      ['other', null],
      ['dup', ''],
      ['dup', null],
      ['ünïcode-кey', '00ff00'],
    ]);
    expect(decoded.records[3]?.timestampType).toBe('LogAppendTime');
    expect(decoded.records[4]?.batch).toBeUndefined();
    expect(decoded.header).toEqual({
      formatVersion: 1,
      topic: TOPIC,
      partition: 0,
      migrationId: MIGRATION,
      firstOffset: 10n,
      lastOffset: 21n,
      recordCount: 6,
      blockCount: 1,
      codec: 'gzip',
      uncompressedBodyLength: segment.header.uncompressedBodyLength,
      compressedBodyLength: segment.header.compressedBodyLength,
      createdAtMs: CREATED_AT,
    });
    expect(decoded.contentSha256).toBe(segment.contentSha256);
    expect(decoded.objectSha256).toBe(segment.objectSha256);
  });

  it('keeps the source batch across block boundaries (each block restates it)', async () => {
    const batch = { baseOffset: 0n, lastOffsetDelta: 99, producerId: 9n, producerEpoch: 0, baseSequence: 0, transactional: false, compression: 'snappy' as const };
    const records = Array.from({ length: 100 }, (_, i) => sampleRecord(BigInt(i), { batch }));
    const segment = await oneSegment(records, { blockBytes: 300 });
    expect(segment.header.blockCount).toBeGreaterThan(5);
    const decoded = await decodeSegment(segment.bytes, WHERE);
    expect(decoded.records.every((record) => record.batch?.producerId === 9n && record.batch.compression === 'snappy')).toBe(true);
    expect(decoded.records.map(view)).toEqual(records.map(view));
  });

  it('keeps gaps in offsets and offsets around 2^53 exactly', async () => {
    const offsets = [0n, 7n, 1000n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 1000n, 2n ** 63n - 1n];
    const segment = await oneSegment(offsets.map((offset) => sampleRecord(offset, { timestamp: offset })));
    const decoded = await decodeSegment(segment.bytes, WHERE);
    expect(decoded.records.map((record) => record.offset)).toEqual(offsets);
    expect(decoded.records.map((record) => record.timestamp)).toEqual(offsets);
    expect(decoded.header.firstOffset).toBe(0n);
    expect(decoded.header.lastOffset).toBe(2n ** 63n - 1n);
  });

  it('round-trips a ~1 MiB record (key, value and header of random bytes)', async () => {
    const value = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < value.length; i += 1) value[i] = (i * 2654435761) >>> 24;
    const record = sampleRecord(5n, { key: value.subarray(0, 1000), value, headers: [{ key: 'big', value: value.subarray(0, 70_000) }] });
    const decoded = await decodeSegment((await oneSegment([record])).bytes, WHERE);
    expect(decoded.records).toHaveLength(1);
    expect(Buffer.compare(decoded.records[0]?.value as Uint8Array, value)).toBe(0);
    expect(Buffer.compare(decoded.records[0]?.key as Uint8Array, value.subarray(0, 1000))).toBe(0);
    expect(Buffer.compare(decoded.records[0]?.headers[0]?.value as Uint8Array, value.subarray(0, 70_000))).toBe(0);
  });

  it('a segment with no records encodes and decodes (offsets -1, no blocks)', async () => {
    const segment = await encodeSegment({ topic: TOPIC, partition: 2, migrationId: MIGRATION, blocks: [], recordCount: 0, bytes: 0 }, { createdAtMs: CREATED_AT });
    const decoded = await decodeSegment(segment.bytes, WHERE);
    expect(decoded.records).toEqual([]);
    expect(decoded.header).toMatchObject({ recordCount: 0, blockCount: 0, firstOffset: -1n, lastOffset: -1n, partition: 2 });
  });

  it('codec none round-trips too, and the header names the codec', async () => {
    const records = [sampleRecord(1n), sampleRecord(2n)];
    const segment = await oneSegment(records, { codec: 'none' });
    expect(readSegmentHeader(segment.bytes, WHERE).header.codec).toBe('none');
    expect((await decodeSegment(segment.bytes, WHERE)).records.map(view)).toEqual(records.map(view));
  });

  it('gives identical bytes for identical input and created-at; created-at changes bytes but not the content digest', async () => {
    const records = Array.from({ length: 500 }, (_, i) => sampleRecord(BigInt(i * 3)));
    const a = await oneSegment(records, { blockBytes: 4096 });
    const b = await oneSegment(records, { blockBytes: 4096 });
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    expect(a.objectSha256).toBe(b.objectSha256);
    const later = await oneSegment(records, { blockBytes: 4096, createdAtMs: CREATED_AT + 1n });
    expect(Buffer.compare(a.bytes, later.bytes)).not.toBe(0);
    expect(later.contentSha256).toBe(a.contentSha256);
    expect(later.objectSha256).not.toBe(a.objectSha256);
  });
});

describe('reading block by block', () => {
  it('segmentBlocks yields one array per block and segmentRecords every record, in order, after the checksums passed', async () => {
    const records = Array.from({ length: 300 }, (_, i) => sampleRecord(BigInt(i * 2)));
    const segment = await oneSegment(records, { blockBytes: 2048 });
    const verified = verifySegment(segment.bytes, WHERE);
    const sizes: number[] = [];
    for await (const block of segmentBlocks(verified)) sizes.push(block.length);
    expect(sizes).toHaveLength(segment.header.blockCount);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    const streamed: SegmentRecord[] = [];
    for await (const record of segmentRecords(verified)) streamed.push(record);
    expect(streamed.map(view)).toEqual(records.map(view));
  });

  it('verifySegment refuses a damaged object before any record is produced', async () => {
    const segment = await oneSegment(Array.from({ length: 50 }, (_, i) => sampleRecord(BigInt(i))), { blockBytes: 512 });
    const damaged = flipBit(segment.bytes, segment.bytes.length - 100);
    expect(() => verifySegment(damaged, WHERE)).toThrow(/is damaged: block \d+ at bytes/);
  });
});

describe('segment damage', () => {
  it('detects a flipped bit in every single byte of a small segment, naming the segment and a byte range holding it', async () => {
    const segment = await oneSegment(
      Array.from({ length: 12 }, (_, i) => sampleRecord(BigInt(i))),
      { blockBytes: 200 },
    );
    expect(segment.header.blockCount).toBeGreaterThan(1);
    for (let byte = 0; byte < segment.bytes.length; byte += 1) {
      const error = await damageOf(flipBit(segment.bytes, byte, byte % 8));
      expect(error.code).toBe('STORAGE');
      expect(error.message).toContain(WHERE);
      expect(error.damage.byteStart, `byte ${byte}`).toBeLessThanOrEqual(byte);
      expect(error.damage.byteEnd, `byte ${byte}`).toBeGreaterThan(byte);
    }
  });

  it('names the header, the block (with its first source offset) and the trailer', async () => {
    const segment = await oneSegment(
      Array.from({ length: 40 }, (_, i) => sampleRecord(BigInt(100 + i))),
      { blockBytes: 500 },
    );
    const { headerLength } = readSegmentHeader(segment.bytes, WHERE);

    const header = await damageOf(flipBit(segment.bytes, 30, 3));
    expect(header.damage.region).toBe('header');
    expect(header.message).toMatch(/damaged: header at bytes 0\.\.\d+: header CRC32C is 0x[0-9a-f]{8}, the header stores 0x[0-9a-f]{8}/);

    const body = await damageOf(flipBit(segment.bytes, segment.bytes.length - 200));
    expect(body.damage.region).toBe('block');
    expect(body.damage.block).toBe(segment.header.blockCount - 1);
    expect(body.damage.sourceOffset).toBeGreaterThan(100n);
    expect(body.message).toContain(`${WHERE} is damaged: block ${segment.header.blockCount - 1} at bytes ${body.damage.byteStart}..${body.damage.byteEnd - 1}, records from source offset`);
    expect(body.message).toContain(`records from source offset ${body.damage.sourceOffset}`);

    const firstBlock = await damageOf(flipBit(segment.bytes, headerLength + 30));
    expect(firstBlock.damage).toMatchObject({ region: 'block', block: 0, sourceOffset: 100n, byteStart: headerLength });

    for (const fromEnd of [1, 40, 70]) {
      const trailer = await damageOf(flipBit(segment.bytes, segment.bytes.length - fromEnd));
      expect(trailer.damage.region).toBe('trailer');
      expect(trailer.damage.byteEnd).toBe(segment.bytes.length);
    }
  });

  it('refuses a truncated or extended object, and something that is not a segment', async () => {
    const segment = await oneSegment([sampleRecord(1n)]);
    expect((await damageOf(segment.bytes.subarray(0, segment.bytes.length - 1))).message).toMatch(/truncated or extended/);
    expect((await damageOf(Buffer.concat([segment.bytes, Buffer.from([0])]))).message).toMatch(/truncated or extended/);
    expect((await damageOf(Buffer.from('{"not":"a segment"}'))).message).toMatch(/not a kafka-backup segment/);
    expect((await damageOf(Buffer.alloc(0))).message).toMatch(/not a kafka-backup segment/);
  });

  it('refuses a segment of a newer format version with a message naming both versions', async () => {
    const segment = await oneSegment([sampleRecord(1n)]);
    const copy = Buffer.from(segment.bytes);
    copy.writeUInt16BE(2, 8);
    // Re-seal the header CRC so only the version differs.
    const { crc32c } = await import('../../../engine/segments/crc32c.js');
    const headerLength = copy.readUInt32BE(10);
    copy.writeUInt32BE(crc32c(copy.subarray(0, headerLength - 4)), headerLength - 4);
    await expect(decodeSegment(copy, WHERE)).rejects.toThrow(/format version 2; this kafka-backup reads version 1/);
  });

  it('the pending segment from the writer and the encoded header agree on offsets and counts', async () => {
    const pending = cut([sampleRecord(3n), sampleRecord(9n)]);
    const encoded = await encodeSegment(pending[0]!, { createdAtMs: 0 });
    expect(encoded.header).toMatchObject({ firstOffset: 3n, lastOffset: 9n, recordCount: 2, uncompressedBodyLength: pending[0]!.bytes });
  });
});
