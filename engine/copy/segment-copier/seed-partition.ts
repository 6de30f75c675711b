/**
 * One partition's seed: the reader (source -> segments in S3) and the restorer (S3 -> target) run side by side, so
 * the restore of a partition begins as soon as its first segment is durable. On resume, segments an earlier run
 * stored past the partition's position are restored from S3 as they are (listed, verified when read), and the source
 * is read only after the last of them: a key is never written twice.
 */
import type { PartitionRef } from '../positions.js';
import type { CopyContext } from './context.js';
import { readSeed } from './seed-reader.js';
import { RestoreQueue } from './segment-queue.js';
import { restoreSeed } from './segment-restorer.js';

/** Seeds the partition up to its boundary; returns when it is restored up to it, or the run stopped. */
export async function seedPartition(context: CopyContext, ref: PartitionRef): Promise<void> {
  const { control, book, store } = context;
  const start = book.get(ref).nextSourceOffset;
  const boundary = book.boundary(ref);
  if (start >= boundary) return;
  control.emit({ type: 'seed.started', ...ref, from: start, boundary });
  const queue = new RestoreQueue();
  let readFrom = start;
  for (const stored of await store.durableSegments(ref.topic, ref.partition, start - 1)) {
    const firstOffset = Number(stored.firstOffset);
    const lastOffset = Number(stored.lastOffset);
    if (lastOffset >= boundary) break;
    control.emit({ type: 'segment.reused', ...ref, key: stored.key, firstOffset, lastOffset });
    queue.push({ kind: 'segment', key: stored.key, firstOffset, lastOffset });
    readFrom = lastOffset + 1;
  }
  // Either side failing stops the run (and so the other side, between two steps); both are awaited, so no append or
  // put of this partition is still in flight when the run closes its ports.
  const failing = (task: Promise<void>) => task.catch((error: unknown) => control.fail(error));
  await Promise.all([failing(readSeed(context, ref, readFrom, boundary, queue)), failing(restoreSeed(context, ref, queue))]);
  if (control.running && book.get(ref).nextSourceOffset >= boundary) {
    control.emit({ type: 'seed.restored', ...ref, nextSourceOffset: book.get(ref).nextSourceOffset });
  }
}
