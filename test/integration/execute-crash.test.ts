/**
 * `execute` as a real child process: a second command on the same migration is refused naming the running process;
 * killed with SIGKILL once the journal shows topology_copy, `resume` (after the dead process's lease expires)
 * finishes the migration to drain_ready, and the target holds exactly the source's records (nothing twice).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bed, cli, env, journalEntries, kafka, readTopic, scopedConfig, waitFor, type StoredRecord } from './execute-support.js';

const RUN = `exc-${Date.now().toString(36)}-${process.pid}`;
const TOPIC = `${RUN}.payments`;
let sourceAdmin: Admin;
let targetAdmin: Admin;
let child: ChildProcess | undefined;

beforeAll(async () => {
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 4, replicationFactor: 2 }] });
  const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (let round = 0; round < 4; round += 1) {
    await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: Array.from({ length: 1000 }, (_, i) => ({ partition: i % 4, key: `p${round}-${i}`, value: `payment ${round}-${i} ${'y'.repeat(200)}` })),
    });
  }
  await producer.disconnect();
});

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await sourceAdmin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await targetAdmin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect()]);
});

/** What an operator compares: key, value, timestamp and headers of every record, in order. */
const contentOf = (records: StoredRecord[]) => records.map((r) => JSON.stringify([r.key, r.value, r.timestamp, r.headers]));

describe('execute killed mid-run, then resume', () => {
  it('refuses a second command naming the running process, and resume finishes after SIGKILL', async () => {
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-crash-journal-'));
    const config = scopedConfig(RUN, { drain_stable_window: '2s' });
    const started = spawn(process.execPath, ['bin/kafka-backup.js', 'migrate', 'msk-kraft', 'execute', '--config', config, '--journal-dir', journalDir], {
      env,
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let out = '';
    started.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => started.on('exit', (code, signal) => resolve(signal ?? code)));

    const migrationId = await waitFor('the journal folder', () => readdirSync(journalDir)[0], 90_000);
    await waitFor('topology_copy in the journal', () => (journalEntries(journalDir, migrationId).some((e) => e.kind === 'state.transition' && e.to === 'topology_copy') ? true : undefined), 90_000, 20);

    // While it runs, a second command on the same migration is refused, naming the holder.
    const second = await cli(['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    // status works meanwhile (it needs no lease) and names the process at work.
    const during = await cli(['status', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir, '--json']);
    const stillRunning = started.exitCode === null;
    started.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(out.split('\n')[0]).toBe(`migration_id: ${migrationId}`);
    expect(stillRunning).toBe(true);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(new RegExp(`is in use by another process: execute on host \\S+ \\(pid ${started.pid}`));
    expect(during.code).toBe(0);
    const snapshot = JSON.parse(during.out);
    expect(['topology_copy', 'seed', 'tail']).toContain(snapshot.state);
    expect(snapshot.lease.holder).toContain(`(pid ${started.pid},`);
    expect(snapshot.nextAction).toMatch(/^wait: execute on host /);
    const stateAtKill = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition').at(-1)?.to;
    expect(['topology_copy', 'seed']).toContain(stateAtKill);

    // The dead process's lease expires (30 s without a heartbeat); until then resume is refused naming it.
    let resumed = await cli(['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    const deadline = Date.now() + 90_000;
    while (resumed.code === 1 && /in use by another process/.test(resumed.err) && Date.now() < deadline) {
      expect(resumed.err).toContain(`pid ${started.pid}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      resumed = await cli(['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    }
    expect(resumed.err).not.toMatch(/error/i);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain('state: drain_ready');
    expect(resumed.err).toMatch(/ tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=\d+ bytes_replayed=\d+$/m);
    const transitions = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition');
    expect(transitions.map((e) => e.to)).toEqual(['precheck', 'topology_copy', 'seed', 'tail', 'drain_ready']);
    expect(journalEntries(journalDir, migrationId).filter((e) => e.kind === 'lease.acquired').length).toBeGreaterThanOrEqual(1);

    const [source, target] = await Promise.all([readTopic(bed.SOURCE_BOOTSTRAP, TOPIC), readTopic(bed.TARGET_BOOTSTRAP, TOPIC)]);
    // Resume reconciles what the killed process wrote past its last checkpoint: exactly the source, nothing twice.
    for (const [partition, records] of source) {
      expect(records).toHaveLength(1000);
      expect(contentOf(target.get(partition) ?? []), `${TOPIC}-${partition}`).toEqual(contentOf(records));
    }
  });
});
