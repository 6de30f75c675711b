/**
 * `cutover` (and `resume` in state cutover): drain_ready -> cutover -> awaiting_client_switch. The steps, in order
 * (docs/cutover.md): tail until lag is within the drain threshold (the copy keeps running); freeze producers (webhook
 * or the operator's confirmation); publish one sentinel per source partition; drain until every sentinel is on the
 * target; snapshot the selected groups' committed offsets on the source and translate them with the exact offset
 * map; refuse if any group is active on the target; journal the translation and the point of no return; commit;
 * offset-floor check; release producers; journal the report and READY_FOR_CLIENT_SWITCH.
 *
 * A failure before the point of no return releases the producers, journals a CUTOVER_FAILED finding naming the
 * step, and leaves the migration in `cutover` for `cutover` to run again. Past it, `resume` or `cutover` finishes
 * the remaining steps with the journaled translation; it is never marked failed.
 */
import { CUTOVER_FREEZE, CUTOVER_SENTINELS, CUTOVER_TRANSLATION, type CutoverReport, type CutoverTranslation } from '../cutover/checkpoints.js';
import type { CutoverClusterPorts } from '../cutover/cluster-ports.js';
import { FreezeBudget } from '../cutover/freeze-budget.js';
import { chooseFreezeMethod, type ConfirmPort } from '../cutover/freeze-method.js';
import { createFreezer, type FreezeConfirmed, type UnfreezeResult } from '../cutover/freezer.js';
import { offsetCount, sentinelTargets, translateGroups } from '../cutover/translate.js';
import type { MigrationError } from '../errors.js';
import { openJournal, type Journal, type StateTransitionEntry } from '../journal/index.js';
import type { MigrationPlan } from '../plan/index.js';
import type { MigrationState } from '../state/index.js';
import { plannedPartitions, runTailPhase } from './copy-phases.js';
import { step, type CutoverContext } from './cutover-context.js';
import { drainTo } from './cutover-drain.js';
import { finishCutover } from './cutover-finish.js';
import { assertGroupsIdleOnTarget, snapshotGroups } from './cutover-groups.js';
import type { CutoverListener, CutoverRunEvent } from './events.js';
import { asMigrationError, type OrchestratorOptions } from './migrate.js';
import { openRun } from './run-context.js';

export interface CutoverOptions extends Omit<OrchestratorOptions, 'onEvent'> {
  readonly migrationId: string;
  /** The operator prompt; only on an interactive terminal. Without it (and without a webhook) cutover is refused. */
  readonly confirm?: ConfirmPort | undefined;
  /** The clusters the cutover reads and writes (kafkajsCutoverPorts for real runs). */
  readonly clusters: (plan: MigrationPlan) => CutoverClusterPorts;
  readonly onEvent?: CutoverListener | undefined;
  /** Webhook timing (tests shorten it). */
  readonly webhook?: { readonly timeoutMs?: number; readonly backoffMs?: number } | undefined;
}

export type CutoverOutcome =
  | { readonly kind: 'ready'; readonly migrationId: string; readonly report: CutoverReport; readonly transition: StateTransitionEntry }
  | {
      readonly kind: 'failed';
      readonly migrationId: string;
      readonly state: MigrationState;
      readonly step: string;
      readonly error: MigrationError;
      readonly pastPointOfNoReturn: boolean;
      /** How producers were released after the failure; null when they were never frozen. */
      readonly unfreeze: UnfreezeResult | null;
    };

function safe(listener: CutoverListener | undefined): CutoverListener {
  return (event: CutoverRunEvent) => {
    try {
      listener?.(event);
    } catch {
      // A failing front end must not stop a cutover.
    }
  };
}

/**
 * Opens the journal for `command` (cutover, or resume finishing one): state checked, then `beforeLease` (refusals
 * that must come before anything is written), lease taken, state checked again.
 */
async function openForCutover<T>(options: CutoverOptions, command: 'cutover' | 'resume', beforeLease: () => T): Promise<{ journal: Journal; value: T }> {
  const journal = await openJournal({ migrationId: options.migrationId, journalDir: options.journalDir, config: options.config, s3: options.s3 });
  try {
    journal.assertCommandAllowed(command);
    const value = beforeLease();
    await journal.acquireLease(command);
    journal.assertCommandAllowed(command);
    return { journal, value };
  } catch (error) {
    await journal.close();
    throw error;
  }
}

