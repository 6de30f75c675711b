/**
 * The orchestrator over in-memory ports and a local journal: the phase list journaled in order, precheck blockers and
 * a drain timeout journaled as failed with the reason, resume from the last checkpoint, --force-restart as a new seed
 * generation, resume's outcomes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY_POSITIONS, SEED_BOUNDARY } from '../../../engine/copy/checkpoints.js';
import { partitionKey } from '../../../engine/copy/positions.js';
import { createJournal, openJournal } from '../../../engine/journal/index.js';
import { executeMigration, plannedPartitions, resumeMigration, type OrchestratorEvent, type OrchestratorListener } from '../../../engine/orchestrator/index.js';
import { buildPlan } from '../../../engine/plan/index.js';
import { fakeConfig, fakeWorld } from './fakes.js';

const timings = { tickMs: 2, checkpointEveryMs: 5, progressEveryMs: 5 };

function setup(cutover: Parameters<typeof fakeConfig>[0] = {}) {
  const world = fakeWorld();
  const config = fakeConfig(cutover);
  const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-orch-'));
  const events: OrchestratorEvent[] = [];
  const onEvent: OrchestratorListener | undefined = (event) => {
    events.push(event);
  };
  const base = { config, journalDir, ports: world.ports, toolVersion: '0.0.0-test', timings, onEvent };
  return { world, config, journalDir, events, base };
}

async function journalOf(s: ReturnType<typeof setup>, migrationId: string) {
  return openJournal({ migrationId, journalDir: s.journalDir, config: s.config });
}

const pairs = (lines: string[]) => lines.map((line) => line.split(' ').slice(1, 4).join(' '));

describe('executeMigration', () => {
  it('announces the id first, journals planned -> ... -> drain_ready in order with the reference detail, and copies everything', async () => {
    const s = setup();
    const outcome = await executeMigration({ ...s.base, forceRestart: false });
    expect(outcome).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    expect(s.events[0]).toMatchObject({ type: 'migration.started', migrationId: outcome.migrationId, resumed: false });
    const journal = await journalOf(s, outcome.migrationId);
    const lines = journal.transitionLines();
    expect(pairs(lines)).toEqual(['planned -> precheck', 'precheck -> topology_copy', 'topology_copy -> seed', 'seed -> tail', 'tail -> drain_ready']);
    expect(lines.at(-1)).toMatch(/ tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0$/);
    const positions = journal.latestCheckpoint(COPY_POSITIONS)?.value;
    expect(positions).toMatchObject({ generation: 1, phase: 'tail', complete: true });
    for (const p of positions?.partitions ?? []) expect(p.nextSourceOffset).toBe(s.world.ends.get(partitionKey(p)));
    expect(s.events.filter((e) => e.type === 'state.changed')).toHaveLength(5);
    await journal.close();
  });

  it('records written after the seed boundary are counted as the replay in the drain_ready detail', async () => {
    const s = setup({ drainStableWindowMs: 50 });
    s.base.onEvent = (event) => {
      s.events.push(event);
      if (event.type === 'state.changed' && event.entry.to === 'tail') {
        for (const key of [...s.world.ends.keys()].slice(0, 2)) s.world.ends.set(key, (s.world.ends.get(key) ?? 0) + 7);
      }
    };
    const outcome = await executeMigration({ ...s.base, forceRestart: false });
    const journal = await journalOf(s, outcome.migrationId);
    expect(journal.transitionLines().at(-1)).toMatch(/drain ready: max_partition_lag=0 records_replayed=14 bytes_replayed=140$/);
    await journal.close();
  });

  it('precheck blockers: the migration is journaled failed with the codes, nothing is created or copied', async () => {
    const s = setup();
    s.world.blockers = [{ code: 'B07', severity: 'blocker', subject: 's3://kb-backup', detail: 'unreachable', remedy: 'fix it' }];
    const outcome = await executeMigration({ ...s.base, forceRestart: false });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.error.code).toBe('PRECHECK_BLOCKED');
    expect(outcome.error.message).toContain('B07 s3://kb-backup');
    const journal = await journalOf(s, outcome.migrationId);
    expect(pairs(journal.transitionLines())).toEqual(['planned -> precheck', 'precheck -> failed']);
    expect(journal.state()).toMatchObject({ state: 'failed', failedFrom: 'precheck' });
    expect(journal.state().failureReason).toContain('PRECHECK_BLOCKED');
    expect(s.world.createdTopics).toEqual([]);
    expect(s.world.starts).toEqual([]);
    await journal.close();
  });

  it('a drain that never gets within the limit fails after the timeout, naming the partition and how far behind', async () => {
    const s = setup({ drainTimeoutMs: 50 });
    const key = [...s.world.ends.keys()][1] as string;
    s.base.onEvent = (event) => {
      // The seed reaches its boundary; then 500 new records on one partition are never copied.
      if (event.type === 'state.changed' && event.entry.to === 'tail') {
        s.world.ends.set(key, (s.world.ends.get(key) ?? 0) + 500);
        s.world.stuck.set(key, 500);
      }
    };
    const failed = await executeMigration({ ...s.base, forceRestart: false });
    expect(failed.kind).toBe('failed');
    if (failed.kind !== 'failed') return;
    const [topic, partition] = key.split(':');
    expect(failed.error.message).toContain('did not drain within cutover.drain_timeout');
    expect(failed.error.message).toContain(`1 partition(s) above 0 records behind: ${topic}-${partition} (500 behind`);
    const journal = await journalOf(s, failed.migrationId);
    expect(journal.state()).toMatchObject({ state: 'failed', failedFrom: 'tail' });
    expect(journal.state().failureReason).toContain(`${topic}-${partition} (500 behind`);
    await journal.close();
  });
});

/** A migration a crashed process left in tail: journaled up to tail with a boundary and a checkpoint 4 records in. */
async function crashedInTail(s: ReturnType<typeof setup>): Promise<string> {
  const migrationId = 'mig-20261125-180000-c0de';
  const plan = buildPlan(s.world.inventory, s.config, { migrationId, journalDir: s.journalDir });
  const journal = await createJournal({ migrationId, journalDir: s.journalDir, config: s.config, command: 'execute', toolVersion: 'test', plan });
  for (const state of ['precheck', 'topology_copy', 'seed'] as const) await journal.transition(state);
  const partitions = plannedPartitions({ plan }).map((ref) => ({ ...ref, logStart: s.world.logStarts.get(partitionKey(ref)) ?? 0, end: s.world.ends.get(partitionKey(ref)) ?? 0 }));
  await journal.checkpoint(SEED_BOUNDARY, { generation: 1, partitions });
  await journal.checkpoint(COPY_POSITIONS, {
    generation: 1,
    phase: 'seed',
    complete: false,
    partitions: partitions.map((p) => ({ topic: p.topic, partition: p.partition, nextSourceOffset: p.logStart + 4, targetEnd: 4, runs: [[p.logStart, 0, 4] as [number, number, number]], records: 4, bytes: 40, tailRecords: 0, tailBytes: 0 })),
  });
  await journal.transition('tail');
  await journal.close();
  return migrationId;
}

