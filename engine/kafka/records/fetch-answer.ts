/**
 * One partition's Fetch answer turned into the committed records and the next offset (engine/copy/record-ports.ts
 * FetchedRecords): batches split and CRC-checked, read_committed applied; a damaged batch or an old message format
 * becomes a MigrationError naming the partition and offset.
 */
import type { FetchedRecords } from '../../copy/record-ports.js';
import type { PartitionRef } from '../../copy/positions.js';
import { MigrationError } from '../../errors.js';
import type { FetchPartitionResponse } from '../protocol/fetch.js';
import { RecordBatchDamageError } from './batch-damage.js';
import { BatchFormatError, splitBatches } from './batch-decode.js';
import { committedRecords } from './read-committed.js';

export function recordsOfFetchAnswer(ref: PartitionRef, from: bigint, answer: FetchPartitionResponse, maxBytes: number): FetchedRecords {
  const bytes = answer.records ?? Buffer.alloc(0);
  const offsets = { highWatermark: answer.highWatermark, lastStableOffset: answer.lastStableOffset, logStartOffset: answer.logStartOffset };
  try {
    const { batches } = splitBatches(bytes);
    if (batches.length === 0 && bytes.length > 0) {
      throw new MigrationError({
        code: 'INTERNAL',
        message: `${ref.topic}-${ref.partition}: the broker answered offset ${from} with ${bytes.length} bytes and no whole record batch (max bytes ${maxBytes})`,
        hint: 'The first batch is larger than the fetch size and the broker did not send it whole; raise the fetch max bytes for this partition.',
      });
    }
    const committed = committedRecords(batches, answer.abortedTransactions, from);
    return { records: committed.records, nextOffset: committed.nextOffset, ...offsets };
  } catch (error) {
    if (!(error instanceof BatchFormatError)) throw error;
    if (error.unsupportedMagic !== undefined) {
      throw new MigrationError({
        code: 'NOT_IMPLEMENTED',
        message: `${ref.topic}-${ref.partition}: the batch at offset ${error.baseOffset} uses message format v${error.unsupportedMagic} (before Kafka 0.11); the copy reads record batch v2 only`,
        hint: 'Rewrite the topic in the current format (e.g. copy it to a new topic with a current client) before migrating it.',
      });
    }
    throw new RecordBatchDamageError({
      topic: ref.topic,
      partition: ref.partition,
      baseOffset: error.baseOffset,
      bytePosition: error.bytePosition,
      detail: error.message,
    });
  }
}
