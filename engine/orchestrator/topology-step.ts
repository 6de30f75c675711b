/**
 * The topology_copy phase's call into topology copy, through a small adapter: `copyTopologyStep` runs
 * `copyTopology` (engine/topology: topics, config drift, ACLs, decided first, nothing written on a blocker).
 * `fallbackTopologyCopy` is the minimal stand-in used before that landed (kept for tests and as a reference): it only
 * creates the planned topics (action `create`) with their creation-time configs through the ApplierPort.
 */
import type { MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import type { Inventory } from '../inventory/types.js';
import type { ApplierPort } from '../kafka/applier-port.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import { copyTopology, type TopologyEvent, type TopologyReport } from '../topology/index.js';

export interface TopologyStepInput {
  readonly plan: MigrationPlan;
  readonly config: MigrationConfig;
  readonly inventory: Pick<Inventory, 'target'>;
  readonly applier: ApplierPort;
  /** Topics this migration created before (journaled), so a resumed run treats them as its own. */
  readonly createdByThisMigration: ReadonlySet<string>;
  /** Journals the names about to be created, before they are created. */
  readonly beforeCreateTopics: (names: readonly string[]) => Promise<void>;
  readonly onEvent?: (event: TopologyEvent) => void;
}

export interface TopologyStepResult {
  /** Topics created by this call. */
  readonly created: string[];
  /** Planned topics that were already on the target. */
  readonly present: string[];
  /** Which implementation ran. */
  readonly implementation: 'copy-topology' | 'fallback-create-topics';
  /** copyTopology's report (null from the fallback); journaled, read by the after-seed step and the rollback report. */
  readonly report: TopologyReport | null;
}

export type TopologyStep = (input: TopologyStepInput) => Promise<TopologyStepResult>;

export const copyTopologyStep: TopologyStep = async (input) => {
  const report = await copyTopology({
    plan: input.plan,
    config: input.config,
    inventory: input.inventory,
    applier: input.applier,
    createdByThisMigration: input.createdByThisMigration,
    beforeCreateTopics: input.beforeCreateTopics,
    ...(input.onEvent === undefined ? {} : { onEvent: input.onEvent }),
  });
  return {
    created: report.topics.created.map((topic) => topic.name),
    present: report.topics.alreadyPresent.map((topic) => topic.name),
    implementation: 'copy-topology',
    report,
  };
};

export const fallbackTopologyCopy: TopologyStep = async (input) => {
  const toCreate = input.plan.topics.filter((topic) => topic.action === 'create');
  const present = input.plan.topics.filter((topic) => topic.action !== 'create').map((topic) => topic.name);
  if (toCreate.length === 0) return { created: [], present, implementation: 'fallback-create-topics', report: null };
  await input.beforeCreateTopics(toCreate.map((topic) => topic.name));
  const results = await input.applier.createTopics(
    toCreate.map((topic) => ({
      name: topic.name,
      partitions: topic.partitionCount,
      replicationFactor: topic.replication.target,
      configs: topic.configs.carried.filter((entry) => !entry.applyAfterSeed).map((entry) => ({ name: entry.name, value: entry.value })),
    })),
  );
  const failed = results.filter((result) => result.outcome === 'failed');
  if (failed.length > 0) {
    throw new MigrationError({
      code: 'CLUSTER_UNREACHABLE',
      message: `topology copy could not create ${failed.length} topic(s) on the target: ${failed
        .map((result) => `${result.name} (${result.outcome === 'failed' ? `${result.error.code}: ${result.error.message}` : ''})`)
        .join('; ')}`,
      hint: 'Fix the cause on the target (permissions, policies, broker count for the replication factor); nothing else was changed.',
    });
  }
  return {
    created: results.filter((result) => result.outcome === 'created').map((result) => result.name),
    present: [...present, ...results.filter((result) => result.outcome === 'already-exists').map((result) => result.name)],
    implementation: 'fallback-create-topics',
    report: null,
  };
};
