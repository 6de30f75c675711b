/**
 * Against the running test bed's S3 (moto): the journal round-trips through the backup bucket with SSE-KMS,
 * tampering is detected with the object's key, two writers racing for one seq get one winner and one clear error,
 * and the lease is contended by a separate process (node --import tsx), in S3 and locally.
 */
import { deletePrefix } from '../support/s3-prefix.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../engine/aws/s3-client.js';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { isMigrationError, type MigrationError } from '../../engine/errors.js';
import {
  createJournal,
  createS3JournalStore,
  formatIsoMicros,
  JournalIntegrityError,
  listMigrations,
  openJournal,
  type JournalClock,
} from '../../engine/journal/index.js';
import { ENV_FILE, MIGRATION_CONFIG_FILE, REPO_ROOT } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const HOLDER_SCRIPT = join(REPO_ROOT, 'test', 'unit', 'journal', 'fixtures', 'hold-lease.ts');
const RUN = `journal-it-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const PREFIX = `it/${RUN}`;

let config: MigrationConfig;
let s3: S3Client;
const tempDirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  if (existsSync(ENV_FILE)) {
    for (const [key, value] of Object.entries(loadTestbedEnv())) process.env[key] ??= value;
  }
  const loaded = await loadConfig(MIGRATION_CONFIG_FILE, process.env);
  config = { ...loaded, backup: { ...loaded.backup, s3Prefix: PREFIX } };
  s3 = createS3Client(config.aws);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  if (s3 === undefined) return;
  // Remove what this run wrote under its own prefix.
  await deletePrefix(s3, config.backup.s3Bucket, PREFIX);
  s3.destroy();
});

function newId(): string {
  return `mig-it-${randomBytes(4).toString('hex')}`;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-journal-it-'));
  tempDirs.push(dir);
  return dir;
}

function keyOf(migrationId: string, seq: number): string {
  return `${PREFIX}/${migrationId}/journal/${String(seq).padStart(8, '0')}.json`;
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    expect(isMigrationError(error), String(error)).toBe(true);
    return error as MigrationError;
  }
  throw new Error('expected a rejection');
}

/** A clock that moves only when told (for lease expiry without waiting 30 s). */
function manualClock(startMs = Date.now()): JournalClock & { advance(ms: number): void } {
  let ms = startMs;
  let last = 0;
  return {
    nowMs: () => ms,
    isoMicros: () => formatIsoMicros((last = Math.max(last + 1, ms * 1000))),
    advance: (delta) => {
      ms += delta;
    },
  };
}

async function startS3Journal(migrationId: string, options: { clock?: JournalClock; heartbeatMs?: number; leaseTtlMs?: number } = {}) {
  return createJournal({
    migrationId,
    config,
    command: 'execute',
    toolVersion: '0.1.0-it',
    plan: { migrationId, topics: [{ name: 'orders', partitions: 3 }] },
    precheck: { passed: true, findings: [] },
    heartbeatMs: options.heartbeatMs ?? 0,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.leaseTtlMs === undefined ? {} : { leaseTtlMs: options.leaseTtlMs }),
  });
}

describe('journal in S3 (moto)', () => {
  it('moto refuses a second PutObject with If-None-Match: * (412), which the journal relies on', async () => {
    const Key = `${PREFIX}/probe-if-none-match.json`;
    await s3.send(new PutObjectCommand({ Bucket: config.backup.s3Bucket, Key, Body: '1', IfNoneMatch: '*' }));
    const error = await s3.send(new PutObjectCommand({ Bucket: config.backup.s3Bucket, Key, Body: '2', IfNoneMatch: '*' })).then(
      () => undefined,
      (caught: unknown) => caught as { name?: string; $metadata?: { httpStatusCode?: number } },
    );
    expect(error?.$metadata?.httpStatusCode).toBe(412);
    expect(error?.name).toBe('PreconditionFailed');
  });

  it('round-trips: append, reopen, read and verify; entries are SSE-KMS objects at <prefix>/<id>/journal/NNNNNNNN.json', async () => {
    const migrationId = newId();
    const journal = await startS3Journal(migrationId);
    expect(journal.location).toBe(`s3://${config.backup.s3Bucket}/${PREFIX}/${migrationId}/journal/`);
    for (const to of ['precheck', 'topology_copy', 'seed', 'tail'] as const) await journal.transition(to);
    await journal.append({ kind: 'checkpoint', name: 'seed.positions', payload: { orders: { '0': '42' } } });
    await journal.transition('drain_ready', { detail: 'drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0' });
    const written = journal.entries();
    await journal.close();

    const head = await s3.send(new HeadObjectCommand({ Bucket: config.backup.s3Bucket, Key: keyOf(migrationId, 1) }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toContain(config.backup.kmsKeyArn?.split('/').at(-1));
    const body = await (await s3.send(new GetObjectCommand({ Bucket: config.backup.s3Bucket, Key: keyOf(migrationId, 1) }))).Body?.transformToString();
    expect(body).not.toContain(process.env.SCRAM_PASSWORD as string);
    expect(body).toContain('<redacted>');

    const reopened = await openJournal({ migrationId, config });
    expect(reopened.entries()).toEqual(written);
    expect(reopened.entries().map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reopened.state()).toMatchObject({ state: 'drain_ready' });
    expect(reopened.transitionLines().at(-1)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0$/);
    expect(reopened.nextCommand()).toBe('cutover');
    await reopened.close();

    expect(await listMigrations({ config })).toContain(migrationId);
  });

  it('detects a tampered entry object and names its key', async () => {
    const migrationId = newId();
    const journal = await startS3Journal(migrationId);
    for (const to of ['precheck', 'topology_copy', 'seed'] as const) await journal.transition(to);
    await journal.close();
    const Key = keyOf(migrationId, 3);
    const text = (await (await s3.send(new GetObjectCommand({ Bucket: config.backup.s3Bucket, Key }))).Body?.transformToString()) as string;
    await s3.send(new PutObjectCommand({ Bucket: config.backup.s3Bucket, Key, Body: text.replace('"to": "topology_copy"', '"to": "tail"') }));
    const error = await rejection(openJournal({ migrationId, config }));
    expect(error).toBeInstanceOf(JournalIntegrityError);
    expect(error).toMatchObject({ code: 'STORAGE', problem: 'modified', seq: 3, where: `s3://${config.backup.s3Bucket}/${Key}` });
    expect(error.message).toBe(`journal entry 3 (s3://${config.backup.s3Bucket}/${Key}) was modified or damaged: hash mismatch`);
  });

  it('detects a deleted entry object', async () => {
    const migrationId = newId();
    const journal = await startS3Journal(migrationId);
    for (const to of ['precheck', 'topology_copy'] as const) await journal.transition(to);
    await journal.close();
    await s3.send(new DeleteObjectsCommand({ Bucket: config.backup.s3Bucket, Delete: { Objects: [{ Key: keyOf(migrationId, 2) }] } }));
    const error = await rejection(openJournal({ migrationId, config }));
    expect(error).toMatchObject({ problem: 'missing', seq: 2 });
  });

  it('lets exactly one of several writers racing for the same seq create it', async () => {
    const migrationId = newId();
    const journal = await startS3Journal(migrationId);
    await journal.close();
    const stores = Array.from({ length: 6 }, () => createS3JournalStore({ bucket: config.backup.s3Bucket, prefix: PREFIX, migrationId, s3 }));
    const results = await Promise.all(stores.map((store, index) => store.createEntry(2, `{"writer":${index}}\n`)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('two journals that both believe they hold the lease (clock skew) race for one seq: one wins, the other stops with a clear error', async () => {
    const migrationId = newId();
    const slowClock = manualClock(); // the first writer's clock lags: it believes its lease is still valid
    const first = await startS3Journal(migrationId, { clock: slowClock });
    const fastClock = manualClock(slowClock.nowMs() + 31_000);
    const second = await openJournal({ migrationId, config, clock: fastClock, heartbeatMs: 0 });
    await second.acquireLease('resume'); // takes the lease over: by its clock the first one expired
    await first.refresh(); // both now at the same last entry
    const results = await Promise.allSettled([first.transition('precheck'), second.transition('precheck')]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const error = rejected[0]?.reason as MigrationError;
    expect(error.code).toBe('STATE');
    expect(error.message).toMatch(
      new RegExp(`^journal entry 3 of migration ${migrationId} \\(s3://.+/00000003\\.json\\) was written by another process first: two processes are writing this migration`),
    );
    await first.close();
    await second.close();
    const check = await openJournal({ migrationId, config });
    expect(check.entries().map((entry) => entry.kind)).toEqual(['migration.created', 'lease.acquired', 'state.transition']);
    await check.close();
  });
});

interface Holder {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lease: { holder: { pid: number; host: string; command: string }; expiresAt: string };
  release(): Promise<void>;
  exited: Promise<number | null>;
}

/** Spawns hold-lease.ts and waits for it to hold the lease (or fails with what it printed). */
async function spawnHolder(args: Record<string, unknown>): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER_SCRIPT, JSON.stringify(args)], { cwd: REPO_ROOT, env: process.env, stdio: 'pipe' });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await Promise.race([
    iterator.next(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`holder did not report within 30 s; stderr: ${stderr}`)), 30_000)),
  ]);
  const line = first.done === true ? '' : String(first.value);
  if (!line.startsWith('HOLDING ')) throw new Error(`holder did not take the lease: ${line} ${stderr}`);
  return {
    child,
    lease: JSON.parse(line.slice('HOLDING '.length)) as Holder['lease'],
    exited,
    async release() {
      child.stdin.end('release\n');
      const next = await iterator.next();
      expect(next.value).toBe('RELEASED');
      await exited;
    },
  };
}

