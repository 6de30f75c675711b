/**
 * The cutover from the point of no return on: commit the journaled translated offsets (idempotent: the same offsets
 * every time), check the offset floor, release the producers, journal the report and move to
 * awaiting_client_switch with the READY_FOR_CLIENT_SWITCH line. Never marks the migration failed.
 */
import { COPY_POSITIONS } from '../copy/checkpoints.js';
import { CUTOVER_REPORT, type CutoverReport, type CutoverTranslation, type OffsetFloorViolation } from '../cutover/checkpoints.js';
import { formatMs, type FreezeBudget } from '../cutover/freeze-budget.js';
import { offsetFloorViolations, readyDetail } from '../cutover/translate.js';
import type { StateTransitionEntry } from '../journal/index.js';
import { step, type CutoverContext } from './cutover-context.js';
import { commitTranslated } from './cutover-groups.js';

const describeViolation = (v: OffsetFloorViolation): string =>
  `offset floor: ${v.topic}-${v.partition} target log start ${v.targetLogStart} is past the first copied target offset ${v.firstCopiedTargetOffset}: copied records were deleted on the target`;

export interface FinishResult {
  readonly report: CutoverReport;
  readonly transition: StateTransitionEntry;
}

export async function finishCutover(ctx: CutoverContext, translation: CutoverTranslation, budget: FreezeBudget, afterRestart: boolean): Promise<FinishResult> {
  const { run, clusters, freezer } = ctx;
  const offsetsCommitted = await step(ctx, 'commit', () => commitTranslated(clusters, translation.groups), (n) => `${n} offset(s) for ${translation.groups.length} group(s)`);
  const positions = run.journal.latestCheckpoint(COPY_POSITIONS)?.value.partitions ?? [];
  const violations = await step(
    ctx,
    'offset-floor',
    async () => offsetFloorViolations(positions, await clusters.target.logStarts(positions)),
    (v) => `${v.length} violation(s) over ${positions.length} partition(s)`,
  );
  const warnings = [...translation.warnings, ...violations.map(describeViolation)];
  const readyAt = new Date();
  const freezeWindowMs = Math.max(0, readyAt.getTime() - budget.frozenAtMs);
  if (freezeWindowMs > budget.maxMs) {
    warnings.push(`producers were frozen ${formatMs(freezeWindowMs)}, past cutover.max_producer_freeze (${formatMs(budget.maxMs)}); the cutover was past the point of no return, so it was finished`);
  }
  const unfrozen = await step(ctx, 'unfreeze', () => freezer.unfreeze('ready_for_client_switch'), (u) => u.detail);
  ctx.released = true;
  ctx.emit({ type: 'cutover.unfreeze', how: unfrozen.how, detail: unfrozen.detail });
  if (unfrozen.how === 'failed') warnings.push(`producers may still be frozen: ${unfrozen.detail}`);
  const report: CutoverReport = {
    frozenAt: new Date(budget.frozenAtMs).toISOString(),
    readyAt: readyAt.toISOString(),
    freezeWindowMs,
    maxProducerFreezeMs: budget.maxMs,
    freezeMethod: freezer.method,
    sentinels: translation.sentinels,
    groups: translation.groups,
    groupsTranslated: translation.groups.length,
    offsetsCommitted,
    offsetFloorViolations: violations,
    warnings,
    groupsWithoutOffsets: translation.groupsWithoutOffsets,
    unfrozen: unfrozen.how,
    ...(afterRestart ? { completedAfterRestart: true } : {}),
  };
  const transition = await step(
    ctx,
    'ready',
    async () => {
      await run.journal.checkpoint(CUTOVER_REPORT, report);
      return run.journal.transition('awaiting_client_switch', { detail: readyDetail(report.groupsTranslated, report.offsetsCommitted, warnings.length) });
    },
    (entry) => entry.detail ?? '',
  );
  return { report, transition };
}
