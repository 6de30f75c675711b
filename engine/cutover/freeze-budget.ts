/**
 * `cutover.max_producer_freeze`: how long producers may stay frozen. The clock starts when the freeze is confirmed;
 * every step up to the point of no return checks it, and a step that would run past it stops the cutover
 * (producers are unfrozen). Past the point of no return the cutover is finished anyway and an overrun is a warning.
 */
import { MigrationError } from '../errors.js';

export class FreezeBudget {
  constructor(
    readonly frozenAtMs: number,
    readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  elapsedMs(): number {
    return Math.max(0, this.now() - this.frozenAtMs);
  }

  remainingMs(): number {
    return this.maxMs - this.elapsedMs();
  }

  exceeded(): boolean {
    return this.remainingMs() < 0;
  }

  /** Throws FREEZE_BUDGET naming the step when the producers have been frozen longer than allowed. */
  assertWithin(step: string, detail?: string): void {
    if (!this.exceeded()) return;
    throw new MigrationError({
      code: 'FREEZE_BUDGET',
      message: `producers have been frozen ${formatMs(this.elapsedMs())}, past cutover.max_producer_freeze (${formatMs(this.maxMs)}), during step ${step}${detail === undefined ? '' : `: ${detail}`}`,
      hint: 'Nothing was committed on the target and producers were unfrozen. Let the copy catch up (lower lag before the freeze: cutover.drain_max_partition_lag), or raise cutover.max_producer_freeze, then run cutover again.',
      retriable: true,
    });
  }
}

export function formatMs(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
