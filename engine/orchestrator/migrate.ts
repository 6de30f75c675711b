/**
 * The orchestrator: one function that reads as the phase list (gh-ost's `Migrate()`), and the two ways in:
 * `executeMigration` (a new migration, or one named by --migration-id) and `resumeMigration` (continue from the
 * journal). Journal before acting: each phase is entered by journaling its transition, then done; its completion
 * is a checkpoint; every phase is idempotent, so a resumed run re-runs the current phase from its last checkpoint.
 * A failure journals `-> failed` with the reason.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { drainReadyDetail } from '../copy/lag.js';
import { isMigrationError, MigrationError } from '../errors.js';
import { createJournal, journalExists, openJournal, type Journal } from '../journal/index.js';
import { buildPlan, generateMigrationId, type MigrationPlan } from '../plan/index.js';
import { FORWARD_PATH, isTerminalState, nextCommandFor, type MigrationCommand, type MigrationState } from '../state/index.js';
import { interrupted, runSeedPhase, runTailPhase } from './copy-phases.js';
import { safeListener, type OrchestratorListener } from './events.js';
import { runPrecheckPhase } from './precheck-phase.js';
import { openRun, type CopyTimings, type MigrationRun, type OrchestratorPorts } from './run-context.js';
import { runTopologyPhase } from './topology-phase.js';

export interface OrchestratorOptions {
  readonly config: MigrationConfig;
  /** `--journal-dir`; the backup bucket when absent. */
  readonly journalDir?: string | undefined;
  /** S3 client for a journal in the backup bucket (not destroyed here). */
  readonly s3?: S3Client | undefined;
  readonly ports: OrchestratorPorts;
  readonly onEvent?: OrchestratorListener;
  readonly toolVersion: string;
  /** The config path as the operator typed it (the plan's runbook repeats it). */
  readonly configPath?: string | undefined;
  readonly timings?: Partial<CopyTimings>;
  /** Abort to interrupt the run: it checkpoints, does not journal a failure, and releases the lease. */
  readonly signal?: AbortSignal | undefined;
}

export interface ExecuteOptions extends OrchestratorOptions {
  /** Continue this migration (or start one with this id); a new id when absent. */
  readonly migrationId?: string | undefined;
  /** Re-run the seed from the start (seed or tail only), accepting duplicates on the target. */
  readonly forceRestart: boolean;
}

export interface ResumeOptions extends OrchestratorOptions {
  readonly migrationId: string;
}

export type MigrationOutcome =
  | { readonly kind: 'advanced'; readonly migrationId: string; readonly state: MigrationState }
  | { readonly kind: 'terminal'; readonly migrationId: string; readonly state: MigrationState }
  | { readonly kind: 'waiting-for-operator'; readonly migrationId: string; readonly state: MigrationState; readonly nextCommand: MigrationCommand }
  | { readonly kind: 'failed'; readonly migrationId: string; readonly state: MigrationState; readonly error: MigrationError }
  /** The operator interrupted the run: nothing journaled as failed; `resume` continues. */
  | { readonly kind: 'interrupted'; readonly migrationId: string; readonly state: MigrationState; readonly error: MigrationError };

const position = (state: MigrationState): number => (FORWARD_PATH as readonly MigrationState[]).indexOf(state);

/** Enters `state` unless the migration is already past it (journal first), then does the phase's work. */
async function phase<T>(run: MigrationRun, state: MigrationState, work: (run: MigrationRun) => Promise<T>): Promise<T | undefined> {
  const current = run.journal.state().state;
  if (position(current) > position(state)) return undefined;
  if (run.signal?.aborted === true) throw interrupted(current);
  const resumed = current === state;
  if (!resumed) await run.journal.transition(state);
  run.emit({ type: 'phase.started', state, resumed });
  return work(run);
}

/** The migration up to drain_ready, phase by phase. */
async function migrate(run: MigrationRun): Promise<void> {
  await phase(run, 'precheck', runPrecheckPhase);
  await phase(run, 'topology_copy', runTopologyPhase);
  await phase(run, 'seed', runSeedPhase);
  const drained = await phase(run, 'tail', runTailPhase);
  if (drained !== undefined) {
    await run.journal.transition('drain_ready', { detail: drainReadyDetail(drained.maxLag, drained.recordsReplayed, drained.bytesReplayed) });
  }
}

