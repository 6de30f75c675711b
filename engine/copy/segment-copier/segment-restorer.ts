/**
 * Restores one partition's segments as the seed reader hands them over: reads each back from S3 (every checksum
 * verified before a record is used), appends its records past the partition's position to the target in order, block
 * by block (one block's plaintext held at a time), and moves the position past gaps once a `covered` mark says the
 * seed read them.
 */
import { segmentBlocks } from '../../segments/index.js';
import type { PartitionRef } from '../positions.js';
import { appendInOrder } from './append-records.js';
import type { CopyContext } from './context.js';
import type { RestoreQueue } from './segment-queue.js';

/** Restores until the queue closes or the run stops. */
export async function restoreSeed(context: CopyContext, ref: PartitionRef, queue: RestoreQueue): Promise<void> {
  const { control, book, store } = context;
  for (let item = await queue.next(); item !== undefined && control.running; item = await queue.next()) {
    if (item.kind === 'covered') {
      book.advance(ref, item.until);
      continue;
    }
    if (item.lastOffset < book.get(ref).nextSourceOffset) continue;
    control.emit({ type: 'segment.restore_started', ...ref, key: item.key });
    const segment = await store.open(item.key);
    let restored = 0;
    for await (const block of segmentBlocks(segment)) {
      const from = book.get(ref).nextSourceOffset;
      const fresh = block.filter((record) => Number(record.offset) >= from);
      if (!(await appendInOrder(context, ref, fresh))) return;
      restored += fresh.length;
    }
    control.emit({ type: 'segment.restored', ...ref, key: item.key, records: restored });
  }
}
