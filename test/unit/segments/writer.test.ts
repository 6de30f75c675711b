/** SegmentWriter: cuts at seed.segment_max_bytes, never splits or drops a record, and is deterministic. */
import { describe, expect, it } from 'vitest';
import { isMigrationError } from '../../../engine/errors.js';
import { decodeSegment, encodeSegment, pendingRange, SegmentWriter, type PendingSegment } from '../../../engine/segments/index.js';
import { cut, MIGRATION, sampleRecord, TOPIC, view } from './fixtures.js';

const KiB = 1024;

async function decodeAll(segments: readonly PendingSegment[]) {
  const decoded = [];
  for (const pending of segments) decoded.push(await decodeSegment((await encodeSegment(pending, { createdAtMs: 0 })).bytes, 'test'));
  return decoded;
}

describe('SegmentWriter', () => {
  it('cuts when the next record would pass the max: every segment at most max bytes, together every record in order', async () => {
    const records = Array.from({ length: 2000 }, (_, i) => sampleRecord(BigInt(i * 2 + 5), { value: Buffer.alloc(50 + (i % 97), i % 251) }));
    const max = 16 * KiB;
    const segments = cut(records, { maxBytes: max, blockBytes: 4 * KiB });
    expect(segments.length).toBeGreaterThan(5);
    for (const segment of segments) expect(segment.bytes).toBeLessThanOrEqual(max);
    // Each cut was forced: the next segment's first record would not have fitted.
    const firstSizes = segments.slice(1).map((segment) => segment.blocks[0]!.records[0]!.length);
    segments.slice(0, -1).forEach((segment, i) => expect(segment.bytes + firstSizes[i]!).toBeGreaterThan(max));
    const decoded = await decodeAll(segments);
    expect(decoded.flatMap((segment) => segment.records).map(view)).toEqual(records.map(view));
    // Consecutive segments continue exactly where the previous one ended.
    for (let i = 1; i < decoded.length; i += 1) {
      const previous = pendingRange(segments[i - 1]!);
      const current = pendingRange(segments[i]!);
      expect(current.firstOffset).toBe(previous.lastOffset + 2n);
    }
  });

  it('gives a record larger than the max a segment of its own, and closes the one before it', () => {
    const writer = new SegmentWriter({ topic: TOPIC, partition: 1, migrationId: MIGRATION, maxBytes: 4 * KiB });
    expect(writer.add(sampleRecord(1n))).toEqual([]);
    expect(writer.add(sampleRecord(2n))).toEqual([]);
    const closed = writer.add(sampleRecord(3n, { value: Buffer.alloc(10 * KiB) }));
    expect(closed.map((segment) => [pendingRange(segment).firstOffset, pendingRange(segment).lastOffset, segment.recordCount])).toEqual([
      [1n, 2n, 2],
      [3n, 3n, 1],
    ]);
    expect(closed[1]!.bytes).toBeGreaterThan(4 * KiB);
    expect(writer.pendingRecords).toBe(0);
    expect(writer.add(sampleRecord(4n))).toEqual([]);
    expect(writer.flush()?.recordCount).toBe(1);
    expect(writer.flush()).toBeUndefined();
  });

  it('a record that exactly fills the segment stays in it; one byte more starts the next', () => {
    const probe = cut([sampleRecord(1n)])[0]!.bytes;
    const exact = cut([sampleRecord(1n), sampleRecord(2n), sampleRecord(3n)], { maxBytes: probe * 2 });
    expect(exact.map((segment) => segment.recordCount)).toEqual([2, 1]);
    const short = cut([sampleRecord(1n), sampleRecord(2n), sampleRecord(3n)], { maxBytes: probe * 2 - 1 });
    expect(short.map((segment) => segment.recordCount)).toEqual([1, 1, 1]);
  });

  it('refuses an offset that does not rise', () => {
    const writer = new SegmentWriter({ topic: TOPIC, partition: 0, migrationId: MIGRATION });
    writer.add(sampleRecord(10n));
    for (const offset of [10n, 9n]) {
      let caught: unknown;
      try {
        writer.add(sampleRecord(offset));
      } catch (error) {
        caught = error;
      }
      expect(isMigrationError(caught)).toBe(true);
      expect(String(caught)).toMatch(new RegExp(`offset ${offset} added after 10`));
    }
  });

  it('cuts the same records into the same bytes every time', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => sampleRecord(BigInt(i), { value: Buffer.alloc(i % 300, 7) }));
    const encode = async () => Promise.all(cut(records, { maxBytes: 64 * KiB, blockBytes: 8 * KiB }).map((pending) => encodeSegment(pending, { createdAtMs: 42 })));
    const [a, b] = await Promise.all([encode(), encode()]);
    expect(a.length).toBe(b!.length);
    a.forEach((segment, i) => expect(Buffer.compare(segment.bytes, b![i]!.bytes)).toBe(0));
  });

  it('the default max is 32 MiB and blocks are at most the max', () => {
    const writer = new SegmentWriter({ topic: TOPIC, partition: 0, migrationId: MIGRATION });
    expect(writer.maxBytes).toBe(32 * 1024 * 1024);
    expect(new SegmentWriter({ topic: TOPIC, partition: 0, migrationId: MIGRATION, maxBytes: 1000 }).blockBytes).toBe(1000);
  });
});
