/**
 * `status`: reads the journal without the lease (it works while another process runs the migration), takes the copy
 * positions from the latest checkpoint and compares them with the source's live end offsets.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { COPY_POSITIONS, SEED_BOUNDARY } from '../copy/checkpoints.js';
import type { SourceOffsetReader } from '../copy/data-copier.js';
import { lagTotals, partitionLag } from '../copy/lag.js';
import { partitionKey } from '../copy/positions.js';
import { describeActor, openJournal, parseIsoMillis, type Journal } from '../journal/index.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import { isTerminalState, nextCommandFor } from '../state/index.js';
import type { PartitionStatus, StatusSnapshot } from './snapshot.js';

export interface StatusOptions {
  readonly config: MigrationConfig;
  readonly migrationId: string;
  readonly journalDir?: string | undefined;
  readonly s3?: S3Client | undefined;
  /** Reads the source's end offsets; skipped (boundary offsets used) when absent or failing. */
  readonly offsetReader?: ((plan: MigrationPlan) => SourceOffsetReader) | undefined;
  readonly nowMs?: number;
}

export async function migrationStatus(options: StatusOptions): Promise<StatusSnapshot> {
  const journal = await openJournal({ migrationId: options.migrationId, journalDir: options.journalDir, config: options.config, s3: options.s3, allowConfigChange: true });
  try {
    return await snapshotOf(journal, options);
  } finally {
    await journal.close();
  }
}

function rateOf(journal: Journal, generation: number): number | null {
  const points = journal
    .entries()
    .filter((entry) => entry.kind === 'checkpoint' && entry.name === COPY_POSITIONS.name)
    .map((entry) => ({ at: parseIsoMillis(entry.at), value: COPY_POSITIONS.parse((entry as { payload: unknown }).payload) }))
    .filter((point) => point.value.generation === generation);
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || last.at <= first.at) return null;
  const records = (value: typeof first.value) => value.partitions.reduce((sum, p) => sum + p.records, 0);
  const rate = (records(last.value) - records(first.value)) / ((last.at - first.at) / 1000);
  return rate > 0 ? rate : null;
}

async function snapshotOf(journal: Journal, options: StatusOptions): Promise<StatusSnapshot> {
  const nowMs = options.nowMs ?? Date.now();
  const info = journal.state();
  const plan = journal.created().plan as unknown as MigrationPlan;
  const notes: string[] = [];
  const boundary = journal.latestCheckpoint(SEED_BOUNDARY);
  const saved = journal.latestCheckpoint(COPY_POSITIONS);
  const positions = saved !== undefined && saved.value.generation === boundary?.value.generation ? saved.value.partitions : [];

  const ends = new Map((boundary?.value.partitions ?? []).map((p) => [partitionKey(p), p.end]));
  let sourceOffsets: StatusSnapshot['sourceOffsets'] = boundary === undefined ? 'none' : 'boundary';
  if (options.offsetReader !== undefined && positions.length > 0 && !isTerminalState(info.state)) {
    const reader = options.offsetReader(plan);
    try {
      for (const row of await reader.offsets(positions)) ends.set(partitionKey(row), row.end);
      sourceOffsets = 'live';
    } catch (error) {
      notes.push(`the source did not answer (${error instanceof Error ? error.message : String(error)}): lag is against the seed boundary`);
    } finally {
      await reader.close();
    }
  }

  const partitions: PartitionStatus[] = positions.map((p) => {
    const sourceEnd = ends.get(partitionKey(p)) ?? p.nextSourceOffset;
    return {
      topic: p.topic,
      partition: p.partition,
      nextSourceOffset: p.nextSourceOffset,
      targetEnd: p.targetEnd,
      recordsCopied: p.records,
      bytesCopied: p.bytes,
      sourceEnd,
      lag: partitionLag(p.topic, p.partition, sourceEnd, p.nextSourceOffset).lag,
    };
  });
  const lag = lagTotals(partitions.map((p) => partitionLag(p.topic, p.partition, p.sourceEnd, p.nextSourceOffset)));
  const rate = boundary === undefined ? null : rateOf(journal, boundary.value.generation);
  const etaSeconds = lag.totalLag === 0 && partitions.length > 0 ? 0 : rate === null ? null : Math.ceil(lag.totalLag / rate);

  const stored = await journal.currentLease().catch(() => undefined);
  const lease =
    stored === undefined
      ? null
      : { holder: describeActor(stored.holder), heartbeatAt: stored.heartbeatAt, expiresAt: stored.expiresAt, expired: parseIsoMillis(stored.expiresAt) < nowMs };
  const working = lease !== null && !lease.expired;
  if (saved !== undefined) {
    const age = Math.round((nowMs - parseIsoMillis(saved.entry.at)) / 1000);
    notes.push(`copy positions are from the checkpoint of ${saved.entry.at} (${age} s ago)${working ? '; the running copy is ahead of them' : ''}`);
  }
  for (const entry of journal.entries()) {
    if (entry.kind === 'finding.reported') notes.push(`${entry.finding.code} ${entry.finding.severity} (${entry.at}): ${entry.finding.detail}`);
  }
  if (info.state === 'failed') notes.push(`failed in ${info.failedFrom ?? 'an unknown state'}: ${info.failureReason ?? 'no reason recorded'}`);
  if (lease !== null && lease.expired && !isTerminalState(info.state)) notes.push(`the last process (${lease.holder}) stopped without releasing its lease; \`resume\` takes it over`);
  if ((boundary?.value.generation ?? 1) > 1) notes.push(`the seed was restarted with --force-restart (generation ${boundary?.value.generation}): records copied before may be duplicated on the target`);

  const nextCommand = nextCommandFor(info.state, info.context);
  // A live lease comes first: while a process works on the migration (execute, resume, cutover, finalize), the next
  // step is to let it finish, whatever the state alone would suggest.
  const finished = isTerminalState(info.state) && nextCommand === null;
  const nextAction = finished
    ? `none: the migration is ${info.state === 'failed' ? 'failed' : info.state === 'rolled_back' ? 'rolled back' : 'finalized'}`
    : working
      ? `wait: ${lease?.holder} is working on it`
      : nextCommand !== null
        ? `run \`${nextCommand}\``
        : 'run `resume` (no process is working on it)';

  const totals = { ...lag, recordsCopied: partitions.reduce((sum, p) => sum + p.recordsCopied, 0), bytesCopied: partitions.reduce((sum, p) => sum + p.bytesCopied, 0) };
  return {
    migrationId: journal.migrationId,
    state: info.state,
    since: info.since,
    timeInStateMs: Math.max(0, nowMs - parseIsoMillis(info.since)),
    failedFrom: info.failedFrom ?? null,
    failureReason: info.failureReason ?? null,
    lease,
    sourceOffsets,
    checkpoint: saved === undefined ? null : { at: saved.entry.at, seq: saved.entry.seq, phase: saved.value.phase, generation: saved.value.generation },
    partitions,
    totals,
    recordsPerSecond: rate,
    etaSeconds,
    notes,
    nextCommand,
    nextAction,
    transitions: journal.transitionLines(),
  };
}
