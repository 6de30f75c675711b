/**
 * The seed and tail phases over a DataCopier. Seed: record the boundary (source end offsets when the seed begins)
 * once per generation, copy every partition from its last checkpoint (or its source log start) until it reaches the
 * boundary. Tail: keep copying until every partition's lag against the live source end stays within
 * `cutover.drain_max_partition_lag` for `cutover.drain_stable_window`; fail after `cutover.drain_timeout` naming the
 * partitions behind. Both checkpoint the copy positions every few seconds and when they complete.
 */
import { COPY_POSITIONS, SEED_BOUNDARY, type SeedBoundary } from '../copy/checkpoints.js';
import type { CopyRun, SourceOffsets } from '../copy/data-copier.js';
import { decideDrain, describeBehind, lagTotals, partitionLag, type PartitionLag } from '../copy/lag.js';
import { copyTotals, initialPosition, partitionKey, sortPositions, type PartitionPosition, type PartitionRef } from '../copy/positions.js';
import type { PartitionReader } from '../copy/record-ports.js';
import {
  COPY_RECONCILED,
  describeProblem,
  FOREIGN_RECORDS_FINDING,
  foreignRecordsError,
  nonEmptyPartitions,
  reconcilePositions,
  TARGET_BASELINE,
  type ForeignRecordsProblem,
} from '../copy/reconcile.js';
import { MigrationError } from '../errors.js';
import { retentionGapReporter } from './retention-gap.js';
import type { MigrationRun } from './run-context.js';
import { applyAfterSeed } from './topology-phase.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error of a run the operator interrupted: not a failure, `resume` continues from the last checkpoint. */
export function interrupted(where: string): MigrationError {
  return new MigrationError({
    code: 'STATE',
    message: `interrupted by the operator in ${where}; the copy positions were checkpointed and the lease released`,
    hint: 'Continue with `resume` (same --config, --migration-id and --journal-dir).',
    retriable: true,
  });
}

/** Every planned partition, sorted. */
export function plannedPartitions(run: Pick<MigrationRun, 'plan'>): PartitionRef[] {
  return sortPositions(run.plan.topics.flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.name, partition: p.partition }))));
}

/** The boundary of the current seed generation, recording a new one when needed. */
async function seedBoundary(run: MigrationRun): Promise<{ boundary: SeedBoundary; fresh: boolean }> {
  const latest = run.journal.latestCheckpoint(SEED_BOUNDARY);
  const restart = run.journal
    .transitions()
    .filter((entry) => entry.to === 'seed' && entry.forceRestart === true)
    .at(-1);
  if (latest !== undefined && (restart === undefined || restart.seq < latest.entry.seq)) return { boundary: latest.value, fresh: false };
  const generation = (latest?.value.generation ?? 0) + 1;
  const offsets = await offsetReader(run).offsets(plannedPartitions(run));
  const boundary: SeedBoundary = { generation, partitions: offsets.map(({ topic, partition, logStart, end }) => ({ topic, partition, logStart, end })) };
  await run.journal.checkpoint(SEED_BOUNDARY, boundary);
  return { boundary, fresh: true };
}

function offsetReader(run: MigrationRun) {
  run.offsets ??= run.ports.offsetReader(run.plan);
  return run.offsets;
}

/** Positions of the current generation from the journal, else each partition from its log start at the boundary. */
function journaledPositions(run: MigrationRun, boundary: SeedBoundary): PartitionPosition[] {
  const saved = run.journal.latestCheckpoint(COPY_POSITIONS);
  const byKey = new Map((saved?.value.generation === boundary.generation ? saved.value.partitions : []).map((p) => [partitionKey(p), p]));
  return boundary.partitions.map((p) => byKey.get(partitionKey(p)) ?? initialPosition(p, p.logStart));
}

async function checkpointPositions(run: MigrationRun, generation: number, phase: 'seed' | 'tail', positions: readonly PartitionPosition[], complete: boolean): Promise<void> {
  const partitions = positions.map((p) => ({ ...p, runs: p.runs.map((r) => [...r] as [number, number, number]) }));
  await run.journal.checkpoint(COPY_POSITIONS, { generation, phase, complete, partitions });
}

