/**
 * Every partition's copy position, moved only by what the target acknowledged: `appended` after an append answered
 * (the offset map from the base offset the target returned), `advance` past offsets that hold nothing to copy (gaps:
 * compaction, transaction markers, aborted records, retention) once everything before them is on the target.
 */
import type { SegmentRecord } from '../../segments/index.js';
import { appendCopied } from '../offset-map.js';
import { partitionKey, type PartitionPosition, type PartitionRef } from '../positions.js';
import { wireRecordBytes } from './record-bytes.js';

export class PositionBook {
  private readonly positions: Map<string, PartitionPosition>;
  private readonly boundaries: Map<string, number>;

  constructor(start: readonly PartitionPosition[], tailFrom: ReadonlyMap<string, number>) {
    this.positions = new Map(start.map((p) => [partitionKey(p), { ...p, runs: [...p.runs] }]));
    // A partition without a boundary has no seed: everything from its position is the tail.
    this.boundaries = new Map(start.map((p) => [partitionKey(p), tailFrom.get(partitionKey(p)) ?? p.nextSourceOffset]));
  }

  get(ref: PartitionRef): PartitionPosition {
    const position = this.positions.get(partitionKey(ref));
    if (position === undefined) throw new Error(`no copy position for ${partitionKey(ref)}`);
    return position;
  }

  /** Source offsets below this are the seed's (through S3); at or past it, the tail's (direct). */
  boundary(ref: PartitionRef): number {
    return this.boundaries.get(partitionKey(ref)) ?? 0;
  }

  all(): PartitionPosition[] {
    return [...this.positions.values()].map((p) => ({ ...p, runs: [...p.runs] }));
  }

  /** `records` (in offset order, all at or past the position) are on the target from `targetBase` on. */
  appended(ref: PartitionRef, records: readonly SegmentRecord[], targetBase: number): void {
    const now = this.get(ref);
    const boundary = this.boundary(ref);
    const offsets = records.map((r) => Number(r.offset));
    let bytes = 0;
    let tailRecords = 0;
    let tailBytes = 0;
    records.forEach((record, index) => {
      const size = wireRecordBytes(record).payload;
      bytes += size;
      if ((offsets[index] as number) >= boundary) {
        tailRecords += 1;
        tailBytes += size;
      }
    });
    this.positions.set(partitionKey(ref), {
      ...now,
      runs: appendCopied(now.runs, offsets, targetBase),
      nextSourceOffset: (offsets[offsets.length - 1] as number) + 1,
      targetEnd: targetBase + records.length,
      records: now.records + records.length,
      bytes: now.bytes + bytes,
      tailRecords: now.tailRecords + tailRecords,
      tailBytes: now.tailBytes + tailBytes,
    });
  }

  /** Nothing to copy below `next` that is not on the target already: the position moves up to it (never back). */
  advance(ref: PartitionRef, next: number): void {
    const now = this.get(ref);
    if (next > now.nextSourceOffset) this.positions.set(partitionKey(ref), { ...now, nextSourceOffset: next });
  }
}
