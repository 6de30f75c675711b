/**
 * The fault test: `execute`, then `resume` after resume, each a real child process killed with SIGKILL at one of 20
 * seeded points across the seed and the tail (a time after it started copying, after its Nth checkpoint, right after
 * a new S3 segment appeared, after it entered the tail), while a source producer keeps writing (plain records and
 * committed and aborted transactions). After each kill the dead process's lease is aged past its 30 s (the wait
 * execute-crash.test.ts sits out for real), so the next `resume` takes it over. Finally the producer stops, one more
 * `resume` drains, and every target partition is compared with the source record by record: no duplicate, no gap,
 * every source offset translated exactly.
 *
 * The seed is printed; replay a sequence with KB_FAULT_SEED=<seed>.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Admin, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedReaders, comparePartitions, finalPositions, problemsOf, type Readers } from '../support/compare-partitions.js';
import { deletePrefix } from '../support/s3-prefix.js';
import { bed, env, journalEntries, kafka, scopedConfig } from './execute-support.js';

const SEED = Number(process.env['KB_FAULT_SEED'] ?? randomInt(2 ** 31));
const KILLS = 20;
/** Kills aimed at the seed; the rest come once the tail runs. */
const SEED_KILLS = 9;
const RUN = `reconcile-faults-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
const S3_PREFIX = `reconcile-tests/${RUN}`;
const TOPICS = [
  { name: `${RUN}.bulk`, partitions: 4 },
  { name: `${RUN}.txn`, partitions: 2 },
];
/** Enough that the seed outlasts several kills on an idle machine too (CI's seed of 20,000 ended before checkpoint #1). */
const SEED_RECORDS_PER_PARTITION = 40_000;
/** A second, small migration into whose target topic another producer writes while its copy is down. */
const FOREIGN = `${RUN}-foreign`;
const FOREIGN_TOPIC = `${FOREIGN}.orders`;

let readers: Readers;
let sourceAdmin: Admin;
let targetAdmin: Admin;
let child: ChildProcess | undefined;
const s3 = new S3Client({
  region: bed.AWS_REGION,
  endpoint: bed.S3_ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: bed.AWS_ACCESS_KEY_ID, secretAccessKey: bed.AWS_SECRET_ACCESS_KEY },
});

/** mulberry32: a small seeded generator, so the kill points replay from the printed seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Trigger =
  | { kind: 'time'; ms: number }
  | { kind: 'checkpoint'; count: number; ms: number }
  | { kind: 'segment'; ms: number }
  | { kind: 'tail'; ms: number };

const describeTrigger = (t: Trigger): string =>
  t.kind === 'time' ? `${t.ms} ms into the copy` : t.kind === 'checkpoint' ? `${t.ms} ms after checkpoint #${t.count}` : t.kind === 'segment' ? `${t.ms} ms after a new segment` : `${t.ms} ms into the tail`;

/** The kill points: the first SEED_KILLS aimed at the seed (time, checkpoint, segment; the very first early), the others at the tail. */
function killPoints(random: () => number): Trigger[] {
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  return Array.from({ length: KILLS }, (_, i): Trigger => {
    const pick = random();
    // The first kill comes early in the first run's copy, so at least one lands in the seed however fast the machine.
    if (i === 0) return { kind: 'time', ms: between(200, 1_000) };
    if (i < SEED_KILLS) {
      if (pick < 0.4) return { kind: 'time', ms: between(200, 2_500) };
      if (pick < 0.7) return { kind: 'segment', ms: between(0, 400) };
      return { kind: 'checkpoint', count: 1, ms: between(0, 1_500) };
    }
    if (i === SEED_KILLS) return { kind: 'tail', ms: between(0, 1_500) };
    if (pick < 0.5) return { kind: 'time', ms: between(300, 6_000) };
    return { kind: 'checkpoint', count: between(1, 2), ms: between(0, 2_000) };
  });
}

