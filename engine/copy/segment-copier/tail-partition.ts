/**
 * The tail of one partition: from its position (at or past the seed boundary) read the source and append to the
 * target directly, continuously, until the run stops. `tailConcurrency` partitions fetch and append at once (a
 * shared slot pool); a partition with nothing new waits 50 ms, doubling up to `tailIdleMaxMs`, before it asks again.
 */
import type { PartitionRef } from '../positions.js';
import { appendInOrder } from './append-records.js';
import type { CopyContext } from './context.js';
import type { Slots } from './slots.js';
import { fetchOrGap } from './source-fetch.js';

/** One fetch and its appends; true when the position moved. */
async function tailOnce(context: CopyContext, ref: PartitionRef): Promise<boolean> {
  const { control, book, reader, limits } = context;
  if (!control.running) return false;
  const from = book.get(ref).nextSourceOffset;
  const outcome = await fetchOrGap(control, reader, ref, from, limits.fetchMaxBytes);
  if (outcome === undefined) return false;
  if (outcome.kind === 'gap') {
    control.emit({ type: 'retention.gap', ...ref, from, to: outcome.logStart });
    book.advance(ref, outcome.logStart);
    return true;
  }
  const fresh = outcome.fetched.records.filter((record) => Number(record.offset) >= from);
  if (!(await appendInOrder(context, ref, fresh))) return false;
  book.advance(ref, Number(outcome.fetched.nextOffset));
  return book.get(ref).nextSourceOffset > from;
}

export async function tailPartition(context: CopyContext, ref: PartitionRef, slots: Slots): Promise<void> {
  const { control, limits } = context;
  let idleMs = limits.tailIdleMinMs;
  while (control.running) {
    const moved = await slots.with(() => tailOnce(context, ref));
    if (moved) {
      idleMs = limits.tailIdleMinMs;
      continue;
    }
    await control.sleep(idleMs);
    idleMs = Math.min(idleMs * 2, limits.tailIdleMaxMs);
  }
}