async function freeze(ctx: CutoverContext): Promise<FreezeBudget> {
  const { run, freezer } = ctx;
  const maxMs = run.config.cutover.maxProducerFreezeMs;
  ctx.freezeAsked = true;
  const frozen: FreezeConfirmed = await step(ctx, 'freeze', () => freezer.freeze(), () => `producers frozen (${freezer.where})`);
  const frozenAt = frozen.frozenAt.toISOString();
  ctx.emit({ type: 'cutover.freeze', method: freezer.method, frozenAt, maxMs });
  if (freezer.method === 'prompt') await run.journal.recordAction('producer-freeze-confirmed', `producers frozen at ${frozenAt} (operator confirmation)`);
  await run.journal.checkpoint(CUTOVER_FREEZE, { frozenAt, freezeMethod: freezer.method, maxProducerFreezeMs: maxMs, ...(frozen.deliveryId === undefined ? {} : { deliveryId: frozen.deliveryId }) });
  return new FreezeBudget(frozen.frozenAt.getTime(), maxMs);
}

/** From drain_ready (or a cutover that stopped before the point of no return) to awaiting_client_switch. */
async function fullCutover(ctx: CutoverContext): Promise<ReturnType<typeof finishCutover>> {
  const { run, clusters } = ctx;
  const { journal } = run;
  if (journal.state().state === 'drain_ready') {
    await journal.transition('cutover', { detail: `cutover started: producers to be frozen by ${ctx.freezer.method === 'webhook' ? `webhook ${ctx.freezer.where}` : 'operator confirmation'}` });
  }
  await step(ctx, 'tail', () => runTailPhase(run, { stopWhenReady: false }), (d) => `max_partition_lag=${d.maxLag}`);
  const budget = await freeze(ctx);
  const frozenAt = new Date(budget.frozenAtMs).toISOString();
  const partitions = plannedPartitions(run);
  const published = await step(
    ctx,
    'sentinels',
    async () => {
      const offsets = await clusters.source.publishSentinels(journal.migrationId, partitions, new Date());
      await journal.checkpoint(CUTOVER_SENTINELS, { frozenAt, sentinels: offsets.map((o) => ({ topic: o.topic, partition: o.partition, sourceOffset: o.offset })) });
      return offsets;
    },
    (o) => `${o.length} sentinel(s) published on the source`,
  );
  budget.assertWithin('sentinels');
  const final = await step(ctx, 'drain', () => drainTo(ctx, published.map((s) => ({ ...s, offset: s.offset + 1 })), budget), () => 'every sentinel is on the target');
  const sentinels = sentinelTargets(final, published);
  const snapshots = await step(ctx, 'snapshot', () => snapshotGroups(clusters, run.plan), (s) => `${s.length} group(s) read on the source`);
  budget.assertWithin('snapshot');
  const translated = await step(ctx, 'translate', async () => translateGroups(final, snapshots), (t) => `${t.groups.length} group(s), ${offsetCount(t.groups)} offset(s)`);
  await step(ctx, 'check-target-groups', () => assertGroupsIdleOnTarget(clusters, translated.groups), () => 'no selected group has members on the target');
  budget.assertWithin('check-target-groups');
  const translation: CutoverTranslation = {
    frozenAt,
    freezeMethod: ctx.freezer.method,
    maxProducerFreezeMs: budget.maxMs,
    sentinels,
    groups: translated.groups,
    groupsWithoutOffsets: translated.groupsWithoutOffsets,
    warnings: translated.warnings,
  };
  await journal.checkpoint(CUTOVER_TRANSLATION, translation);
  await journal.markPointOfNoReturn(`committing ${offsetCount(translated.groups)} offset(s) for ${translated.groups.length} group(s) on the target`);
  return finishCutover(ctx, translation, budget, false);
}

/**
 * Past the point of no return: producers may have been released by a failure, so freeze again, copy what they wrote
 * since (to the source end read after the freeze), then re-commit the journaled translation and finish.
 */
