/**
 * read_committed over one fetch answer, following Kafka's Java consumer (CompletedFetch): the broker lists the
 * aborted transactions that overlap the answer (producer id, first offset). Walking the batches in offset order, a
 * producer becomes "aborted" once a batch reaches its first offset, its transactional batches are dropped, and its
 * ABORT marker (a control batch) ends that. Control batches (COMMIT and ABORT markers) are never returned.
 */
import type { SegmentRecord } from '../../segments/types.js';
import { controlTypeOf, decodeBatchRecords, lastOffsetOf, type RawBatch } from './batch-decode.js';

export interface AbortedTransaction {
  readonly producerId: bigint;
  readonly firstOffset: bigint;
}

export interface CommittedRecords {
  readonly records: SegmentRecord[];
  /** Past the last whole batch at or after `from` (markers, aborted batches and compacted tails included); `from` if none. */
  readonly nextOffset: bigint;
  /** Batches passed over: control batches (markers) and batches of aborted transactions. */
  readonly skippedControlBatches: number;
  readonly skippedAbortedBatches: number;
}

export function committedRecords(batches: readonly RawBatch[], aborted: readonly AbortedTransaction[] | null, from: bigint): CommittedRecords {
  const pending = [...(aborted ?? [])].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const abortedProducers = new Set<bigint>();
  const records: SegmentRecord[] = [];
  let nextOffset = from;
  let skippedControlBatches = 0;
  let skippedAbortedBatches = 0;
  for (const batch of batches) {
    const last = lastOffsetOf(batch);
    if (batch.producerId >= 0n) {
      while (pending.length > 0 && (pending[0] as AbortedTransaction).firstOffset <= last) {
        abortedProducers.add((pending.shift() as AbortedTransaction).producerId);
      }
    }
    if (batch.control) {
      // A marker ends its producer's aborted range even when it lies below `from`.
      if (controlTypeOf(batch) === 'abort') abortedProducers.delete(batch.producerId);
      if (last >= from) {
        nextOffset = last + 1n;
        skippedControlBatches += 1;
      }
      continue;
    }
    if (last < from) continue;
    nextOffset = last + 1n;
    if (batch.transactional && abortedProducers.has(batch.producerId)) {
      skippedAbortedBatches += 1;
      continue;
    }
    for (const record of decodeBatchRecords(batch, from)) records.push(record);
  }
  return { records, nextOffset, skippedControlBatches, skippedAbortedBatches };
}
