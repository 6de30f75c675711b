/**
 * The point of no return. During cutover the tool commits the translated consumer offsets on the target; from that
 * moment consumers may start reading the target, so the source is no longer the truth for them and a rollback would
 * lose or repeat their work. Rollback therefore stops at this step, and a cutover that crashes past it is finished,
 * never undone: `resume` (or `cutover` again) completes the remaining steps. Like Vitess's switchWrites, the cutover
 * journals that it is crossing this point (a checkpoint named `POINT_OF_NO_RETURN.checkpoint`) before it commits the
 * first offset: journal before acting.
 */
import type { MigrationState } from './states.js';

export const POINT_OF_NO_RETURN = Object.freeze({
  /** The state during which the point is crossed. */
  state: 'cutover' as const satisfies MigrationState,
  /** The step of the cutover that crosses it. */
  step: 'commit-target-offsets' as const,
  /** The checkpoint name the cutover journals immediately before it commits the first translated offset. */
  checkpoint: 'cutover.point_of_no_return' as const,
  /** Why rollback is refused from here on; the state machine's refusals quote it. */
  reason: 'the cutover committed consumer offsets on the target (the point of no return)',
});

/** States that are always past the point of no return: the offsets are on the target. */
const ALWAYS_PAST: ReadonlySet<MigrationState> = new Set(['awaiting_client_switch', 'validating', 'finalized']);

export interface PointOfNoReturnFacts {
  /** True when the journal holds the `POINT_OF_NO_RETURN.checkpoint` entry (only meaningful in `cutover` and `failed`). */
  readonly crossed?: boolean | undefined;
}

/**
 * True when consumer offsets have (or may have) been committed on the target: after cutover, or in cutover once the
 * journal says the commit step began. A failed migration counts as past it when the journal says it was crossed.
 */
export function isPastPointOfNoReturn(state: MigrationState, facts: PointOfNoReturnFacts = {}): boolean {
  if (ALWAYS_PAST.has(state)) return true;
  if (state === 'cutover' || state === 'failed') return facts.crossed === true;
  return false;
}