/** Plain records to every bulk partition and a committed or aborted transaction, until stopped. */
function liveProducer(): { stop: () => Promise<number> } {
  let running = true;
  let written = 0;
  const done = (async () => {
    const client = kafka(bed.SOURCE_BOOTSTRAP);
    const plain: Producer = client.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    const transactional: Producer = client.producer({ transactionalId: `${RUN}-live`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await Promise.all([plain.connect(), transactional.connect()]);
    try {
      for (let round = 0; running; round += 1) {
        await plain.send({
          topic: `${RUN}.bulk`,
          acks: -1,
          messages: Array.from({ length: 20 }, (_, i) => ({ partition: i % 4, key: `live-${round}-${i}`, value: `live ${round}/${i} ${'v'.repeat(100)}`, headers: { round: String(round), i: String(i) } })),
        });
        written += 20;
        if (round % 5 === 0) {
          const txn = await transactional.transaction();
          await txn.send({ topic: `${RUN}.txn`, acks: -1, messages: [0, 1].map((partition) => ({ partition, key: `t-${round}`, value: `txn ${round}` })) });
          if (round % 10 === 0) await txn.abort();
          else await txn.commit();
        }
        await sleep(150);
      }
    } finally {
      await Promise.allSettled([plain.disconnect(), transactional.disconnect()]);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return written;
    },
  };
}

async function writeSeedData(): Promise<void> {
  await sourceAdmin.createTopics({ waitForLeaders: true, topics: TOPICS.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 2 })) });
  const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  for (let chunk = 0; chunk < SEED_RECORDS_PER_PARTITION / 500; chunk += 1) {
    await producer.send({
      topic: `${RUN}.bulk`,
      acks: -1,
      messages: Array.from({ length: 2_000 }, (_, i) => ({ partition: i % 4, key: `seed-${chunk}-${i}`, value: `seed ${chunk}/${i} ${'s'.repeat(200 + (i % 50))}`, headers: { chunk: String(chunk) } })),
    });
  }
  await producer.disconnect();
}

beforeAll(async () => {
  console.log(`copy-faults: seed ${SEED} (replay with KB_FAULT_SEED=${SEED}), topics ${RUN}.*`);
  readers = await bedReaders(bed.SOURCE_BOOTSTRAP, bed.TARGET_BOOTSTRAP, RUN);
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await writeSeedData();
}, 180_000);

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  const names = [...TOPICS.map((t) => t.name), FOREIGN_TOPIC];
  await Promise.allSettled([sourceAdmin?.deleteTopics({ topics: names }), targetAdmin?.deleteTopics({ topics: names }), deletePrefix(s3, bed.BACKUP_BUCKET, S3_PREFIX)]);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect(), readers?.source.close(), readers?.target.close()]);
  s3.destroy();
});

interface Running {
  readonly process: ChildProcess;
  readonly exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
}

function spawnCli(args: string[]): Running {
  const started = spawn(process.execPath, ['bin/kafka-backup.js', 'migrate', 'msk-kraft', ...args], { env, cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  let out = '';
  started.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => started.on('exit', (code, signal) => resolve(signal ?? code)));
  return { process: started, exited, output: () => out };
}

/** Segment objects of the migration in the backup bucket. */
async function segmentCount(migrationId: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bed.BACKUP_BUCKET, Prefix: `${S3_PREFIX}/${migrationId}/segments/`, ContinuationToken: token }));
    count += page.KeyCount ?? 0;
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return count;
}

const stateOf = (entries: Array<Record<string, any>>): string | undefined => entries.filter((e) => e.kind === 'state.transition').at(-1)?.to;

/**
 * Waits until the trigger fires for the process started when the journal held `before` entries: its copy started
 * (the seed boundary, or its lease.acquired), then the trigger's event, then the trigger's delay. Throws when the
 * process exits on its own, with its output.
 */