describe('resume and --force-restart', () => {
  it('resume continues the copy from the last checkpoint and reaches drain_ready; then it waits for the operator', async () => {
    const s = setup();
    const migrationId = await crashedInTail(s);
    const outcome = await resumeMigration({ ...s.base, migrationId });
    expect(outcome).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    expect(s.world.starts).toHaveLength(1);
    for (const p of s.world.starts[0] ?? []) expect(p.nextSourceOffset).toBe((s.world.logStarts.get(partitionKey(p)) ?? 0) + 4);
    const journal = await journalOf(s, migrationId);
    expect(pairs(journal.transitionLines()).slice(-1)).toEqual(['tail -> drain_ready']);
    expect(journal.latestCheckpoint(SEED_BOUNDARY)?.value.generation).toBe(1);
    await journal.close();
    const waiting = await resumeMigration({ ...s.base, migrationId });
    expect(waiting).toMatchObject({ kind: 'waiting-for-operator', state: 'drain_ready', nextCommand: 'cutover' });
  });

  it('a second process is refused while one holds the lease, naming it', async () => {
    const s = setup();
    const migrationId = await crashedInTail(s);
    const holder = await journalOf(s, migrationId);
    await holder.acquireLease('execute');
    try {
      await expect(resumeMigration({ ...s.base, migrationId })).rejects.toThrow(/is in use by another process: execute on host/);
      expect(s.world.starts).toEqual([]);
    } finally {
      await holder.close();
    }
  });

  it('execute --force-restart in tail journals the action, goes back to seed, and copies from the log start as generation 2', async () => {
    const s = setup();
    const migrationId = await crashedInTail(s);
    const outcome = await executeMigration({ ...s.base, migrationId, forceRestart: true });
    expect(outcome).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    for (const p of s.world.starts[0] ?? []) expect(p.nextSourceOffset).toBe(s.world.logStarts.get(partitionKey(p)));
    const journal = await journalOf(s, migrationId);
    expect(pairs(journal.transitionLines()).slice(-4)).toEqual(['seed -> tail', 'tail -> seed', 'seed -> tail', 'tail -> drain_ready']);
    expect(journal.transitions().find((t) => t.from === 'tail' && t.to === 'seed')).toMatchObject({ forceRestart: true });
    expect(journal.entries().some((e) => e.kind === 'operator.action' && e.action === 'force-restart')).toBe(true);
    expect(journal.latestCheckpoint(SEED_BOUNDARY)?.value.generation).toBe(2);
    expect(journal.latestCheckpoint(COPY_POSITIONS)?.value.generation).toBe(2);
    await journal.close();
  });

  it('an interrupted run (SIGINT) checkpoints, journals no failure, releases the lease; resume continues from there', async () => {
    const s = setup();
    const key = [...s.world.ends.keys()][0] as string;
    const controller = new AbortController();
    s.base.onEvent = (event) => {
      s.events.push(event);
      if (event.type === 'state.changed' && event.entry.to === 'tail') {
        s.world.ends.set(key, (s.world.ends.get(key) ?? 0) + 9);
        s.world.stuck.set(key, 4);
        setTimeout(() => controller.abort(), 20);
      }
    };
    const outcome = await executeMigration({ ...s.base, forceRestart: false, signal: controller.signal });
    expect(outcome).toMatchObject({ kind: 'interrupted', state: 'tail' });
    const journal = await journalOf(s, outcome.migrationId);
    expect(journal.state().state).toBe('tail');
    const saved = journal.latestCheckpoint(COPY_POSITIONS)?.value;
    expect(saved).toMatchObject({ phase: 'tail', complete: false });
    const savedNext = saved?.partitions.find((p) => partitionKey(p) === key)?.nextSourceOffset;
    expect(savedNext).toBe((s.world.ends.get(key) ?? 0) - 4);
    expect(await journal.currentLease()).toBeUndefined();
    await journal.close();

    s.world.stuck.clear();
    const resumed = await resumeMigration({ ...s.base, migrationId: outcome.migrationId });
    expect(resumed).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    expect(s.world.starts.at(-1)?.find((p) => partitionKey(p) === key)?.nextSourceOffset).toBe(savedNext);
  });

  it('resume of a failed migration is refused with the state machine message', async () => {
    const s = setup();
    s.world.blockers = [{ code: 'B05', severity: 'blocker', subject: 'x', detail: 'same cluster', remedy: 'r' }];
    const failed = await executeMigration({ ...s.base, forceRestart: false });
    await expect(resumeMigration({ ...s.base, migrationId: failed.migrationId })).rejects.toThrow(/resume is not allowed in state failed: the migration failed in precheck/);
  });
});