describe.each([
  ['S3', (): { journalDir?: string } => ({})],
  ['local', (): { journalDir?: string } => ({ journalDir: tempDir() })],
])('lease contention between processes (%s)', (_where, location) => {
  async function startJournal(migrationId: string, journalDir: string | undefined) {
    const journal = await createJournal({
      migrationId,
      config,
      command: 'execute',
      toolVersion: '0.1.0-it',
      plan: {},
      heartbeatMs: 0,
      ...(journalDir === undefined ? {} : { journalDir }),
    });
    await journal.close();
  }

  it('refuses this process while another holds the lease, naming it; takes the lease once it is released', { timeout: 60_000 }, async () => {
    const { journalDir } = location();
    const migrationId = newId();
    await startJournal(migrationId, journalDir);
    const holder = await spawnHolder({ migrationId, configPath: MIGRATION_CONFIG_FILE, journalDir, s3Prefix: PREFIX, ttlMs: 30_000, heartbeatMs: 1_000, behaviour: 'hold' });
    expect(holder.lease.holder.pid).toBe(holder.child.pid);

    const journal = await openJournal({ migrationId, config, heartbeatMs: 0, ...(journalDir === undefined ? {} : { journalDir }) });
    const error = await rejection(journal.acquireLease('execute'));
    expect(error).toMatchObject({ code: 'STATE', exitCode: 1 });
    expect(error.message).toContain(`migration ${migrationId} is in use by another process: resume on host ${holder.lease.holder.host} (pid ${holder.child.pid}, user `);
    expect(error.message).toContain(`expires at ${holder.lease.expiresAt}`);
    expect(error.hint).toContain(`kill ${holder.child.pid}`);

    await holder.release();
    const lease = await journal.acquireLease('execute');
    expect(lease.holder.pid).toBe(process.pid);
    expect(lease.takenOverFrom).toBeUndefined();
    await journal.close();
  });

  it('takes over the lease of a holder that died once it expires; the holder process did not stay alive for its heartbeat', { timeout: 60_000 }, async () => {
    const { journalDir } = location();
    const migrationId = newId();
    await startJournal(migrationId, journalDir);
    const ttlMs = 2_500;
    const holder = await spawnHolder({ migrationId, configPath: MIGRATION_CONFIG_FILE, journalDir, s3Prefix: PREFIX, ttlMs, heartbeatMs: 300, behaviour: 'return' });
    // It returned from main holding the lease; the unref'd heartbeat must not keep it running.
    const code = await Promise.race([holder.exited, new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 10_000))]);
    expect(code).toBe(0);

    const journal = await openJournal({ migrationId, config, heartbeatMs: 0, ...(journalDir === undefined ? {} : { journalDir }) });
    const refused = await rejection(journal.acquireLease('resume'));
    expect(refused.message).toContain(`(pid ${holder.child.pid}, user `);
    const expiresAt = Date.parse(holder.lease.expiresAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 200));
    const lease = await journal.acquireLease('resume');
    expect(lease.takenOverFrom?.holder.pid).toBe(holder.child.pid);
    expect(journal.lastEntry()).toMatchObject({ kind: 'lease.acquired', takenOverFrom: { holder: { pid: holder.child.pid } } });
    await journal.close();
  });
});
