/**
 * Record batch v2 as engine/kafka/records/ writes and reads it: what goes in comes out byte for byte (headers in
 * order with repeated and integer-like keys, null header values, null vs empty key and value, any int64 timestamp)
 * in every codec; batches Kafka's own Java client wrote decode to the exact records; damage is reported with where.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initZstd } from '../../engine/kafka/codecs/zstd.js';
import { BatchFormatError, batchPlainRecords, decodeBatchRecords, splitBatches, type RawBatch } from '../../engine/kafka/records/batch-decode.js';
import { encodeBatch } from '../../engine/kafka/records/batch-encode.js';
import { COMPRESSION_BY_ID } from '../../engine/kafka/records/compression.js';
import { crc32c } from '../../engine/segments/crc32c.js';
import type { SegmentRecord, SourceCompression } from '../../engine/segments/types.js';
import { bytesDiff, javaFixtureRecords } from './kafka/java-records.js';

const CODECS: readonly SourceCompression[] = COMPRESSION_BY_ID;
const fixture = (name: string): Buffer => readFileSync(new URL(`./kafka/fixtures/${name}`, import.meta.url));
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

beforeAll(async () => {
  await initZstd();
});

function record(i: number, fields: Partial<SegmentRecord>): SegmentRecord {
  return { offset: BigInt(i), timestamp: 1_700_000_000_000n + BigInt(i), timestampType: 'CreateTime', key: null, value: null, headers: [], ...fields };
}

/** Records covering every field edge the copy promises to keep. */
function edgeRecords(): SegmentRecord[] {
  const big = Buffer.alloc(200_000);
  for (let i = 0; i < big.length; i += 1) big[i] = (i * 7919) % 251;
  return [
    record(0, {
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: [
        { key: 'a', value: Buffer.from('1') },
        { key: 'b', value: Buffer.from('2') },
        { key: 'a', value: Buffer.from('3') },
      ],
    }),
    record(1, { headers: [{ key: '2', value: Buffer.from('two') }, { key: '1', value: Buffer.from('one') }, { key: '10', value: Buffer.alloc(0) }] }),
    record(2, { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [{ key: 'nullable', value: null }, { key: '', value: Buffer.from('empty key') }] }),
    record(3, { key: null, value: null }),
    record(4, { key: Buffer.alloc(0), value: null }),
    record(5, { timestamp: -1n }),
    record(6, { timestamp: -1_234_567_890_123n }),
    record(7, { timestamp: 0n }),
    record(8, { timestamp: 2n ** 62n }),
    record(9, { key: Buffer.from('Zoë 日本 🚀', 'utf8'), value: big, headers: [{ key: 'ключ 🚀', value: Buffer.from([0, 255, 128]) }] }),
  ];
}

function expectSameRecords(actual: readonly SegmentRecord[], expected: readonly SegmentRecord[], firstOffset = 0n): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((got, i) => {
    const want = expected[i] as SegmentRecord;
    expect(got.offset).toBe(firstOffset + BigInt(i));
    expect(got.timestamp).toBe(want.timestamp);
    expect(got.timestampType).toBe('CreateTime');
    expect(bytesDiff(got.key, want.key)).toBe('');
    expect(bytesDiff(got.value, want.value)).toBe('');
    expect(got.headers.map((h) => h.key)).toEqual(want.headers.map((h) => h.key));
    got.headers.forEach((header, h) => expect(bytesDiff(header.value, want.headers[h]?.value ?? null)).toBe(''));
  });
}

function onlyBatch(bytes: Buffer): RawBatch {
  const { batches, partialTailBytes } = splitBatches(bytes);
  expect(partialTailBytes).toBe(0);
  expect(batches).toHaveLength(1);
  return batches[0] as RawBatch;
}

