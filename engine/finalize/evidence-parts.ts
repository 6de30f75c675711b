/**
 * The evidence bundle's parts, taken from the journal and the validation report (docs/evidence.md, docs/finalize.md):
 * the whole journal, the plan, the precheck report, the redacted config, the topology and ACL plan (or the IAM access
 * map), seed and tail statistics from the copy checkpoints, the cutover report with its freeze window and the
 * operator's acknowledgement, every translated offset with the exact offset maps, and the validation results. Pure.
 */
import { COPY_POSITIONS, SEED_BOUNDARY } from '../copy/checkpoints.js';
import { copyTotals } from '../copy/positions.js';
import { CUTOVER_ACK, CUTOVER_REPORT } from '../cutover/checkpoints.js';
import type { Journal } from '../journal/index.js';
import { TOPOLOGY_ACCESS_MAP, TOPOLOGY_AFTER_SEED, TOPOLOGY_APPLIED } from '../orchestrator/topology-phase.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import type { ValidationReport } from './types.js';

type JournalView = Pick<Journal, 'migrationId' | 'created' | 'entries' | 'latestCheckpoint' | 'transitions'>;

/** When each state was entered (the first time), from the transitions. */
function stateTimes(journal: JournalView): Record<string, string> {
  const times: Record<string, string> = { planned: journal.created().at };
  for (const t of journal.transitions()) times[t.to] ??= t.at;
  return times;
}

function copyStatistics(journal: JournalView): unknown {
  const boundary = journal.latestCheckpoint(SEED_BOUNDARY);
  const saved = journal.latestCheckpoint(COPY_POSITIONS);
  const positions = saved !== undefined && saved.value.generation === boundary?.value.generation ? saved.value.partitions : [];
  const times = stateTimes(journal);
  const totals = copyTotals(positions);
  return {
    generation: boundary?.value.generation ?? null,
    checkpoint: saved === undefined ? null : { seq: saved.entry.seq, at: saved.entry.at, phase: saved.value.phase, complete: saved.value.complete },
    seed: {
      startedAt: times['seed'] ?? null,
      finishedAt: times['tail'] ?? null,
      records: totals.records - totals.tailRecords,
      bytes: totals.bytes - totals.tailBytes,
      boundary: boundary?.value.partitions ?? [],
    },
    tail: { startedAt: times['tail'] ?? null, drainReadyAt: times['drain_ready'] ?? null, records: totals.tailRecords, bytes: totals.tailBytes },
    partitions: positions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      seedRecords: p.records - p.tailRecords,
      seedBytes: p.bytes - p.tailBytes,
      tailRecords: p.tailRecords,
      tailBytes: p.tailBytes,
      nextSourceOffset: p.nextSourceOffset,
      targetEnd: p.targetEnd,
    })),
    stateTimes: times,
  };
}

export function evidenceParts(journal: JournalView, validation: ValidationReport): Record<string, unknown> {
  const created = journal.created();
  const plan = created.plan as unknown as MigrationPlan;
  const saved = journal.latestCheckpoint(COPY_POSITIONS)?.value;
  const cutover = journal.latestCheckpoint(CUTOVER_REPORT)?.value ?? null;
  const accessMap = journal.latestCheckpoint(TOPOLOGY_ACCESS_MAP)?.value.document;
  return {
    journal: journal.entries(),
    plan: created.plan,
    precheck: created.precheck,
    config: { digest: created.configDigest, redacted: created.config },
    topology: {
      applied: journal.latestCheckpoint(TOPOLOGY_APPLIED)?.value ?? null,
      afterSeed: journal.latestCheckpoint(TOPOLOGY_AFTER_SEED)?.value ?? null,
      acls: plan.acls,
    },
    ...(accessMap === undefined ? {} : { 'access-map': accessMap }),
    'copy-statistics': copyStatistics(journal),
    cutover: {
      report: cutover,
      freezeWindowMs: cutover?.freezeWindowMs ?? null,
      ack: journal.latestCheckpoint(CUTOVER_ACK)?.value ?? null,
    },
    'offset-translations': {
      groups: cutover?.groups ?? [],
      sentinels: cutover?.sentinels ?? [],
      offsetMaps: (saved?.partitions ?? []).map((p) => ({ topic: p.topic, partition: p.partition, runs: p.runs, nextSourceOffset: p.nextSourceOffset, targetEnd: p.targetEnd })),
    },
    validation,
  };
}

/** What identifies the two clusters in the manifest: ARNs, bootstrap servers, Kafka cluster ids. Never credentials. */
export function evidenceClusters(plan: MigrationPlan): Record<string, unknown> {
  const of = (role: 'source' | 'target') => ({ arn: plan.clusters[role].arn, bootstrapServers: plan.clusters[role].bootstrapServers, kafkaClusterId: plan.clusters[role].kafkaClusterId });
  return { source: of('source'), target: of('target') };
}
