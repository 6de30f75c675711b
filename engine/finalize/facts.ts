/**
 * What finalize reads from the two clusters, before any check looks at it (gather.ts reads, the checks only
 * compare). Record contents are kept only for the few offsets the checks compare.
 */
import type { PartitionRef } from '../copy/positions.js';
import type { ConfigEntry, GroupOffset } from '../inventory/types.js';
import type { SegmentRecord } from '../segments/types.js';
import type { SampleSpot } from './sampling.js';

/** A topic on the target now; `partitionCount` null when the topic is not there. */
export interface TargetTopicFacts {
  readonly name: string;
  readonly partitionCount: number | null;
  /** Every config entry of the topic (with its source), empty when the topic is missing. */
  readonly configs: readonly ConfigEntry[];
}

/** One side of a partition, read over a range of offsets. */
export interface RangeScan {
  /** The partition's log start and high watermark when it was read. */
  readonly logStart: number;
  readonly end: number;
  /** The offsets read: [from, to). */
  readonly from: number;
  readonly to: number;
  /** Committed records in [from, to) (read_committed: no markers, no aborted records). */
  readonly count: number;
  readonly first: SegmentRecord | null;
  readonly last: SegmentRecord | null;
  /** The records found at the offsets asked for (an offset with no record is absent). */
  readonly kept: ReadonlyMap<number, SegmentRecord>;
}

/** A partition side that could not be read: the partition is missing, or reading failed. */
export interface Unreadable {
  readonly unreadable: string;
}

export interface PartitionFacts extends PartitionRef {
  /** The spots the spot check compares (earliest, latest, samples), chosen from the offset map. */
  readonly samples: readonly SampleSpot[];
  /** Undefined when nothing was copied and so nothing was read. */
  readonly source: RangeScan | Unreadable | undefined;
  readonly target: RangeScan | Unreadable | undefined;
  /** The target record at the sentinel's target offset (null: no record there), or why it could not be read. */
  readonly sentinel: { readonly targetOffset: number; readonly record: SegmentRecord | null; readonly reason?: string } | Unreadable | undefined;
}

export interface GroupFacts {
  readonly groupId: string;
  /** The group's committed offsets on the target now, or why they could not be read. */
  readonly committed: readonly GroupOffset[] | Unreadable;
}

export interface ClusterFacts {
  readonly targetTopics: readonly TargetTopicFacts[];
  readonly partitions: readonly PartitionFacts[];
  readonly groups: readonly GroupFacts[];
}

export function isUnreadable(value: unknown): value is Unreadable {
  return typeof value === 'object' && value !== null && 'unreadable' in value;
}
