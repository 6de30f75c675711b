/**
 * The rollback report: what the migration created on the target, what data it copied per partition, and what the
 * operator must clean up by hand (rollback never deletes anything on the target). Pure: built from the journal.
 */
import { COPY_POSITIONS, SEED_BOUNDARY } from '../copy/checkpoints.js';
import type { Journal } from '../journal/index.js';
import { TOPOLOGY_APPLIED, topicsCreatedBy } from '../orchestrator/topology-phase.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import type { MigrationState } from '../state/index.js';

export const ROLLBACK_REPORT_SCHEMA_VERSION = 1 as const;
export const ROLLBACK_REPORT_FILE = 'rollback-report.json';

export interface RollbackReport {
  readonly schemaVersion: typeof ROLLBACK_REPORT_SCHEMA_VERSION;
  readonly migrationId: string;
  readonly rolledBackFrom: MigrationState;
  readonly rolledBackAt: string;
  readonly by: string;
  readonly producersWereFrozen: boolean;
  readonly target: {
    readonly clusterArn: string | null;
    readonly bootstrapServers: string[];
    /** Topics this migration created (or was about to create) on the target; still there. */
    readonly topicsCreated: string[];
    /** Planned topics that were on the target before the migration; their records from the copy are listed below. */
    readonly topicsPreexisting: string[];
  };
  readonly copied: {
    readonly generation: number | null;
    readonly checkpointAt: string | null;
    readonly partitions: Array<{
      readonly topic: string;
      readonly partition: number;
      readonly sourceFrom: number | null;
      readonly nextSourceOffset: number;
      readonly targetFrom: number | null;
      readonly targetEnd: number | null;
      readonly records: number;
      readonly bytes: number;
    }>;
    readonly records: number;
    readonly bytes: number;
  };
  /** What is left for the operator to do; the tool did none of it. */
  readonly cleanup: string[];
  readonly notes: string[];
}

export function producersFrozen(journal: Pick<Journal, 'entries'>): boolean {
  let frozen = false;
  for (const entry of journal.entries()) {
    if (entry.kind !== 'operator.action') continue;
    if (entry.action === 'producer-freeze-confirmed') frozen = true;
    if (entry.action === 'producer-unfreeze-confirmed') frozen = false;
  }
  return frozen;
}

export function buildRollbackReport(journal: Journal, input: { rolledBackAt: string; by: string; from: MigrationState }): RollbackReport {
  const plan = journal.created().plan as unknown as MigrationPlan;
  const applied = journal.latestCheckpoint(TOPOLOGY_APPLIED)?.value;
  const topicsCreated = [...new Set([...(applied?.created ?? []), ...topicsCreatedBy(journal.entries())])].sort();
  const topicsPreexisting = applied?.present ?? plan.topics.filter((topic) => topic.action !== 'create').map((topic) => topic.name);
  const boundary = journal.latestCheckpoint(SEED_BOUNDARY);
  const saved = journal.latestCheckpoint(COPY_POSITIONS);
  const positions = saved !== undefined && saved.value.generation === boundary?.value.generation ? saved.value.partitions : [];
  const partitions = positions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    sourceFrom: p.runs[0]?.[0] ?? null,
    nextSourceOffset: p.nextSourceOffset,
    targetFrom: p.runs[0]?.[1] ?? null,
    targetEnd: p.targetEnd,
    records: p.records,
    bytes: p.bytes,
  }));
  const frozen = producersFrozen(journal);
  const cleanup: string[] = [];
  if (frozen) cleanup.push('Producers were frozen for the cutover and no unfreeze is journaled: resume them on the source now.');
  for (const topic of topicsCreated) cleanup.push(`Delete topic ${topic} on the target if you do not want it (created by this migration).`);
  const intoExisting = partitions.filter((p) => p.records > 0 && topicsPreexisting.includes(p.topic));
  for (const p of intoExisting) {
    cleanup.push(`Topic ${p.topic} existed on the target before: partition ${p.partition} received ${p.records} copied records at target offsets ${p.targetFrom ?? '?'}..${(p.targetEnd ?? 1) - 1}; remove them (e.g. kafka-delete-records) if they must not stay.`);
  }
  cleanup.push(`Delete the migration's consumer group(s) on the source named kafka-backup-copy-${journal.migrationId}-* if they are still listed (they never hold committed offsets).`);
  const notes = [
    'Rollback deleted nothing on the target: topics, configs and copied records are still there.',
    'The source cluster was only read; its clients were never touched.',
  ];
  if ((boundary?.value.generation ?? 1) > 1) notes.push('The seed was restarted with --force-restart: the target may hold duplicates of records copied before the restart.');
  return {
    schemaVersion: ROLLBACK_REPORT_SCHEMA_VERSION,
    migrationId: journal.migrationId,
    rolledBackFrom: input.from,
    rolledBackAt: input.rolledBackAt,
    by: input.by,
    producersWereFrozen: frozen,
    target: { clusterArn: plan.clusters.target.arn, bootstrapServers: plan.clusters.target.bootstrapServers, topicsCreated, topicsPreexisting },
    copied: {
      generation: boundary?.value.generation ?? null,
      checkpointAt: saved?.entry.at ?? null,
      partitions,
      records: partitions.reduce((sum, p) => sum + p.records, 0),
      bytes: partitions.reduce((sum, p) => sum + p.bytes, 0),
    },
    cleanup,
    notes,
  };
}
