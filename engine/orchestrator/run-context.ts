/** What every phase of one migration run shares: the journal, the config, the plan, the ports, the timings. */
import type { MigrationConfig } from '../config/types.js';
import type { CopyRun, DataCopier, SourceOffsetReader } from '../copy/data-copier.js';
import type { Inventory } from '../inventory/types.js';
import type { Journal } from '../journal/index.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import type { PrecheckReport } from '../precheck/index.js';
import type { OrchestratorListener } from './events.js';
import type { TopologyStep } from './topology-step.js';

export interface CopyTimings {
  /** How often the copy is looked at (positions, failure, drain). */
  readonly tickMs: number;
  /** At most this long between two `copy.positions` checkpoints while copying. */
  readonly checkpointEveryMs: number;
  /** How often a `copy.progress` event (the lag summary) is emitted. */
  readonly progressEveryMs: number;
}

export const DEFAULT_COPY_TIMINGS: CopyTimings = { tickMs: 500, checkpointEveryMs: 5_000, progressEveryMs: 10_000 };

/** Ports a run uses; the defaults talk to the real clusters (kafkajs), tests and the next issue may replace them. */
export interface OrchestratorPorts {
  readonly discover: (config: MigrationConfig) => Promise<Inventory>;
  readonly precheck: (inventory: Inventory, config: MigrationConfig) => Promise<PrecheckReport>;
  readonly topology: TopologyStep;
  readonly connectApplier: (plan: MigrationPlan) => Promise<import('../kafka/applier-port.js').ApplierPort>;
  readonly copier: (plan: MigrationPlan, migrationId: string) => DataCopier;
  readonly offsetReader: (plan: MigrationPlan) => SourceOffsetReader;
  /**
   * Record readers of the source and the target, for resume reconciliation (engine/copy/reconcile.ts) before a copy
   * starts. Ports without them (in-memory tests) start from the journal's positions as they are.
   */
  readonly recordReaders?: (plan: MigrationPlan) => Promise<import('../copy/reconcile.js').ReconcileReaders>;
}

export interface MigrationRun {
  readonly journal: Journal;
  readonly config: MigrationConfig;
  readonly plan: MigrationPlan;
  readonly ports: OrchestratorPorts;
  readonly emit: OrchestratorListener;
  readonly timings: CopyTimings;
  /** Aborted when the operator interrupts (SIGINT/SIGTERM): the run checkpoints, releases the lease and stops. */
  readonly signal: AbortSignal | undefined;
  /** The inventory discovered by this process (new migrations), reused by the first phases. */
  inventory: Inventory | undefined;
  /** The precheck report evaluated by this process, if any. */
  precheckReport: PrecheckReport | undefined;
  /** The running copy, shared by seed and tail; stopped when the run ends. */
  copy: CopyRun | undefined;
  offsets: SourceOffsetReader | undefined;
  /** Set when the lease was lost: the run must stop writing. */
  leaseLost: string | undefined;
}

/** What a command gives a run: the config, the ports, the timings it overrides and the operator's interrupt. */
export interface RunSettings {
  readonly config: MigrationConfig;
  readonly ports: OrchestratorPorts;
  readonly timings?: Partial<CopyTimings> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A run on an open journal that holds the lease: state transitions are emitted as `state.changed`, a lost lease is
 * noted in `run.leaseLost`. `detach()` stops listening to the journal.
 */
export function openRun(
  journal: Journal,
  plan: MigrationPlan,
  settings: RunSettings,
  emit: OrchestratorListener,
  seeded: Partial<Pick<MigrationRun, 'inventory' | 'precheckReport'>> = {},
): { run: MigrationRun; detach: () => void } {
  const run: MigrationRun = {
    journal,
    config: settings.config,
    plan,
    ports: settings.ports,
    emit,
    timings: { ...DEFAULT_COPY_TIMINGS, ...settings.timings },
    signal: settings.signal,
    inventory: seeded.inventory,
    precheckReport: seeded.precheckReport,
    copy: undefined,
    offsets: undefined,
    leaseLost: undefined,
  };
  const unsubscribe = [
    journal.on('journal.appended', ({ entry }) => {
      if (entry.kind === 'state.transition') emit({ type: 'state.changed', entry });
    }),
    journal.on('lease.lost', ({ reason }) => {
      run.leaseLost = reason;
    }),
  ];
  return {
    run,
    detach: () => {
      for (const off of unsubscribe) off();
    },
  };
}
