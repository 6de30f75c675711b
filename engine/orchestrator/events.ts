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
