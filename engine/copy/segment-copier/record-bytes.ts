/**
 * Sizes of a record: `payload` is key, value and header bytes (what the copy's records/bytes counters add up, as the
 * kafkajs copier did); `wire` adds an upper bound of Kafka's per-record framing (length, attributes, timestamp and
 * offset deltas, key/value/header lengths as varints), so appends batched by it stay under the target's
 * message.max.bytes.
 */
import type { SegmentRecord } from '../../segments/index.js';
import { chunkByBytes } from '../kafkajs-copier.js';
import { recordSize } from '../reconcile.js';

const RECORD_FRAMING = 1 + 5 + 1 + 10 + 5 + 5 + 5 + 5;
const HEADER_FRAMING = 5 + 5;

export function wireRecordBytes(record: SegmentRecord): { payload: number; wire: number } {
  const payload = recordSize(record);
  return { payload, wire: payload + RECORD_FRAMING + HEADER_FRAMING * record.headers.length };
}

/** Splits records into appends of at most `maxBytes` wire bytes; a single larger record goes alone. */
export function appendBatches(records: readonly SegmentRecord[], maxBytes: number): SegmentRecord[][] {
  return chunkByBytes(records, (record) => wireRecordBytes(record).wire, maxBytes, Number.POSITIVE_INFINITY);
}
