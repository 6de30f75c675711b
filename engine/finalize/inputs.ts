/**
 * What finalize checks the clusters against, taken from the journal alone: the plan's topics and partitions, where
 * the copy of each partition began and ended with its exact offset map, the cutover report (sentinels, translated
 * group offsets), the retention gaps the copy reported, and the carried settings deliberately left as the target has
 * them. Pure.
 */
import { COPY_POSITIONS, SEED_BOUNDARY } from '../copy/checkpoints.js';
import type { OffsetRun } from '../copy/offset-map.js';
import { partitionKey, type PartitionRef } from '../copy/positions.js';
import { CUTOVER_REPORT, type CutoverReport } from '../cutover/checkpoints.js';
import type { Journal } from '../journal/index.js';
import { TOPOLOGY_AFTER_SEED, TOPOLOGY_APPLIED } from '../orchestrator/topology-phase.js';
import type { MigrationPlan } from '../plan/plan-types.js';

/** One planned partition and what the journal says was copied of it. */
export interface CopiedPartition extends PartitionRef {
  /** The source log start when the seed began: the copy read from here. Null when the journal has no boundary for it. */
  readonly seedFrom: number | null;
  /** Null when the journal holds no copy position for the partition (never copied). */
  readonly position: {
    readonly nextSourceOffset: number;
    readonly targetEnd: number | null;
    readonly runs: readonly OffsetRun[];
  } | null;
}

export interface ValidationInputs {
  readonly migrationId: string;
  readonly plan: MigrationPlan;
  /** Every planned partition, sorted by topic and partition. */
  readonly partitions: readonly CopiedPartition[];
  readonly cutover: CutoverReport | undefined;
  /** The seed generation the positions belong to (above 1 after `execute --force-restart`); null without a seed. */
  readonly generation: number | null;
  /** `COPY_RETENTION_GAP` findings by `topic-partition`: records the source deleted before they were copied. */
  readonly retentionGaps: ReadonlyMap<string, string>;
  /** `topic\u0000config` of carried settings the target keeps its own value for, with why. */
  readonly keptSettings: ReadonlyMap<string, string>;
  readonly settings: { readonly countTolerance: number; readonly spotCheckRecordsPerPartition: number };
}

export const subjectOf = (ref: PartitionRef): string => `${ref.topic}-${ref.partition}`;

export function validationInputs(journal: Pick<Journal, 'migrationId' | 'created' | 'latestCheckpoint' | 'entries'>, settings: ValidationInputs['settings']): ValidationInputs {
  const plan = journal.created().plan as unknown as MigrationPlan;
  const boundary = journal.latestCheckpoint(SEED_BOUNDARY)?.value;
  const saved = journal.latestCheckpoint(COPY_POSITIONS)?.value;
  const positions = new Map((saved !== undefined && saved.generation === boundary?.generation ? saved.partitions : []).map((p) => [partitionKey(p), p]));
  const seedFrom = new Map((boundary?.partitions ?? []).map((p) => [partitionKey(p), p.logStart]));
  const partitions: CopiedPartition[] = [];
  for (const topic of [...plan.topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    for (const { partition } of [...topic.partitions].sort((a, b) => a.partition - b.partition)) {
      const key = partitionKey({ topic: topic.name, partition });
      const position = positions.get(key);
      partitions.push({
        topic: topic.name,
        partition,
        seedFrom: seedFrom.get(key) ?? null,
        position: position === undefined ? null : { nextSourceOffset: position.nextSourceOffset, targetEnd: position.targetEnd, runs: position.runs },
      });
    }
  }
  const retentionGaps = new Map<string, string>();
  for (const entry of journal.entries()) {
    if (entry.kind === 'finding.reported' && entry.finding.code === 'COPY_RETENTION_GAP') retentionGaps.set(entry.finding.subject, entry.finding.detail);
  }
  return {
    migrationId: journal.migrationId,
    plan,
    partitions,
    cutover: journal.latestCheckpoint(CUTOVER_REPORT)?.value,
    generation: boundary?.generation ?? null,
    retentionGaps,
    keptSettings: keptSettings(journal, plan),
    settings,
  };
}

/** Carried settings the target keeps its own value for: deferred ones skipped after the seed, and kept drift. */
function keptSettings(journal: Pick<Journal, 'latestCheckpoint'>, plan: MigrationPlan): Map<string, string> {
  const kept = new Map<string, string>();
  for (const skipped of journal.latestCheckpoint(TOPOLOGY_AFTER_SEED)?.value.skipped ?? []) kept.set(`${skipped.topic}\u0000${skipped.name}`, skipped.reason);
  const present = new Set(journal.latestCheckpoint(TOPOLOGY_APPLIED)?.value.present ?? []);
  if (plan.settings.topology.onConfigDrift === 'keep_target') {
    for (const topic of plan.topics) {
      if (!present.has(topic.name) && topic.action !== 'exists') continue;
      for (const drift of topic.target?.configDrift ?? []) {
        kept.set(`${topic.name}\u0000${drift.name}`, 'the existing target topic keeps its own settings (topology.on_config_drift: keep_target)');
      }
    }
  }
  return kept;
}