async function awaitTrigger(running: Running, journalDir: string, migrationId: () => string | undefined, before: number, trigger: Trigger): Promise<void> {
  let exitedOnItsOwn = false;
  void running.exited.then(() => (exitedOnItsOwn = true));
  const mine = () => {
    const id = migrationId();
    return id === undefined ? [] : journalEntries(journalDir, id).slice(before);
  };
  const poll = async (what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (exitedOnItsOwn) throw new Error(`the process exited on its own while waiting for ${what}:\n${running.output()}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${running.output()}`);
      await sleep(25);
    }
  };
  await poll('the copy to start', () => mine().some((e) => (e.kind === 'checkpoint' && e.name === 'seed.boundary') || (before > 0 && e.kind === 'lease.acquired')));
  if (trigger.kind === 'checkpoint') {
    await poll(`checkpoint #${trigger.count}`, () => mine().filter((e) => e.kind === 'checkpoint' && e.name === 'copy.positions').length >= trigger.count);
  } else if (trigger.kind === 'segment') {
    const id = migrationId() as string;
    const start = await segmentCount(id);
    // In the tail no segment is written any more: then the trigger falls back to its delay alone.
    await poll('a new segment', async () => stateOf(journalEntries(journalDir, id)) !== 'seed' || (await segmentCount(id)) > start);
  } else if (trigger.kind === 'tail') {
    await poll('the tail', () => stateOf(journalEntries(journalDir, migrationId() as string)) === 'tail', 300_000);
  }
  await sleep(trigger.ms);
  if (exitedOnItsOwn) throw new Error(`the process exited on its own before the kill:\n${running.output()}`);
}

/** The dead process's lease, aged past its time to live: what 30 s without a heartbeat would leave. */
function ageLease(journalDir: string, migrationId: string): void {
  const file = path.join(journalDir, migrationId, 'lease.json');
  const lease = JSON.parse(readFileSync(file, 'utf8'));
  const past = Date.now() - lease.ttlMs - 1_000;
  writeFileSync(file, `${JSON.stringify({ ...lease, heartbeatAt: new Date(past).toISOString(), expiresAt: new Date(past + lease.ttlMs).toISOString() }, null, 2)}\n`);
}

describe('kill -9 at 20 points across seed and tail, resume each time', () => {
  it('ends with every target partition exactly the source: no duplicate, no gap, offsets translated', { timeout: 900_000 }, async () => {
    const config = scopedConfig(RUN, { drain_stable_window: '3s', drain_timeout: '5m' }, (block) => {
      block.backup = { ...block.backup, s3_prefix: S3_PREFIX };
      block.seed = { max_concurrent_partitions: 1, segment_max_bytes: '128KiB' };
    });
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-faults-journal-'));
    const points = killPoints(generator(SEED));
    const producer = liveProducer();
    let migrationId: string | undefined;
    const kills: Array<{ at: string; state: string | undefined; entries: number }> = [];
    try {
      for (const [i, trigger] of points.entries()) {
        const before = migrationId === undefined ? 0 : journalEntries(journalDir, migrationId).length;
        const running = spawnCli(
          migrationId === undefined
            ? ['execute', '--config', config, '--journal-dir', journalDir]
            : ['resume', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir],
        );
        const id = () => (migrationId ??= /^migration_id: (\S+)$/m.exec(running.output())?.[1]);
        await awaitTrigger(running, journalDir, id, before, trigger);
        running.process.kill('SIGKILL');
        expect(await running.exited).toBe('SIGKILL');
        const entries = journalEntries(journalDir, migrationId as string);
        kills.push({ at: describeTrigger(trigger), state: stateOf(entries), entries: entries.length - before });
        console.log(`kill ${i + 1}/${KILLS}: ${describeTrigger(trigger)}, in ${stateOf(entries)}, ${entries.length - before} journal entries by that process`);
        ageLease(journalDir, migrationId as string);
      }
    } finally {
      const written = await producer.stop();
      console.log(`copy-faults: the live producer wrote ${written} plain records meanwhile`);
    }
    const id = migrationId as string;
    const final = spawnCli(['resume', '--config', config, '--migration-id', id, '--journal-dir', journalDir]);
    const code = await final.exited;
    expect(code, final.output()).toBe(0);
    expect(final.output()).toContain('state: drain_ready');

    const entries = journalEntries(journalDir, id);
    expect(entries.filter((e) => e.kind === 'state.transition').map((e) => e.to)).toEqual(['precheck', 'topology_copy', 'seed', 'tail', 'drain_ready']);
    expect(entries.filter((e) => e.kind === 'finding.reported' && e.finding.severity === 'blocker')).toEqual([]);
    const reconciled = entries.filter((e) => e.kind === 'checkpoint' && e.name === 'copy.reconciled');
    const taken = reconciled.reduce((sum, e) => sum + e.payload.partitions.reduce((s: number, p: { records: number }) => s + p.records, 0), 0);
    console.log(`copy-faults: ${reconciled.length} resume(s) took ${taken} record(s) found on the target past the journal into the positions`);
    expect(kills.filter((k) => k.state === 'seed').length, JSON.stringify(kills)).toBeGreaterThan(0);
    expect(kills.filter((k) => k.state === 'tail').length, JSON.stringify(kills)).toBeGreaterThan(0);
    expect(reconciled.length).toBeGreaterThan(0);

    const refs = TOPICS.flatMap((t) => Array.from({ length: t.partitions }, (_, partition) => ({ topic: t.name, partition })));
    const comparisons = await comparePartitions(readers, refs, finalPositions(entries));
    expect(problemsOf(comparisons)).toEqual([]);
    console.log(`copy-faults: ${comparisons.reduce((s, c) => s + c.targetRecords, 0)} records compared, ${comparisons.reduce((s, c) => s + c.sourceGaps, 0)} source gaps, ${comparisons.reduce((s, c) => s + c.offsetsTranslated, 0)} offsets translated`);
  });
});