/** Journals every problem as a blocker finding, then fails: the copy never writes next to records it did not write. */
async function blockForeignRecords(run: MigrationRun, problems: readonly ForeignRecordsProblem[]): Promise<never> {
  for (const problem of problems) {
    await run.journal.reportFinding({
      code: FOREIGN_RECORDS_FINDING,
      severity: 'blocker',
      subject: `${problem.topic}-${problem.partition}`,
      detail: describeProblem(problem),
      remedy: 'Stop whatever writes to the target topic. If its records are not needed, delete the target topic and start a new migration.',
    });
  }
  throw foreignRecordsError(problems);
}

/**
 * The target's end offsets before the current generation wrote anything (journaled once per generation, before the
 * copy starts). The first generation's target partitions must be empty; a --force-restart generation appends to what
 * the earlier one wrote. Empty for a journal whose generation copied before baselines existed (the log start is used).
 */
async function targetBaseline(run: MigrationRun, boundary: SeedBoundary, target: PartitionReader): Promise<Map<string, number>> {
  const saved = run.journal.latestCheckpoint(TARGET_BASELINE)?.value;
  if (saved?.generation === boundary.generation) return new Map(saved.partitions.map((p) => [partitionKey(p), p.end]));
  if (run.journal.latestCheckpoint(COPY_POSITIONS)?.value.generation === boundary.generation) return new Map();
  const offsets = (await target.offsets(boundary.partitions)).map((o) => ({ topic: o.topic, partition: o.partition, logStart: Number(o.logStart), end: Number(o.end) }));
  if (boundary.generation === 1) {
    const problems = nonEmptyPartitions(offsets);
    if (problems.length > 0) await blockForeignRecords(run, problems);
  }
  await run.journal.checkpoint(TARGET_BASELINE, { generation: boundary.generation, partitions: offsets });
  return new Map(offsets.map((o) => [partitionKey(o), o.end]));
}

/**
 * Where the copy starts: the journal's positions, reconciled with the target (records a crash left past the last
 * checkpoint are matched with the source and taken in, never produced again; records not written by this migration
 * stop the copy). See engine/copy/reconcile.ts.
 */
async function startPositions(run: MigrationRun, boundary: SeedBoundary, tailFrom: ReadonlyMap<string, number>): Promise<PartitionPosition[]> {
  const positions = journaledPositions(run, boundary);
  const readers = await run.ports.recordReaders?.(run.plan);
  if (readers === undefined) return positions;
  try {
    const baseline = await targetBaseline(run, boundary, readers.target);
    const result = await reconcilePositions(positions, readers, { baseline, tailFrom });
    if (result.problems.length > 0) await blockForeignRecords(run, result.problems);
    if (result.reconciled.length > 0) {
      await run.journal.checkpoint(COPY_RECONCILED, { generation: boundary.generation, partitions: result.reconciled });
      await checkpointPositions(run, boundary.generation, run.journal.state().state === 'seed' ? 'seed' : 'tail', result.positions, false);
    }
    return result.positions;
  } finally {
    await Promise.allSettled([readers.source.close(), readers.target.close()]);
  }
}

/**
 * Records the source deleted (retention) before they were copied: a partition's log start passed its position. Raised
 * once per partition, as a warning event and a journaled finding `COPY_RETENTION_GAP`.
 */
async function checkRetention(run: MigrationRun, positions: readonly PartitionPosition[], offsets: readonly SourceOffsets[], warned: Set<string>): Promise<void> {
  const byKey = new Map(positions.map((p) => [partitionKey(p), p]));
  for (const o of offsets) {
    const key = partitionKey(o);
    const position = byKey.get(key);
    if (position === undefined || warned.has(key) || o.logStart <= position.nextSourceOffset) continue;
    warned.add(key);
    const detail = `${o.topic}-${o.partition}: the source log start is ${o.logStart} but the copy was at ${position.nextSourceOffset}: offsets ${position.nextSourceOffset}..${o.logStart - 1} were deleted by retention before they were copied`;
    run.emit({ type: 'warning', message: detail });
    await run.journal.reportFinding({
      code: 'COPY_RETENTION_GAP',
      severity: 'warning',
      subject: `${o.topic}-${o.partition}`,
      detail,
      remedy: 'Those records are not on the target. Raise retention.ms on the source topic for the migration, or accept the gap (finalize will show it).',
    });
  }
}

