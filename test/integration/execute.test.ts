/**
 * execute -> drain_ready -> status -> resume (waiting) -> rollback through the command line, in-process, against the
 * real bed: a local journal (--journal-dir) and once through S3. The target must hold the source's records, in
 * order, per partition, with keys, values, headers and timestamps; rollback reports and deletes nothing.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_DETAIL, TRANSITION_LINE, bed, cli, journalEntries, kafka, readTopic, scopedConfig, waitFor } from './execute-support.js';

const RUN = `ex-${Date.now().toString(36)}-${process.pid}`;
const TOPICS = { orders: `${RUN}.orders`, events: `${RUN}.events` };
const S3_RUN = `${RUN}-s3`;
const S3_TOPIC = `${S3_RUN}.ledger`;

let sourceAdmin: Admin;
let targetAdmin: Admin;
const s3 = new S3Client({
  region: bed.AWS_REGION,
  endpoint: bed.S3_ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: bed.AWS_ACCESS_KEY_ID, secretAccessKey: bed.AWS_SECRET_ACCESS_KEY },
});

async function produce(topic: string, messages: Array<{ partition: number; key: string | null; value: string | null; headers?: Record<string, string>; timestamp?: string }>) {
  const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
}

async function s3Text(key: string, bucket = bed.EVIDENCE_BUCKET): Promise<string> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await answer.Body?.transformToString()) ?? '';
}

beforeAll(async () => {
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TOPICS.orders, numPartitions: 3, replicationFactor: 2 },
      { topic: TOPICS.events, numPartitions: 2, replicationFactor: 2 },
      { topic: S3_TOPIC, numPartitions: 2, replicationFactor: 2 },
    ],
  });
  const old = String(Date.now() - 3 * 86_400_000);
  await produce(
    TOPICS.orders,
    Array.from({ length: 600 }, (_, i) => ({
      partition: i % 3,
      key: i % 10 === 0 ? null : `order-${i}`,
      value: i % 25 === 0 ? null : `order ${i} ${'x'.repeat(i % 50)}`,
      headers: { source: 'test', seq: String(i) },
      timestamp: i < 100 ? old : String(Date.now()),
    })),
  );
  await produce(TOPICS.events, Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, key: `e${i}`, value: `event ${i}` })));
  await produce(S3_TOPIC, Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, key: `l${i}`, value: `ledger ${i}` })));
});

afterAll(async () => {
  const topics = [TOPICS.orders, TOPICS.events, S3_TOPIC];
  await sourceAdmin?.deleteTopics({ topics }).catch(() => undefined);
  await targetAdmin?.deleteTopics({ topics }).catch(() => undefined);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect()]);
  s3.destroy();
});

describe('execute with a local journal', () => {
  const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-exec-journal-'));
  const config = scopedConfig(RUN, { drain_stable_window: '3s' });
  let migrationId = '';

  it('runs to drain_ready (exit 0) with the reference journal lines; the target holds the source records, in order, per partition', async () => {
    const running = cli(['execute', '--config', config, '--journal-dir', journalDir]);
    // Produce more records once the tail runs: they are the tail's replay.
    const id = await waitFor('the migration id', () => readdirSync(journalDir)[0]);
    await waitFor('state tail', () => (journalEntries(journalDir, id).some((e) => e.kind === 'state.transition' && e.to === 'tail') ? true : undefined), 90_000);
    await produce(TOPICS.events, Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, key: `late${i}`, value: `late ${i}` })));
    const result = await running;
    expect(result.err).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const first = result.out.split('\n')[0] ?? '';
    expect(first).toMatch(/^migration_id: mig-\d{8}-\d{6}-[0-9a-f]{4}$/);
    migrationId = first.slice('migration_id: '.length);
    expect(migrationId).toBe(id);
    expect(result.out).toContain('state: drain_ready');

    const lines = result.err.split('\n').filter((line) => / -> /.test(line) && TRANSITION_LINE.test(line));
    expect(lines.map((line) => line.split(' ').slice(1, 4).join(' '))).toEqual([
      'planned -> precheck',
      'precheck -> topology_copy',
      'topology_copy -> seed',
      'seed -> tail',
      'tail -> drain_ready',
    ]);
    const detail = (lines[4] ?? '').split(' ').slice(4).join(' ');
    const [, maxLag, replayed] = DRAIN_DETAIL.exec(detail) ?? [];
    expect(maxLag).toBe('0');
    expect(Number(replayed)).toBe(10);
    expect(result.err).toMatch(/^tail: copied \d+ records .* lag total=\d+ max_partition_lag=\d+/m);
    expect(result.err).toContain(`next_command: kafka-backup migrate msk-kraft cutover --config ${config} --migration-id ${migrationId} --journal-dir ${journalDir}`);

    // The journal as stored says the same.
    const stored = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition');
    expect(stored.map((e) => `${e.from} -> ${e.to}`)).toEqual(lines.map((line) => line.split(' ').slice(1, 4).join(' ')));
    expect(stored.at(-1)?.detail).toBe(detail);
    const checkpoints = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'checkpoint');
    const applied = checkpoints.find((e) => e.name === 'topology.applied');
    expect(applied?.payload).toMatchObject({ implementation: 'copy-topology', created: [TOPICS.events, TOPICS.orders] });
    expect(checkpoints.map((e) => e.name)).toContain('topology.after_seed');
    const boundary = checkpoints.find((e) => e.name === 'seed.boundary');
    expect(boundary?.payload.partitions).toContainEqual({ topic: TOPICS.orders, partition: 0, logStart: 0, end: 200 });
    const positions = checkpoints.filter((e) => e.name === 'copy.positions').at(-1);
    expect(positions?.payload).toMatchObject({ phase: 'tail', complete: true });
    expect(positions?.payload.partitions).toContainEqual(expect.objectContaining({ topic: TOPICS.orders, partition: 1, nextSourceOffset: 200, targetEnd: 200, runs: [[0, 0, 200]] }));

    for (const topic of [TOPICS.orders, TOPICS.events]) {
      const [source, target] = await Promise.all([readTopic(bed.SOURCE_BOOTSTRAP, topic), readTopic(bed.TARGET_BOOTSTRAP, topic)]);
      expect([...target.keys()].sort()).toEqual([...source.keys()].sort());
      for (const [partition, records] of source) {
        const copied = target.get(partition) ?? [];
        expect(copied.length, `${topic}-${partition}`).toBe(records.length);
        expect(copied.map(({ offset: _o, ...rest }) => rest), `${topic}-${partition}`).toEqual(records.map(({ offset: _o, ...rest }) => rest));
      }
    }
  });

  it('status: drain_ready, lag 0 on every partition against the live source, next action cutover', async () => {
    const plain = await cli(['status', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^state: drain_ready \(since /m);
    expect(plain.out).toContain('next: run `cutover`');
    const json = await cli(['status', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir, '--json']);
    expect(json.code).toBe(0);
    const snapshot = JSON.parse(json.out);
    expect(snapshot.state).toBe('drain_ready');
    expect(snapshot.sourceOffsets).toBe('live');
    expect(snapshot.partitions).toHaveLength(5);
    expect(snapshot.partitions.every((p: { lag: number }) => p.lag === 0)).toBe(true);
    expect(snapshot.totals).toMatchObject({ totalLag: 0, maxLag: 0, recordsCopied: 650 });
    expect(snapshot.etaSeconds).toBe(0);
    expect(snapshot.nextCommand).toBe('cutover');
  });

  it('resume at drain_ready changes nothing and exits 10 with the next command on stderr', async () => {
    const before = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition').length;
    const result = await cli(['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(result.code).toBe(10);
    expect(result.err).toContain(`next_command: kafka-backup migrate msk-kraft cutover --config ${config} --migration-id ${migrationId} --journal-dir ${journalDir}`);
    expect(journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition')).toHaveLength(before);
  });

  it('execute --force-restart at drain_ready is refused by the state machine (exit 1)', async () => {
    const result = await cli(['execute', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir, '--force-restart']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('execute --force-restart is not allowed in state drain_ready');
  });

  it('rollback: exit 0, rolled_back, report in the evidence bucket and beside the journal, target topics kept', async () => {
    const result = await cli(['rollback', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(result.err).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/ drain_ready -> rolled_back$/m);
    expect(result.out).toContain('state: rolled_back (from drain_ready)');
    const stored = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition');
    expect(stored.at(-1)).toMatchObject({ from: 'drain_ready', to: 'rolled_back' });

    const report = JSON.parse(await s3Text(`evidence/${migrationId}/rollback-report.json`));
    expect(report.migrationId).toBe(migrationId);
    expect(report.rolledBackFrom).toBe('drain_ready');
    expect(report.target.topicsCreated).toEqual([TOPICS.events, TOPICS.orders]);
    expect(report.copied.records).toBe(650);
    expect(report.copied.partitions).toContainEqual(expect.objectContaining({ topic: TOPICS.orders, partition: 0, records: 200, targetFrom: 0, targetEnd: 200 }));
    expect(report.cleanup.join('\n')).toContain(`Delete topic ${TOPICS.orders} on the target`);
    expect(JSON.parse(readFileSync(path.join(journalDir, migrationId, 'rollback-report.json'), 'utf8'))).toEqual(report);
    expect(JSON.stringify(report)).not.toContain(bed.SCRAM_PASSWORD);

    const targetTopics = await targetAdmin.listTopics();
    expect(targetTopics).toEqual(expect.arrayContaining([TOPICS.orders, TOPICS.events]));
    const ends = await targetAdmin.fetchTopicOffsets(TOPICS.orders);
    expect(ends.map((e) => Number(e.high))).toEqual([200, 200, 200]);
  });

  it('illegal requests after rollback exit 1 with the state machine message', async () => {
    const again = await cli(['rollback', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('rollback is not allowed in state rolled_back: the migration was rolled back. Allowed now: status.');
    const resume = await cli(['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(resume.code).toBe(1);
    expect(resume.err).toContain('resume is not allowed in state rolled_back');
    const execute = await cli(['execute', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(execute.code).toBe(1);
    expect(execute.err).toContain('execute is not allowed in state rolled_back');
    const status = await cli(['status', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ state: 'rolled_back', nextCommand: null });
  });
});

describe('execute with precheck blockers', () => {
  it('exits 1, journals precheck -> failed with the codes, and creates nothing on the target', async () => {
    const prefix = `${RUN}-blocked`;
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-exec-blocked-'));
    const topic = `${prefix}.orders`;
    await sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 2 }] });
    try {
      const config = scopedConfig(prefix, {}, (block) => {
        block.backup.s3_bucket = `${prefix}-missing`;
      });
      const result = await cli(['execute', '--config', config, '--journal-dir', journalDir]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^B07 blocker: /m);
      expect(result.err).toMatch(/error\[PRECHECK_BLOCKED\]: precheck found \d+ blockers?: .*B07/);
      const migrationId = (result.out.split('\n')[0] ?? '').replace('migration_id: ', '');
      const transitions = journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition');
      expect(transitions.map((e) => `${e.from} -> ${e.to}`)).toEqual(['planned -> precheck', 'precheck -> failed']);
      expect(transitions.at(-1)?.reason).toContain('B07');
      expect(await targetAdmin.listTopics()).not.toContain(topic);
      const resume = await cli(['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
      expect(resume.code).toBe(1);
      expect(resume.err).toContain('resume is not allowed in state failed: the migration failed in precheck');
    } finally {
      await sourceAdmin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    }
  });
});

describe('execute with the journal in S3', () => {
  it('runs to drain_ready, status reads it from S3, rollback marks it rolled_back', async () => {
    const config = scopedConfig(S3_RUN, { drain_stable_window: '1s' }, (block) => {
      block.backup.s3_prefix = `journal-tests/${S3_RUN}`;
    });
    const result = await cli(['execute', '--config', config]);
    expect(result.err).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const migrationId = (result.out.split('\n')[0] ?? '').replace('migration_id: ', '');
    expect(result.err).toMatch(/ tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0$/m);
    expect(result.err).toContain(`next_command: kafka-backup migrate msk-kraft cutover --config ${config} --migration-id ${migrationId}\n`);
    const first = JSON.parse(await s3Text(`journal-tests/${S3_RUN}/${migrationId}/journal/00000001.json`, bed.BACKUP_BUCKET));
    expect(first).toMatchObject({ kind: 'migration.created', migrationId });

    const status = await cli(['status', '--config', config, '--migration-id', migrationId, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ state: 'drain_ready', totals: { totalLag: 0, recordsCopied: 20 } });

    const rollback = await cli(['rollback', '--config', config, '--migration-id', migrationId]);
    expect(rollback.code).toBe(0);
    expect(JSON.parse(await s3Text(`evidence/${migrationId}/rollback-report.json`)).copied.records).toBe(20);
    const after = await cli(['status', '--config', config, '--migration-id', migrationId, '--json']);
    expect(JSON.parse(after.out).state).toBe('rolled_back');
  });
});
