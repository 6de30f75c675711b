/** Where the copy of each partition stands; what the journal's `copy.positions` checkpoint holds. */
import type { OffsetRun } from './offset-map.js';

export interface PartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface PartitionPosition extends PartitionRef {
  /** The next source offset to copy: everything below it is on the target (or was a gap in the source). */
  readonly nextSourceOffset: number;
  /** The target's end offset after the last copied record; null before the first produce. */
  readonly targetEnd: number | null;
  /** The exact offset map, runs of [sourceStart, targetStart, length]. */
  readonly runs: readonly OffsetRun[];
  readonly records: number;
  readonly bytes: number;
  /** Records and bytes copied from at or past the seed boundary (the tail's replay). */
  readonly tailRecords: number;
  readonly tailBytes: number;
}

export const partitionKey = (ref: PartitionRef): string => `${ref.topic}:${ref.partition}`;

/** A partition's starting position: nothing copied yet, reading from `from` (its source log start). */
export function initialPosition(ref: PartitionRef, from: number): PartitionPosition {
  return { topic: ref.topic, partition: ref.partition, nextSourceOffset: from, targetEnd: null, runs: [], records: 0, bytes: 0, tailRecords: 0, tailBytes: 0 };
}

export function sortPositions<T extends PartitionRef>(positions: readonly T[]): T[] {
  return [...positions].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
}

export interface CopyTotals {
  readonly records: number;
  readonly bytes: number;
  readonly tailRecords: number;
  readonly tailBytes: number;
}

export function copyTotals(positions: readonly PartitionPosition[]): CopyTotals {
  return positions.reduce(
    (sum, p) => ({ records: sum.records + p.records, bytes: sum.bytes + p.bytes, tailRecords: sum.tailRecords + p.tailRecords, tailBytes: sum.tailBytes + p.tailBytes }),
    { records: 0, bytes: 0, tailRecords: 0, tailBytes: 0 },
  );
}
