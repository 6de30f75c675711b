/**
 * Appends a partition's records to the target in order, in batches of at most `appendMaxBytes`, moving the position
 * after each batch the target acknowledged (and never before). Stops between batches when the run stops. A batch the
 * target refuses as too large (BatchTooLargeError: nothing was stored) is split in halves and sent again.
 */
import { MigrationError } from '../../errors.js';
import type { SegmentRecord } from '../../segments/index.js';
import type { PartitionWriter } from '../record-ports.js';
import { partitionKey, type PartitionRef } from '../positions.js';
import type { PositionBook } from './position-book.js';
import { appendBatches } from './record-bytes.js';
import type { RunControl } from './run-control.js';

export interface AppendContext {
  readonly control: RunControl;
  readonly writer: PartitionWriter;
  readonly book: PositionBook;
  readonly appendMaxBytes: number;
}

/** The writer's refusal of a batch above the target's max.message.bytes (engine/kafka/records/wire-writer.ts). */
const tooLarge = (error: unknown) => error instanceof Error && error.name === 'BatchTooLargeError';

async function appendBatch(context: AppendContext, ref: PartitionRef, batch: readonly SegmentRecord[]): Promise<boolean> {
  if (!context.control.running) return false;
  let base: bigint;
  try {
    base = await context.writer.append(ref, batch);
  } catch (error) {
    if (batch.length < 2 || !tooLarge(error)) throw error;
    const half = Math.ceil(batch.length / 2);
    return (await appendBatch(context, ref, batch.slice(0, half))) && appendBatch(context, ref, batch.slice(half));
  }
  const targetBase = Number(base);
  if (!Number.isSafeInteger(targetBase) || targetBase < 0) {
    throw new MigrationError({ code: 'INTERNAL', message: `the target answered an append to ${partitionKey(ref)} with base offset ${String(base)}` });
  }
  context.book.appended(ref, batch, targetBase);
  return true;
}

/** True when every record is on the target; false when the run stopped first. */
export async function appendInOrder(context: AppendContext, ref: PartitionRef, records: readonly SegmentRecord[]): Promise<boolean> {
  for (const batch of appendBatches(records, context.appendMaxBytes)) {
    if (!(await appendBatch(context, ref, batch))) return false;
  }
  return true;
}
