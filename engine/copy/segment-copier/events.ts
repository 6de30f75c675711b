/**
 * What the segment copier reports as it goes, one typed event per step, with the time it happened (`atMs`). The run
 * also keeps them (`SegmentCopyRun.events()`), so a test or a report can show that restore began before the seed of
 * the partition ended. Offsets are source offsets.
 */
import type { PartitionRef } from '../positions.js';

interface At extends PartitionRef {
  readonly atMs: number;
}

export type SegmentCopyEvent =
  /** A partition's seed took a slot: it reads from `from` up to `boundary` (exclusive). */
  | (At & { readonly type: 'seed.started'; readonly from: number; readonly boundary: number })
  /** A segment stored by an earlier run (resume) is restored instead of reading its records again. */
  | (At & { readonly type: 'segment.reused'; readonly key: string; readonly firstOffset: number; readonly lastOffset: number })
  /** A segment is durable in S3 (`created` false: the same records were stored under the key already). */
  | (At & { readonly type: 'segment.stored'; readonly key: string; readonly firstOffset: number; readonly lastOffset: number; readonly records: number; readonly objectBytes: number; readonly created: boolean })
  /** The restore began reading a segment back from S3. */
  | (At & { readonly type: 'segment.restore_started'; readonly key: string })
  /** Every record of the segment is on the target. */
  | (At & { readonly type: 'segment.restored'; readonly key: string; readonly records: number })
  /** The seed read the partition up to the boundary and every segment of it is stored. */
  | (At & { readonly type: 'seed.read'; readonly segments: number })
  /** The partition is restored up to the boundary; its tail begins. */
  | (At & { readonly type: 'seed.restored'; readonly nextSourceOffset: number })
  /** The source deleted offsets `from`..`to - 1` (retention) before they were read: the copy continues at `to`. */
  | (At & { readonly type: 'retention.gap'; readonly from: number; readonly to: number });

export type SegmentCopyEventType = SegmentCopyEvent['type'];