async function finishAfterRestart(ctx: CutoverContext): Promise<ReturnType<typeof finishCutover>> {
  const { run, clusters } = ctx;
  const translation = run.journal.latestCheckpoint(CUTOVER_TRANSLATION)?.value;
  if (translation === undefined) {
    throw asMigrationError(new Error(`migration ${run.journal.migrationId} is past the point of no return but its journal holds no cutover.translation checkpoint`));
  }
  await step(ctx, 'tail', () => runTailPhase(run, { stopWhenReady: false }), (d) => `max_partition_lag=${d.maxLag}`);
  const budget = await freeze(ctx);
  const ends = await clusters.source.offsets(plannedPartitions(run));
  await step(ctx, 'drain', () => drainTo(ctx, ends.map((e) => ({ topic: e.topic, partition: e.partition, offset: e.end })), null), () => 'the source end is on the target');
  return finishCutover(ctx, translation, budget, true);
}

/**
 * Runs the cutover. Refuses before touching anything when the state does not allow it (the state module's STATE
 * error) or producers cannot be frozen (no webhook and no prompt: CONFIG_INVALID naming the config key). Returns
 * `failed` for a failure during the cutover (producers released, the failure journaled).
 */
export async function runCutover(options: CutoverOptions, command: 'cutover' | 'resume' = 'cutover'): Promise<CutoverOutcome> {
  const emit = safe(options.onEvent);
  // No way to freeze producers: refused after the state check, before the lease or any write.
  const { journal, value: choice } = await openForCutover(options, command, () => chooseFreezeMethod(options.config.cutover, options.confirm));
  const plan = journal.created().plan as unknown as MigrationPlan;
  const { run, detach } = openRun(journal, plan, options, emit);
  const clusters = options.clusters(plan);
  const freezer = createFreezer(choice, {
    migrationId: journal.migrationId,
    maxFreezeMs: options.config.cutover.maxProducerFreezeMs,
    topics: plan.topics.map((t) => t.name),
    ...(options.webhook?.timeoutMs === undefined ? {} : { webhookTimeoutMs: options.webhook.timeoutMs }),
    ...(options.webhook?.backoffMs === undefined ? {} : { webhookBackoffMs: options.webhook.backoffMs }),
  });
  const ctx: CutoverContext = { run, clusters, freezer, emit, step: 'tail', freezeAsked: false, released: false };
  try {
    const { report, transition } = journal.state().pastPointOfNoReturn ? await finishAfterRestart(ctx) : await fullCutover(ctx);
    return { kind: 'ready', migrationId: journal.migrationId, report, transition };
  } catch (thrown) {
    return await failCutover(ctx, asMigrationError(thrown));
  } finally {
    detach();
    await run.copy?.stop().catch(() => undefined);
    await run.offsets?.close().catch(() => undefined);
    await Promise.allSettled([clusters.source.close(), clusters.target.close()]);
    await journal.close();
  }
}

/** Releases the producers (when a freeze was asked for), journals the failure as a finding, and says what is next. */
async function failCutover(ctx: CutoverContext, error: MigrationError): Promise<CutoverOutcome> {
  const { run, freezer } = ctx;
  const { journal } = run;
  ctx.emit({ type: 'cutover.step', step: ctx.step, status: 'failed', detail: error.message });
  let unfreeze: UnfreezeResult | null = null;
  if (ctx.freezeAsked && !ctx.released) {
    unfreeze = await freezer.unfreeze('cutover_failed', `${error.code}: step ${ctx.step} failed`);
    ctx.emit({ type: 'cutover.unfreeze', how: unfreeze.how, detail: unfreeze.detail });
  }
  const past = journal.state().pastPointOfNoReturn;
  if (run.leaseLost === undefined && journal.heldLease() !== undefined) {
    await journal
      .reportFinding({
        code: 'CUTOVER_FAILED',
        severity: 'blocker',
        subject: `cutover step ${ctx.step}`,
        detail: `${error.code}: ${error.message}. Producers: ${unfreeze === null ? 'were not frozen' : unfreeze.detail}`,
        remedy: past
          ? 'The cutover is past the point of no return: fix the cause, then run `resume` (or `cutover`) to finish it with the same translated offsets.'
          : 'Nothing was committed on the target. Fix the cause, then run `cutover` again (the migration stays in state cutover).',
      })
      .catch(() => undefined);
  }
  return { kind: 'failed', migrationId: journal.migrationId, state: journal.state().state, step: ctx.step, error, pastPointOfNoReturn: past, unfreeze };
}
