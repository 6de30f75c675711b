/**
 * Appends a partition's records to the target in order, in batches of at most `appendMaxBytes`, moving the position
 * after each batch the target acknowledged (and never before). Stops between batches when the run stops.
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

/** True when every record is on the target; false when the run stopped first. */
export async function appendInOrder(context: AppendContext, ref: PartitionRef, records: readonly SegmentRecord[]): Promise<boolean> {
  for (const batch of appendBatches(records, context.appendMaxBytes)) {
    if (!context.control.running) return false;
    const base = await context.writer.append(ref, batch);
    const targetBase = Number(base);
    if (!Number.isSafeInteger(targetBase) || targetBase < 0) {
      throw new MigrationError({ code: 'INTERNAL', message: `the target answered an append to ${partitionKey(ref)} with base offset ${String(base)}` });
    }
    context.book.appended(ref, batch, targetBase);
  }
  return true;
}
