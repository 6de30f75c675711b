/** The CopyRun of the segment copier: positions, the first failure, stop, and what happened (events, retention gaps). */
import type { CopyRun } from '../data-copier.js';
import type { PartitionPosition } from '../positions.js';
import type { SegmentCopyEvent } from './events.js';
import type { PositionBook } from './position-book.js';
import type { RunControl } from './run-control.js';

export interface RetentionGap {
  readonly topic: string;
  readonly partition: number;
  /** Source offsets `from`..`to - 1` were deleted by the source before they were read. */
  readonly from: number;
  readonly to: number;
}

export interface SegmentCopyRun extends CopyRun {
  /** Every event so far, in order. */
  events(): SegmentCopyEvent[];
  retentionGaps(): RetentionGap[];
}

export class SegmentCopyRunImpl implements SegmentCopyRun {
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly control: RunControl,
    private readonly book: PositionBook,
    private readonly tasks: Promise<unknown>,
    private readonly close: () => Promise<void>,
  ) {}

  snapshot(): PartitionPosition[] {
    return this.book.all();
  }

  failure(): Error | undefined {
    return this.control.failure;
  }

  /**
   * Stops reading, uploading and appending: every step in flight finishes (an append the target acknowledges still
   * moves its position; nothing moves without one), then the reader, writer and store are closed.
   */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.control.stop();
      await this.tasks;
      await this.close();
    })();
    return this.stopped;
  }

  events(): SegmentCopyEvent[] {
    return this.control.events();
  }

  retentionGaps(): RetentionGap[] {
    return this.control
      .events()
      .flatMap((event) => (event.type === 'retention.gap' ? [{ topic: event.topic, partition: event.partition, from: event.from, to: event.to }] : []));
  }
}
