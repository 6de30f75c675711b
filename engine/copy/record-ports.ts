/**
 * The record-level ports the copy is built on: read a source partition's committed records exactly as stored (headers
 * in order, repeated keys kept, null distinct from empty), and append records to a target partition as one batch,
 * getting back the target offsets the broker assigned. The segment copier (seed through S3, tail direct) and the
 * resume reconciliation use only these; `engine/kafka/records/` implements them over Kafka's wire protocol, so the
 * client library stays replaceable.
 */
import type { SegmentRecord, SourceCompression } from '../segments/types.js';
import type { PartitionRef } from './positions.js';

export interface FetchOptions {
  /** Upper bound of record bytes the broker returns for the partition in one fetch. */
  readonly maxBytes: number;
  /** How long the broker may wait for new records when there are none (0 = answer at once). */
  readonly maxWaitMs: number;
}

export interface FetchedRecords {
  /**
   * Committed records at or after the requested offset, in offset order: no control records (transaction markers),
   * no records of aborted transactions (read_committed). Each record carries its source batch (`batch`).
   */
  readonly records: readonly SegmentRecord[];
  /**
   * Where the next fetch starts: past every record, control record and aborted record this answer covered (equal to
   * the requested offset when the answer was empty). Offsets between the requested one and this one that are not in
   * `records` are gaps (compaction, markers, aborts).
   */
  readonly nextOffset: bigint;
  readonly highWatermark: bigint;
  readonly lastStableOffset: bigint;
  readonly logStartOffset: bigint;
}

/** Reads partitions of one cluster with read_committed, without a consumer group and without committing anything. */
export interface PartitionReader {
  /**
   * One fetch of one partition from `from`. Throws a `MigrationError` when `from` is out of range (below the log start
   * or above the high watermark), naming the partition and the range.
   */
  fetch(ref: PartitionRef, from: bigint, options: FetchOptions): Promise<FetchedRecords>;
  /** Log start and high watermark of partitions (ListOffsets). */
  offsets(refs: readonly PartitionRef[]): Promise<Array<PartitionRef & { logStart: bigint; end: bigint }>>;
  close(): Promise<void>;
}

export interface AppendOptions {
  /** Compression of the batch written to the target (default: the config's choice, else 'none'). */
  readonly compression?: SourceCompression;
}

/**
 * Appends to partitions of one cluster with an idempotent producer (acks=all, one batch in flight per partition, a
 * retry re-sends the same producer id and sequence so the broker never stores it twice).
 */
export interface PartitionWriter {
  /**
   * Appends `records` (at least one) to the partition as ONE record batch, with each record's timestamp, key, value
   * and headers as given; resolves with the target offset of the first record (the others follow it one by one).
   */
  append(ref: PartitionRef, records: readonly SegmentRecord[], options?: AppendOptions): Promise<bigint>;
  close(): Promise<void>;
}