describe('seed boundary and generations', () => {
  it('a fresh migration records generation 1 with every planned partition', async () => {
    const s = setup();
    const outcome = await executeMigration({ ...s.base, forceRestart: false });
    const journal = await journalOf(s, outcome.migrationId);
    const boundary = journal.latestCheckpoint(SEED_BOUNDARY)?.value;
    expect(boundary?.generation).toBe(1);
    expect(boundary?.partitions).toHaveLength(4);
    expect(s.world.starts).toHaveLength(1);
    expect(s.world.starts[0]?.map((p) => p.nextSourceOffset)).toEqual(boundary?.partitions.map((p) => p.logStart));
    await journal.close();
  });
});

describe('errors from the ports', () => {
  it('a kafkajs error in a phase fails the migration as CLUSTER_UNREACHABLE with the reason journaled', async () => {
    const s = setup();
    const kafkaError = Object.assign(new Error('Connection timeout'), { name: 'KafkaJSConnectionError' });
    s.world.ports = { ...s.world.ports, connectApplier: async () => Promise.reject(kafkaError) };
    const outcome = await executeMigration({ ...s.base, ports: s.world.ports, forceRestart: false });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.error).toMatchObject({ code: 'CLUSTER_UNREACHABLE', retriable: true });
    const journal = await journalOf(s, outcome.migrationId);
    expect(journal.state()).toMatchObject({ state: 'failed', failedFrom: 'topology_copy' });
    expect(journal.state().failureReason).toBe('CLUSTER_UNREACHABLE: KafkaJSConnectionError: Connection timeout');
    await journal.close();
  });
});

describe('retention during the copy', () => {
  it('a log start that passes the copy position is a warning and a journaled finding, once per partition', async () => {
    const s = setup();
    const key = [...s.world.ends.keys()][0] as string;
    let stuckUntil = 0;
    s.base.onEvent = (event) => {
      s.events.push(event);
      if (event.type === 'state.changed' && event.entry.to === 'tail') {
        const end = s.world.ends.get(key) ?? 0;
        s.world.ends.set(key, end + 20);
        s.world.stuck.set(key, 20);
        s.world.logStarts.set(key, end + 8);
        stuckUntil = Date.now() + 50;
      }
      if (event.type === 'warning') s.world.stuck.clear();
    };
    const outcome = await executeMigration({ ...s.base, forceRestart: false });
    expect(outcome.kind).toBe('advanced');
    expect(stuckUntil).toBeGreaterThan(0);
    const [topic, partition] = key.split(':');
    const warnings = s.events.filter((e) => e.type === 'warning');
    expect(warnings).toHaveLength(1);
    const journal = await journalOf(s, outcome.migrationId);
    const findings = journal.entries().filter((e) => e.kind === 'finding.reported');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ finding: { code: 'COPY_RETENTION_GAP', severity: 'warning', subject: `${topic}-${partition}` } });
    await journal.close();
  });
});