async function ensureCopy(run: MigrationRun, boundary: SeedBoundary): Promise<CopyRun> {
  if (run.copy !== undefined) return run.copy;
  const tailFrom = new Map(boundary.partitions.map((p) => [partitionKey(p), p.end]));
  const positions = await startPositions(run, boundary, tailFrom);
  run.copy = await run.ports.copier(run.plan, run.journal.migrationId).start(positions, { tailFrom, onRetentionGap: retentionGapReporter(run) });
  return run.copy;
}

const fingerprint = (positions: readonly PartitionPosition[]) => positions.map((p) => `${p.nextSourceOffset}/${p.targetEnd ?? ''}`).join(',');

/** Watches the copy tick by tick: fails on its error or a lost lease, checkpoints and reports progress on time. */
export class CopyWatch {
  private lastCheckpointMs = Date.now();
  private lastProgressMs = Date.now();
  private lastFingerprint: string;

  constructor(
    private readonly run: MigrationRun,
    private readonly copy: CopyRun,
    private readonly generation: number,
    private readonly phase: 'seed' | 'tail',
  ) {
    // What the journal holds already: a checkpoint is written whenever the positions differ from it.
    const saved = run.journal.latestCheckpoint(COPY_POSITIONS)?.value;
    this.lastFingerprint = saved?.generation === generation ? fingerprint(saved.partitions) : '';
  }

  async tick(): Promise<PartitionPosition[]> {
    await sleep(this.run.timings.tickMs);
    const failure = this.copy.failure();
    if (failure !== undefined) {
      throw new MigrationError({ code: 'CLUSTER_UNREACHABLE', message: `the copy stopped in ${this.phase}: ${failure.message}`, hint: 'Fix the cause, then start a new migration; the journal and the rollback report say what was copied.', cause: failure });
    }
    if (this.run.leaseLost !== undefined) throw new MigrationError({ code: 'STATE', message: `this process lost the lease: ${this.run.leaseLost}` });
    const positions = this.copy.snapshot();
    if (this.run.signal?.aborted === true) {
      await this.copy.stop();
      await this.checkpoint(this.copy.snapshot(), false);
      throw interrupted(this.phase);
    }
    if (Date.now() - this.lastCheckpointMs >= this.run.timings.checkpointEveryMs) await this.checkpoint(positions, false);
    return positions;
  }

  progressDue(): boolean {
    return Date.now() - this.lastProgressMs >= this.run.timings.progressEveryMs;
  }

  progress(positions: readonly PartitionPosition[], lags: readonly PartitionLag[], withinLimitForMs: number | null): void {
    this.lastProgressMs = Date.now();
    this.run.emit({ type: 'copy.progress', phase: this.phase, lags, lag: lagTotals(lags), copied: copyTotals(positions), withinLimitForMs });
  }

  async checkpoint(positions: readonly PartitionPosition[], complete: boolean): Promise<void> {
    this.lastCheckpointMs = Date.now();
    const now = fingerprint(positions);
    if (!complete && now === this.lastFingerprint) return;
    this.lastFingerprint = now;
    await checkpointPositions(this.run, this.generation, this.phase, positions, complete);
    this.run.emit({ type: 'copy.checkpointed', phase: this.phase, partitions: positions.map(({ topic, partition }) => ({ topic, partition })) });
  }
}

export async function runSeedPhase(run: MigrationRun): Promise<void> {
  const { boundary, fresh } = await seedBoundary(run);
  run.emit({
    type: 'seed.boundary',
    generation: boundary.generation,
    partitions: boundary.partitions.length,
    records: boundary.partitions.reduce((sum, p) => sum + (p.end - p.logStart), 0),
    fresh,
  });
  const ends = new Map(boundary.partitions.map((p) => [partitionKey(p), p.end]));
  const lagsOf = (positions: readonly PartitionPosition[]) => positions.map((p) => partitionLag(p.topic, p.partition, ends.get(partitionKey(p)) ?? 0, p.nextSourceOffset));
  const copy = await ensureCopy(run, boundary);
  const watch = new CopyWatch(run, copy, boundary.generation, 'seed');
  let positions = copy.snapshot();
  const warned = new Set<string>();
  while (lagTotals(lagsOf(positions)).maxLag > 0) {
    positions = await watch.tick();
    if (watch.progressDue()) {
      watch.progress(positions, lagsOf(positions), null);
      await checkRetention(run, positions, await offsetReader(run).offsets(positions), warned);
    }
  }
  watch.progress(positions, lagsOf(positions), null);
  await watch.checkpoint(positions, true);
  await applyAfterSeed(run);
}

