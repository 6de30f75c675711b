/**
 * The engine's interface to whatever moves records from the source to the target. `segment-copier/` is the one
 * execute and resume use (the seed through S3 segments, the tail direct); `kafkajs-copier.ts` is the earlier simple
 * one (consume and re-produce).
 */
import type { PartitionPosition, PartitionRef } from './positions.js';

export interface SourceOffsets extends PartitionRef {
  readonly logStart: number;
  /** The high watermark: the offset the next record produced will get. */
  readonly end: number;
}

/** Reads the source's offsets (log start and end) for partitions. Read-only. */
export interface SourceOffsetReader {
  offsets(partitions: readonly PartitionRef[]): Promise<SourceOffsets[]>;
  close(): Promise<void>;
}

/** A running copy: it copies every partition from its start position onward until stopped. */
export interface CopyRun {
  /** The current position of every partition (a copy: safe to keep). */
  snapshot(): PartitionPosition[];
  /** Set when the copy stopped on its own because of an error; the orchestrator fails the phase with it. */
  failure(): Error | undefined;
  /** Stops consuming and producing; positions stay as the last completed produce left them. */
  stop(): Promise<void>;
  /**
   * Offsets the source deleted (retention) before they were read, as the copy met them: it jumped from `from` to the
   * log start `to`. Optional: a copier that does not know answers nothing here.
   */
  retentionGaps?(): readonly RetentionGapReport[];
}

/** Source offsets `from`..`to - 1` of a partition were deleted (retention) before the copy read them. */
export interface RetentionGapReport extends PartitionRef {
  readonly from: number;
  readonly to: number;
}

export interface CopyStartOptions {
  /** Per partition: source offsets at or past this count as the tail's replay (the seed boundary's end). */
  readonly tailFrom: ReadonlyMap<string, number>;
  /** Called when the copy jumps over a retention gap (optional: a copier that cannot tell calls nothing). */
  readonly onRetentionGap?: (gap: RetentionGapReport) => void;
}

export interface DataCopier {
  start(positions: readonly PartitionPosition[], options: CopyStartOptions): Promise<CopyRun>;
}
