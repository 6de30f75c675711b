/**
 * The cutover's final drain: keep the copy running until every partition's copy position reaches the offset it
 * needs (past its sentinel, or the source end read after a second freeze), within the freeze budget; then stop the
 * copy and checkpoint the final positions: the offset map the translation uses.
 */
import { partitionKey, type PartitionPosition } from '../copy/positions.js';
import type { FreezeBudget } from '../cutover/freeze-budget.js';
import type { PartitionOffset } from '../cutover/translate.js';
import { MigrationError } from '../errors.js';
import { CopyWatch, runningCopy } from './copy-phases.js';
import type { CutoverContext } from './cutover-context.js';

/** Partitions whose copy has not reached `needed` (the next source offset each must have copied). */
export function notLanded(positions: readonly PartitionPosition[], needed: readonly PartitionOffset[]): PartitionOffset[] {
  const byKey = new Map(positions.map((p) => [partitionKey(p), p.nextSourceOffset]));
  return needed.filter((n) => (byKey.get(partitionKey(n)) ?? 0) < n.offset);
}

/**
 * Copies until every partition reached its needed offset. With a budget, running past it fails (FREEZE_BUDGET);
 * without one (finishing past the point of no return), `cutover.drain_timeout` bounds the wait.
 */
export async function drainTo(ctx: CutoverContext, needed: readonly PartitionOffset[], budget: FreezeBudget | null): Promise<PartitionPosition[]> {
  const { run } = ctx;
  const { copy, generation } = await runningCopy(run);
  const watch = new CopyWatch(run, copy, generation, 'tail');
  const startedMs = Date.now();
  let reported = -1;
  for (;;) {
    const positions = await watch.tick();
    const behind = notLanded(positions, needed);
    const landed = needed.length - behind.length;
    if (landed !== reported) {
      reported = landed;
      ctx.emit({ type: 'cutover.sentinels', landed, total: needed.length });
    }
    if (behind.length === 0) break;
    const detail = `${behind.length} of ${needed.length} partition(s) not yet copied to their sentinel: ${behind
      .slice(0, 5)
      .map((n) => `${n.topic}-${n.partition}`)
      .join(', ')}${behind.length > 5 ? ', ...' : ''}`;
    budget?.assertWithin('drain', detail);
    if (budget === null && Date.now() - startedMs > run.config.cutover.drainTimeoutMs) {
      throw new MigrationError({
        code: 'STATE',
        message: `the final drain did not finish within cutover.drain_timeout: ${detail}`,
        hint: 'Check that the copy can reach both clusters, then run `resume` again to finish the cutover.',
        retriable: true,
      });
    }
  }
  await copy.stop();
  const final = copy.snapshot();
  await watch.checkpoint(final, true);
  return final;
}