/** A kafkajs error (broker unreachable, retries exhausted...) is a cluster problem; anything else unexpected is INTERNAL. */
export function asMigrationError(error: unknown): MigrationError {
  if (isMigrationError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (name.startsWith('KafkaJS')) {
    return new MigrationError({
      code: 'CLUSTER_UNREACHABLE',
      message: `${name}: ${message}`,
      hint: 'Check that the clusters are reachable from this host and the credentials work; `status` shows what was copied.',
      retriable: true,
      cause: error,
    });
  }
  return new MigrationError({ code: 'INTERNAL', message, cause: error });
}

/** Runs the phases on an open journal that holds the lease; journals a failure; always releases everything. */
async function drive(journal: Journal, plan: MigrationPlan, options: OrchestratorOptions, emit: OrchestratorListener, seeded: Partial<MigrationRun>): Promise<MigrationOutcome> {
  const { run, detach } = openRun(journal, plan, options, emit, seeded);
  try {
    await migrate(run);
    return { kind: 'advanced', migrationId: journal.migrationId, state: journal.state().state };
  } catch (thrown) {
    const error = asMigrationError(thrown);
    const { state } = journal.state();
    if (options.signal?.aborted === true) {
      emit({ type: 'warning', message: `interrupted in ${state}: copy positions checkpointed, lease released; \`resume\` continues` });
      return { kind: 'interrupted', migrationId: journal.migrationId, state, error: interrupted(state) };
    }
    let journaled = false;
    if (run.leaseLost === undefined && !isTerminalState(state) && !journal.state().pastPointOfNoReturn) {
      try {
        await journal.transition('failed', { reason: `${error.code}: ${error.message}` });
        journaled = true;
      } catch {
        // The journal cannot be written (lease lost, storage down): the error below still says what happened.
      }
    }
    emit({ type: 'migration.failed', state, reason: error.message, journaled });
    return { kind: 'failed', migrationId: journal.migrationId, state: journal.state().state, error };
  } finally {
    detach();
    await run.copy?.stop().catch(() => undefined);
    await run.offsets?.close().catch(() => undefined);
    await journal.close();
  }
}

function planOf(journal: Journal): MigrationPlan {
  return journal.created().plan as unknown as MigrationPlan;
}

/** Opens an existing migration for `command`: checks the state, takes the lease (naming a live holder), checks again. */
async function openForWork(options: OrchestratorOptions, migrationId: string, command: MigrationCommand, forceRestart = false): Promise<Journal> {
  const journal = await openJournal({ migrationId, journalDir: options.journalDir, config: options.config, s3: options.s3 });
  try {
    journal.assertCommandAllowed(command, { forceRestart });
    await journal.acquireLease(command);
    journal.assertCommandAllowed(command, { forceRestart });
    return journal;
  } catch (error) {
    await journal.close();
    throw error;
  }
}

/**
 * `execute`: a new migration (id generated and announced first, then discovery, plan, precheck, journal), or the one
 * named by `migrationId` continued; runs until drain_ready. Throws a STATE error when the command is refused (the
 * state module's message, or the lease holder); returns `failed` when a phase failed (journaled).
 */
export async function executeMigration(options: ExecuteOptions): Promise<MigrationOutcome> {
  const emit = safeListener(options.onEvent);
  const location = { journalDir: options.journalDir, config: options.config, s3: options.s3 };
  if (options.migrationId !== undefined && (await journalExists({ ...location, migrationId: options.migrationId }))) {
    const journal = await openForWork(options, options.migrationId, 'execute', options.forceRestart);
    emit({ type: 'migration.started', migrationId: journal.migrationId, resumed: true, state: journal.state().state, journal: journal.location });
    if (journal.state().state === 'drain_ready') {
      await journal.close();
      return { kind: 'advanced', migrationId: journal.migrationId, state: 'drain_ready' };
    }
    if (options.forceRestart && ['seed', 'tail'].includes(journal.state().state)) {
      try {
        await journal.recordAction('force-restart', 're-run the seed from the source log start; duplicate records on the target accepted');
        await journal.transition('seed', { forceRestart: true, reason: 'execute --force-restart' });
      } catch (error) {
        await journal.close();
        throw error;
      }
    }
    return drive(journal, planOf(journal), options, emit, {});
  }

  const migrationId = options.migrationId ?? generateMigrationId(new Date(), Math.random);
  emit({ type: 'migration.started', migrationId, resumed: false, state: 'planned', journal: options.journalDir ?? `s3://${options.config.backup.s3Bucket}` });
  const inventory = await options.ports.discover(options.config);
  for (const cluster of [inventory.source, inventory.target]) {
    if (!cluster.reachable) {
      throw new MigrationError({
        code: 'CLUSTER_UNREACHABLE',
        message: `the ${cluster.role} cluster could not be read: ${cluster.error?.message ?? 'no answer'}; migration ${migrationId} was not started`,
        hint: 'Run `kafka-backup migrate msk-kraft precheck --config <PATH>` for the full list of problems.',
        retriable: true,
      });
    }
  }
  const plan = buildPlan(inventory, options.config, { migrationId, configPath: options.configPath, journalDir: options.journalDir });
  const precheckReport = await options.ports.precheck(inventory, options.config);
  const journal = await createJournal({
    ...location,
    migrationId,
    command: 'execute',
    toolVersion: options.toolVersion,
    plan,
    precheck: precheckReport,
  });
  return drive(journal, plan, options, emit, { inventory, precheckReport });
}

/**
 * `resume`: continues the migration from its journal. Up to tail it runs the phases to drain_ready (`advanced`);
 * where the operator acts next it changes nothing (`waiting-for-operator`, with the command). Refusals throw the
 * state module's STATE error.
 */
export async function resumeMigration(options: ResumeOptions): Promise<MigrationOutcome> {
  const emit = safeListener(options.onEvent);
  const journal = await openForWork(options, options.migrationId, 'resume');
  const info = journal.state();
  emit({ type: 'migration.started', migrationId: journal.migrationId, resumed: true, state: info.state, journal: journal.location });
  const next = nextCommandFor(info.state, info.context);
  if (next !== null) {
    await journal.close();
    return { kind: 'waiting-for-operator', migrationId: journal.migrationId, state: info.state, nextCommand: next };
  }
  if (position(info.state) > position('drain_ready')) {
    await journal.close();
    throw new MigrationError({
      code: 'NOT_IMPLEMENTED',
      message: `resuming a migration in state ${info.state} is not built yet in this version; nothing was changed`,
      hint: 'The cutover steps come in a later version.',
    });
  }
  return drive(journal, planOf(journal), options, emit, {});
}