describe('record batch v2 round trip', () => {
  it.each(CODECS)('%s: every record comes back as written, headers in order with repeats, nulls kept apart from empties', (compression) => {
    const records = edgeRecords();
    const bytes = encodeBatch(records, { producerId: 42n, producerEpoch: 3, baseSequence: 100, compression });
    const batch = onlyBatch(bytes);
    expect(batch.compression).toBe(compression);
    expect(batch.recordCount).toBe(records.length);
    expect(batch.lastOffsetDelta).toBe(records.length - 1);
    expect(batch.baseTimestamp).toBe(records[0]?.timestamp);
    expect(batch.maxTimestamp).toBe(2n ** 62n);
    expect([batch.producerId, batch.producerEpoch, batch.baseSequence, batch.transactional, batch.control]).toEqual([42n, 3, 100, false, false]);
    const decoded = decodeBatchRecords(batch);
    expectSameRecords(decoded, records);
    expect(decoded[0]?.batch).toEqual({
      baseOffset: 0n,
      lastOffsetDelta: records.length - 1,
      producerId: 42n,
      producerEpoch: 3,
      baseSequence: 100,
      transactional: false,
      compression,
    });
    if (compression !== 'none') expect(bytes.length).toBeLessThan(encodeBatch(records, { producerId: 42n, producerEpoch: 3, baseSequence: 100, compression: 'none' }).length);
  });

  it('timestamps at both ends of int64 round-trip when their difference fits, and a batch that cannot hold them says so', () => {
    const low = [record(0, { timestamp: INT64_MIN + 5n }), record(1, { timestamp: -1n })];
    expectSameRecords(decodeBatchRecords(onlyBatch(encodeBatch(low, { producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 'none' }))), low);
    const high = [record(0, { timestamp: 1n }), record(1, { timestamp: INT64_MAX })];
    expectSameRecords(decodeBatchRecords(onlyBatch(encodeBatch(high, { producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 'none' }))), high);
    const apart = [record(0, { timestamp: INT64_MIN }), record(1, { timestamp: INT64_MAX })];
    expect(() => encodeBatch(apart, { producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 'none' })).toThrow(/too far apart for one batch/);
  });

  it('a fetch starting inside a batch gets the records from that offset on; a partial batch at the end is left for the next fetch', () => {
    const records = edgeRecords().slice(0, 6);
    const first = encodeBatch(records, { producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 'lz4' });
    first.writeBigInt64BE(1_000n, 0); // the base offset is outside the CRC
    const second = encodeBatch(records, { producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 'none' });
    const bytes = Buffer.concat([first, second.subarray(0, second.length - 3)]);
    const { batches, partialTailBytes } = splitBatches(bytes);
    expect(batches).toHaveLength(1);
    expect(partialTailBytes).toBe(second.length - 3);
    const fromInside = decodeBatchRecords(batches[0] as RawBatch, 1_003n);
    expect(fromInside.map((r) => r.offset)).toEqual([1_003n, 1_004n, 1_005n]);
    expectSameRecords(fromInside, records.slice(3), 1_003n);
    expect(splitBatches(first.subarray(0, 11))).toEqual({ batches: [], partialTailBytes: 11 });
  });
});

describe('damage and formats the reader refuses', () => {
  it('a flipped byte anywhere after the CRC field fails the CRC32C check, naming the batch offset and byte position', () => {
    const good = encodeBatch(edgeRecords().slice(0, 3), { producerId: 1n, producerEpoch: 0, baseSequence: 0, compression: 'gzip' });
    good.writeBigInt64BE(777n, 0);
    for (const at of [21, 30, 60, 61, good.length - 1]) {
      const damaged = Buffer.concat([good, good]);
      damaged[good.length + at] = (damaged[good.length + at] as number) ^ 0x10;
      let caught: unknown;
      try {
        splitBatches(damaged);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BatchFormatError);
      const error = caught as BatchFormatError;
      expect(error.bytePosition).toBe(good.length);
      expect(error.baseOffset).toBe(777n);
      expect(error.message).toMatch(/CRC32C mismatch/);
    }
  });

  it('records that do not parse inside a batch whose CRC matches are reported as damage, not returned', () => {
    const bytes = encodeBatch([record(0, { value: Buffer.from('abc') })], { producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 'none' });
    bytes.writeInt32BE(2, 57); // record count 2, but one record follows
    bytes.writeUInt32BE(crc32c(bytes.subarray(21)), 17); // re-sealed: only the record layout is wrong
    expect(() => decodeBatchRecords(onlyBatch(bytes))).toThrow(/record 1 of 2: varint at byte \d+ runs past the end/);
  });

  it.each(['java-lz4-v0.bin', 'java-lz4-v1.bin', 'java-snappy-v1.bin'])('%s: an old message format (magic 0/1) is refused by name', (name) => {
    const bytes = fixture(name);
    expect(() => splitBatches(bytes)).toThrow(/message format v[01] \(magic [01]\), which this copier does not read/);
    try {
      splitBatches(bytes);
    } catch (error) {
      expect((error as BatchFormatError).unsupportedMagic).toBe(bytes.readInt8(16));
    }
  });
});

describe("batches written by Kafka's Java client (test/unit/kafka/fixtures)", () => {
  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('%s decodes to the exact keys, values, headers and timestamps', (codec) => {
    const batch = onlyBatch(fixture(`java-${codec}-v2.bin`));
    expect(batch.compression).toBe(codec);
    const expected = javaFixtureRecords();
    const records = decodeBatchRecords(batch);
    expect(records).toHaveLength(expected.length);
    records.forEach((got, i) => {
      const want = expected[i]!;
      expect(got.offset).toBe(BigInt(i));
      expect(got.timestamp).toBe(BigInt(want.timestamp));
      expect(bytesDiff(got.key, want.key)).toBe('');
      expect(bytesDiff(got.value, want.value)).toBe('');
      expect(got.headers.map((h) => [h.key, h.value === null ? null : Buffer.from(h.value).toString('hex')])).toEqual(
        want.headers.map(([key, value]) => [key, value === null ? null : value.toString('hex')]),
      );
    });
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('%s: our encoder writes the very record bytes Java wrote (the uncompressed records section)', (codec) => {
    const java = onlyBatch(fixture(`java-${codec}-v2.bin`));
    const ours = onlyBatch(
      encodeBatch(decodeBatchRecords(java), { producerId: java.producerId, producerEpoch: java.producerEpoch, baseSequence: java.baseSequence, compression: java.compression }),
    );
    expect([ours.recordCount, ours.lastOffsetDelta, ours.baseTimestamp, ours.maxTimestamp]).toEqual([java.recordCount, java.lastOffsetDelta, java.baseTimestamp, java.maxTimestamp]);
    expect(bytesDiff(batchPlainRecords(ours), batchPlainRecords(java))).toBe('');
  });
});
