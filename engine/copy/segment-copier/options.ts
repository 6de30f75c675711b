/**
 * What the segment copier needs (ports and limits) and the limits it derives from them. The memory bound: only
 * `maxConcurrentPartitions` partitions seed at a time, and each holds at most three segments' worth of bytes (the one
 * being cut, the one being uploaded, the one being restored), so a segment is cut at
 * min(seed.segment_max_bytes, memoryBudgetBytes / (3 x maxConcurrentPartitions)). Tail partitions hold one fetch each.
 */
import type { S3SegmentStore } from '../../segments/index.js';
import type { PartitionReader, PartitionWriter } from '../record-ports.js';
import type { SegmentCopyEvent } from './events.js';

/** The store calls the copier makes (S3SegmentStore has them; tests may pass their own). */
export type SegmentStorePort = Pick<S3SegmentStore, 'put' | 'durableSegments' | 'open' | 'close'>;

export interface SegmentCopierOptions {
  /** Opens the source reader used by the seed and the tail (one per run; closed by stop). */
  readonly openReader: () => PartitionReader | Promise<PartitionReader>;
  /** Opens the target writer (one per run; closed by stop). */
  readonly openWriter: () => PartitionWriter | Promise<PartitionWriter>;
  /** Opens the backup channel's segment store (one per run; closed by stop). */
  readonly openStore: () => SegmentStorePort | Promise<SegmentStorePort>;
  readonly migrationId: string;
  /** seed.max_concurrent_partitions: partitions seeding at once (the others wait in plan order). */
  readonly maxConcurrentPartitions: number;
  /** seed.segment_max_bytes. */
  readonly segmentMaxBytes: number;
  /** Bytes of records in one append to the target (default 512 KiB, under the default 1 MiB message.max.bytes). */
  readonly appendMaxBytes?: number;
  /** Bytes the seed's and the tail's buffers may hold in all (default 64 MiB). */
  readonly memoryBudgetBytes?: number;
  /** Bytes one fetch may return (default 1 MiB). */
  readonly fetchMaxBytes?: number;
  /** Partitions fetched and appended at once in the tail (default: max(4, maxConcurrentPartitions)). */
  readonly tailConcurrency?: number;
  /** Longest pause of an idle tail partition between two fetches (default 1 s; it starts at 50 ms). */
  readonly tailIdleMaxMs?: number;
  /** Milliseconds since the epoch, for the segments' created-at and the events (default Date.now). */
  readonly now?: () => number;
  /** Everything the copier does, as typed events (segment stored, restored, partition seeded, retention gap, ...). */
  readonly onEvent?: (event: SegmentCopyEvent) => void;
}

export const DEFAULT_APPEND_MAX_BYTES = 512 * 1024;
export const DEFAULT_MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;
export const DEFAULT_FETCH_MAX_BYTES = 1024 * 1024;
const MIN_SEGMENT_BYTES = 64 * 1024;

export interface CopierLimits {
  readonly slots: number;
  readonly segmentBytes: number;
  readonly appendMaxBytes: number;
  readonly fetchMaxBytes: number;
  readonly tailConcurrency: number;
  readonly tailIdleMinMs: number;
  readonly tailIdleMaxMs: number;
}

export function copierLimits(options: SegmentCopierOptions): CopierLimits {
  const slots = Math.max(1, Math.floor(options.maxConcurrentPartitions));
  const budget = options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  const share = Math.max(MIN_SEGMENT_BYTES, Math.floor(budget / (3 * slots)));
  return {
    slots,
    segmentBytes: Math.min(options.segmentMaxBytes, share),
    appendMaxBytes: options.appendMaxBytes ?? DEFAULT_APPEND_MAX_BYTES,
    fetchMaxBytes: options.fetchMaxBytes ?? DEFAULT_FETCH_MAX_BYTES,
    tailConcurrency: Math.max(1, options.tailConcurrency ?? Math.max(4, slots)),
    tailIdleMinMs: 50,
    tailIdleMaxMs: Math.max(50, options.tailIdleMaxMs ?? 1_000),
  };
}
