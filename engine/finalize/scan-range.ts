/**
 * Reads one partition's committed records over [from, to) through the record-level port, counting them and keeping
 * only the first, the last and those at the offsets asked for: memory stays flat whatever the partition holds.
 */
import type { PartitionReader } from '../copy/record-ports.js';
import type { PartitionRef } from '../copy/positions.js';
import { MigrationError } from '../errors.js';
import type { SegmentRecord } from '../segments/types.js';
import type { RangeScan } from './facts.js';

export interface ScanOptions {
  /** Record bytes per fetch (the broker still returns a whole first batch when it is larger). */
  readonly maxBytes: number;
  /** Fetches in a row that may answer without moving forward before the scan gives up. */
  readonly maxStalls?: number;
}

export async function scanRange(
  reader: PartitionReader,
  ref: PartitionRef,
  bounds: { readonly logStart: number; readonly end: number; readonly from: number; readonly to: number },
  keep: ReadonlySet<number>,
  options: ScanOptions,
): Promise<RangeScan> {
  const kept = new Map<number, SegmentRecord>();
  let count = 0;
  let first: SegmentRecord | null = null;
  let last: SegmentRecord | null = null;
  let offset = bounds.from;
  let stalls = 0;
  while (offset < bounds.to) {
    const answer = await reader.fetch(ref, BigInt(offset), { maxBytes: options.maxBytes, maxWaitMs: 0 });
    for (const record of answer.records) {
      const at = Number(record.offset);
      if (at < offset || at >= bounds.to) continue;
      count += 1;
      first ??= record;
      last = record;
      if (keep.has(at)) kept.set(at, record);
    }
    const next = Number(answer.nextOffset);
    if (next <= offset) {
      stalls += 1;
      if (stalls > (options.maxStalls ?? 5)) {
        throw new MigrationError({
          code: 'CLUSTER_UNREACHABLE',
          message: `reading ${ref.topic}-${ref.partition} stopped moving at offset ${offset} (expected records up to ${bounds.to - 1}; high watermark ${answer.highWatermark}, last stable offset ${answer.lastStableOffset})`,
          hint: 'An open transaction on the partition holds back read_committed readers, or the broker is unwell. Run finalize again once it has settled.',
          retriable: true,
        });
      }
      continue;
    }
    stalls = 0;
    offset = next;
  }
  return { logStart: bounds.logStart, end: bounds.end, from: bounds.from, to: bounds.to, count, first, last, kept };
}

/** The record at exactly `offset`, or null when there is none (a gap, compacted away). */
export async function readRecordAt(reader: PartitionReader, ref: PartitionRef, offset: number, maxBytes: number): Promise<SegmentRecord | null> {
  const answer = await reader.fetch(ref, BigInt(offset), { maxBytes, maxWaitMs: 0 });
  return answer.records.find((record) => Number(record.offset) === offset) ?? null;
}
