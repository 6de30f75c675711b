/**
 * The shared switches of one copy run: whether it is still running, the first failure, a sleep that stop() cuts
 * short, and the event log. Every loop checks `running` before each read, put or append, so stop() and a failure
 * end the run between steps, never inside one.
 */
import type { SegmentCopyEvent } from './events.js';

type EventInput = SegmentCopyEvent extends infer E ? (E extends SegmentCopyEvent ? Omit<E, 'atMs'> : never) : never;

export class RunControl {
  private stopping = false;
  private error: Error | undefined;
  private readonly wakers = new Set<() => void>();
  private readonly log: SegmentCopyEvent[] = [];

  constructor(
    private readonly now: () => number,
    private readonly listener: ((event: SegmentCopyEvent) => void) | undefined,
  ) {}

  get running(): boolean {
    return !this.stopping;
  }

  get failure(): Error | undefined {
    return this.error;
  }

  /** Records the first failure and stops the run. */
  fail(error: unknown): void {
    this.error ??= error instanceof Error ? error : new Error(String(error));
    this.stop();
  }

  stop(): void {
    this.stopping = true;
    for (const wake of [...this.wakers]) wake();
  }

  /** Waits `ms`, or less when the run stops. */
  async sleep(ms: number): Promise<void> {
    if (this.stopping) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  emit(event: EventInput): void {
    const stamped = { ...event, atMs: this.now() } as SegmentCopyEvent;
    this.log.push(stamped);
    this.listener?.(stamped);
  }

  events(): SegmentCopyEvent[] {
    return [...this.log];
  }
}