export interface DrainResult {
  readonly maxLag: number;
  readonly recordsReplayed: number;
  readonly bytesReplayed: number;
}

export interface TailOptions {
  /** Default true. False (cutover): the copy keeps running once drained, so the final records follow without a restart. */
  readonly stopWhenReady?: boolean;
}

/** The running copy of the current seed generation (started from the journal when none runs), for cutover's final drain. */
export async function runningCopy(run: MigrationRun): Promise<{ copy: CopyRun; generation: number }> {
  const { boundary } = await seedBoundary(run);
  return { copy: await ensureCopy(run, boundary), generation: boundary.generation };
}

export async function runTailPhase(run: MigrationRun, options: TailOptions = {}): Promise<DrainResult> {
  const { boundary } = await seedBoundary(run);
  const copy = await ensureCopy(run, boundary);
  const watch = new CopyWatch(run, copy, boundary.generation, 'tail');
  const settings = {
    maxPartitionLag: run.config.cutover.drainMaxPartitionLag,
    stableWindowMs: run.config.cutover.drainStableWindowMs,
    timeoutMs: run.config.cutover.drainTimeoutMs,
  };
  const startedMs = Date.now();
  let withinSinceMs: number | null = null;
  const partitions = plannedPartitions(run);
  const warned = new Set<string>();
  for (;;) {
    const positions = await watch.tick();
    const offsets = await offsetReader(run).offsets(partitions);
    await checkRetention(run, positions, offsets, warned);
    const ends = new Map(offsets.map((o) => [partitionKey(o), o.end]));
    const byKey = new Map(positions.map((p) => [partitionKey(p), p]));
    const lags = partitions.map((ref) => partitionLag(ref.topic, ref.partition, ends.get(partitionKey(ref)) ?? 0, byKey.get(partitionKey(ref))?.nextSourceOffset ?? 0));
    const nowMs = Date.now();
    const decision = decideDrain({ nowMs, startedMs, withinSinceMs, lags }, settings);
    if (decision.kind === 'timed-out') {
      await watch.checkpoint(positions, false);
      throw new MigrationError({
        code: 'STATE',
        message: `the tail did not drain within cutover.drain_timeout (${Math.round(settings.timeoutMs / 1000)} s): ${decision.over.length} partition(s) above ${settings.maxPartitionLag} records behind: ${describeBehind(decision.over)}`,
        hint: 'The source is being written faster than it is copied, or a partition is stuck. Raise seed.max_concurrent_partitions or cutover.drain_timeout, or copy at a quieter time.',
        retriable: true,
      });
    }
    if (decision.kind === 'ready') {
      // Stop copying before the final checkpoint, so the checkpoint holds every record on the target.
      if (options.stopWhenReady !== false) await copy.stop();
      const final = copy.snapshot();
      const finalByKey = new Map(final.map((p) => [partitionKey(p), p]));
      const finalLags = partitions.map((ref) => partitionLag(ref.topic, ref.partition, ends.get(partitionKey(ref)) ?? 0, finalByKey.get(partitionKey(ref))?.nextSourceOffset ?? 0));
      watch.progress(final, finalLags, nowMs - (withinSinceMs ?? nowMs));
      await watch.checkpoint(final, true);
      const totals = copyTotals(final);
      return { maxLag: lagTotals(finalLags).maxLag, recordsReplayed: totals.tailRecords, bytesReplayed: totals.tailBytes };
    }
    withinSinceMs = decision.withinSinceMs;
    if (watch.progressDue()) watch.progress(positions, lags, withinSinceMs === null ? null : nowMs - withinSinceMs);
  }
}
