/** What a migration run reports while it works: a discriminated union any front end can render. */
import type { CopyTotals, PartitionRef } from '../copy/positions.js';
import type { LagTotals, PartitionLag } from '../copy/lag.js';
import type { DiscoveryEvent } from '../discovery/index.js';
import type { StateTransitionEntry } from '../journal/index.js';
import type { PrecheckReport } from '../precheck/index.js';
import type { MigrationState } from '../state/index.js';
import type { TopologyEvent } from '../topology/index.js';

export type OrchestratorEvent =
  /** First event of every run: the id to resume with. */
  | { readonly type: 'migration.started'; readonly migrationId: string; readonly resumed: boolean; readonly state: MigrationState; readonly journal: string }
  | { readonly type: 'discovery.progress'; readonly event: DiscoveryEvent }
  /** A state transition was journaled. */
  | { readonly type: 'state.changed'; readonly entry: StateTransitionEntry }
  | { readonly type: 'phase.started'; readonly state: MigrationState; readonly resumed: boolean }
  | { readonly type: 'precheck.evaluated'; readonly report: PrecheckReport }
  | { readonly type: 'topology.progress'; readonly event: TopologyEvent }
  | { readonly type: 'topology.applied'; readonly created: readonly string[]; readonly present: readonly string[]; readonly implementation: string }
  | { readonly type: 'seed.boundary'; readonly generation: number; readonly partitions: number; readonly records: number; readonly fresh: boolean }
  /** Periodic copy progress: lag per partition (against the seed boundary in seed, the live source end in tail). */
  | {
      readonly type: 'copy.progress';
      readonly phase: 'seed' | 'tail';
      readonly lags: readonly PartitionLag[];
      readonly lag: LagTotals;
      readonly copied: CopyTotals;
      /** In tail: how long every partition has been within the drain limit, else null. */
      readonly withinLimitForMs: number | null;
    }
  | { readonly type: 'copy.checkpointed'; readonly phase: 'seed' | 'tail'; readonly partitions: readonly PartitionRef[] }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'migration.failed'; readonly state: MigrationState; readonly reason: string; readonly journaled: boolean };

/** The cutover's steps, in order (the first two are skipped when a cutover past the point of no return is finished). */
export const CUTOVER_STEPS = ['tail', 'freeze', 'sentinels', 'drain', 'snapshot', 'translate', 'check-target-groups', 'commit', 'offset-floor', 'unfreeze', 'ready'] as const;
export type CutoverStepName = (typeof CUTOVER_STEPS)[number];

/**
 * What `cutover` reports on top of the OrchestratorEvents (state changes, copy progress, warnings). A separate union
 * so front ends that fold OrchestratorEvent exhaustively keep compiling; a cutover listener takes both.
 */
export type CutoverEvent =
  /** A cutover step started, finished or failed (steps: docs/cutover.md). */
  | { readonly type: 'cutover.step'; readonly step: CutoverStepName; readonly status: 'started' | 'done' | 'failed'; readonly detail?: string | undefined }
  /** Producers are frozen from `frozenAt`; the cutover must be ready within `maxMs`. */
  | { readonly type: 'cutover.freeze'; readonly method: 'webhook' | 'prompt'; readonly frozenAt: string; readonly maxMs: number }
  /** Producers released: by the webhook, by the operator (told to), or not (`failed`: release them by hand). */
  | { readonly type: 'cutover.unfreeze'; readonly how: 'webhook' | 'operator' | 'failed'; readonly detail: string }
  /** The final drain: how many sentinels are on the target so far. */
  | { readonly type: 'cutover.sentinels'; readonly landed: number; readonly total: number };
export type CutoverRunEvent = OrchestratorEvent | CutoverEvent;
export type CutoverListener = (event: CutoverRunEvent) => void;

export type OrchestratorEventType = OrchestratorEvent['type'];
export type OrchestratorListener = (event: OrchestratorEvent) => void;

/** A listener that throws never breaks the run. */
export function safeListener(listener: OrchestratorListener | undefined): OrchestratorListener {
  return (event) => {
    try {
      listener?.(event);
    } catch {
      // A failing front end must not stop a migration.
    }
  };
}