describe('a record another producer wrote to the target while the copy was down', () => {
  it('stops resume with the blocker naming the partition and the offsets; nothing more is written', { timeout: 300_000 }, async () => {
    await sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: FOREIGN_TOPIC, numPartitions: 2, replicationFactor: 2 }] });
    const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    for (let round = 0; round < 10; round += 1) {
      await producer.send({ topic: FOREIGN_TOPIC, acks: -1, messages: Array.from({ length: 1_000 }, (_, i) => ({ partition: i % 2, key: `o-${round}-${i}`, value: `order ${round}/${i} ${'o'.repeat(300)}` })) });
    }
    await producer.disconnect();
    // A long stable window: the copy is still running (seed or tail) when it is killed.
    const config = scopedConfig(FOREIGN, { drain_stable_window: '60s' }, (block) => {
      block.backup = { ...block.backup, s3_prefix: S3_PREFIX };
    });
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-foreign-journal-'));
    const running = spawnCli(['execute', '--config', config, '--journal-dir', journalDir]);
    let migrationId: string | undefined;
    const id = () => (migrationId ??= /^migration_id: (\S+)$/m.exec(running.output())?.[1]);
    await awaitTrigger(running, journalDir, id, 0, { kind: 'checkpoint', count: 1, ms: 0 });
    running.process.kill('SIGKILL');
    expect(await running.exited).toBe('SIGKILL');
    ageLease(journalDir, migrationId as string);

    const intruder = kafka(bed.TARGET_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
    await intruder.connect();
    const [written] = await intruder.send({ topic: FOREIGN_TOPIC, acks: -1, messages: [{ partition: 1, key: 'intruder', value: 'not from the source' }] });
    await intruder.disconnect();
    const before = await targetAdmin.fetchTopicOffsets(FOREIGN_TOPIC);

    const resumed = spawnCli(['resume', '--config', config, '--migration-id', migrationId as string, '--journal-dir', journalDir]);
    expect(await resumed.exited, resumed.output()).toBe(1);
    const offset = Number(written?.baseOffset);
    // Killed in the seed or the tail: the intruder follows this migration's records, matched or not yet seen.
    const line = resumed.output().split('\n').find((l) => l.startsWith('error[TARGET_FOREIGN_RECORDS]: blocker COPY_TARGET_NOT_OURS: ')) ?? resumed.output();
    expect(line).toMatch(new RegExp(`${FOREIGN_TOPIC.replace(/\./g, '\\.')}-1 target offsets? \\d+(\\.\\.\\d+)?: .*records not written by this migration$`));
    expect(line).toMatch(new RegExp(`target offsets? (\\d+\\.\\.)?${offset}\\b`));
    expect(line).not.toContain(`${FOREIGN_TOPIC}-0`);
    const entries = journalEntries(journalDir, migrationId as string);
    expect(stateOf(entries)).toBe('failed');
    const findings = entries.filter((e) => e.kind === 'finding.reported').map((e) => e.finding);
    expect(findings).toEqual([expect.objectContaining({ code: 'COPY_TARGET_NOT_OURS', severity: 'blocker', subject: `${FOREIGN_TOPIC}-1` })]);
    // Nothing was written after the intruder's record, on either partition.
    expect(await targetAdmin.fetchTopicOffsets(FOREIGN_TOPIC)).toEqual(before);
  });
});
