import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createJournal,
  defineCheckpoint,
  journalExists,
  listMigrations,
  openJournal,
  type JournalEntry,
  type JournalEvent,
} from '../../../engine/journal/index.js';
import { actorFor, CONFIG_TEXT, manualClock, rejection, SAMPLE_PLAN, SAMPLE_PRECHECK, SECRETS, tempDir, testConfig } from './helpers.js';

const ID = 'mig-20260425-061500-a1b2';

async function started(dir = tempDir(), clock = manualClock()) {
  const config = testConfig();
  const journal = await createJournal({
    migrationId: ID,
    journalDir: dir,
    config,
    command: 'execute',
    toolVersion: '0.1.0',
    plan: SAMPLE_PLAN,
    precheck: SAMPLE_PRECHECK,
    clock,
    heartbeatMs: 0,
    actorFor: actorFor('runner-1', 4242),
  });
  return { dir, clock, config, journal };
}

function journalFiles(dir: string): string[] {
  return readdirSync(join(dir, ID, 'journal')).sort();
}

describe('a new journal (local)', () => {
  it('writes entry 1 with the plan, the redacted config and its digest, and who started it', async () => {
    const { dir, journal } = await started();
    expect(journalFiles(dir)).toEqual(['00000001.json', 'head.json']);
    const created = journal.created();
    expect(created).toMatchObject({
      kind: 'migration.created',
      seq: 1,
      migrationId: ID,
      toolVersion: '0.1.0',
      plan: { schemaVersion: 1, migrationId: 'mig-test', topics: [{ name: 'orders', partitions: 3 }] },
      precheck: SAMPLE_PRECHECK,
      createdBy: { user: 'ops', host: 'runner-1', pid: 4242, command: 'execute' },
      prevHash: '0'.repeat(64),
    });
    expect(created.configDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(created.at).toBe('2026-04-25T06:15:07.512000Z');
    expect((created.config as { source: { auth: { password: string } } }).source.auth.password).toBe('<redacted>');
    expect(journal.state()).toMatchObject({ state: 'planned', since: created.at, sinceSeq: 1 });
    await journal.close();
  });

  it('never stores a secret, even one that slipped into an entry', async () => {
    const { dir, journal } = await started();
    await journal.reportFinding({ code: 'W99', severity: 'warning', subject: 'source', detail: `login with ${SECRETS.SCRAM_PASSWORD} failed once`, remedy: 'none' });
    await journal.close();
    const text = readdirSync(join(dir, ID, 'journal'))
      .map((name) => readFileSync(join(dir, ID, 'journal', name), 'utf8'))
      .join('\n');
    expect(text).not.toContain(SECRETS.SCRAM_PASSWORD);
    expect(text).toContain('login with <redacted> failed once');
  });

  it('refuses an id that already exists', async () => {
    const { dir, journal } = await started();
    await journal.close();
    const error = await rejection(started(dir));
    expect(error.code).toBe('STATE');
    expect(error.message).toBe(`migration ${ID} already exists (${join(dir, ID, 'journal', '00000001.json')})`);
    expect(error.hint).toContain(`resume --migration-id ${ID}`);
  });

  it('refuses an unusable migration id before touching the disk', async () => {
    const dir = tempDir();
    const error = await rejection(openJournal({ migrationId: '../etc', journalDir: dir, config: testConfig() }));
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is found by journalExists and listMigrations; a missing one is reported with the ids that exist', async () => {
    const { dir, journal, config } = await started();
    await journal.close();
    expect(await journalExists({ migrationId: ID, journalDir: dir, config })).toBe(true);
    expect(await journalExists({ migrationId: 'mig-other', journalDir: dir, config })).toBe(false);
    expect(await listMigrations({ journalDir: dir, config })).toEqual([ID]);
    const error = await rejection(openJournal({ migrationId: 'mig-other', journalDir: dir, config }));
    expect(error.code).toBe('STATE');
    expect(error.message).toBe(`no journal for migration mig-other at ${join(dir, 'mig-other', 'journal')}`);
    expect(error.hint).toContain(`Migrations journaled there: ${ID}.`);
    expect(error.hint).toContain('leave --journal-dir out');
  });
});

describe('appending', () => {
  it('walks the states, numbering entries 1, 2, 3 ... and printing the reference lines', async () => {
    const { dir, journal, clock, config } = await started();
    const steps = ['precheck', 'topology_copy', 'seed', 'tail'] as const;
    for (const to of steps) {
      clock.advance(60_000);
      await journal.transition(to);
    }
    clock.advance(1_000);
    await journal.transition('drain_ready', { detail: 'drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0' });
    expect(journal.entries().map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(journal.transitionLines()).toEqual([
      '2026-04-25T06:16:07.512000Z planned -> precheck',
      '2026-04-25T06:17:07.512000Z precheck -> topology_copy',
      '2026-04-25T06:18:07.512000Z topology_copy -> seed',
      '2026-04-25T06:19:07.512000Z seed -> tail',
      '2026-04-25T06:19:08.512000Z tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0',
    ]);
    await journal.close();

    const reopened = await openJournal({ migrationId: ID, journalDir: dir, config });
    expect(reopened.entries()).toEqual(journal.entries());
    expect(reopened.state()).toMatchObject({ state: 'drain_ready', since: '2026-04-25T06:19:08.512000Z', sinceSeq: 6 });
    expect(reopened.nextCommand()).toBe('cutover');
    await reopened.close();
  });

  it('refuses an illegal transition and writes nothing', async () => {
    const { dir, journal } = await started();
    const error = await rejection(journal.transition('cutover'));
    expect(error.code).toBe('STATE');
    expect(error.message).toContain('the migration cannot move from planned to cutover');
    expect(journalFiles(dir)).toEqual(['00000001.json', 'head.json']);
    // The journal still works after a refusal.
    await journal.transition('precheck');
    expect(journal.state().state).toBe('precheck');
    await journal.close();
  });

  it('needs the lease', async () => {
    const { dir, journal, config } = await started();
    await journal.release();
    expect((await rejection(journal.transition('precheck'))).message).toContain('needs the lease');
    const reader = await openJournal({ migrationId: ID, journalDir: dir, config });
    expect((await rejection(reader.transition('precheck'))).message).toContain('needs the lease: call acquireLease first');
    await reader.close();
    await journal.close();
  });

  it('emits journal.appended with each entry', async () => {
    const { journal } = await started();
    const seen: JournalEvent[] = [];
    const appended: JournalEntry[] = [];
    journal.events.onAny((event) => seen.push(event));
    const stop = journal.on('journal.appended', (event) => appended.push(event.entry));
    const entry = await journal.transition('precheck');
    stop();
    await journal.transition('topology_copy');
    expect(appended).toEqual([entry]);
    expect(seen.filter((event) => event.type === 'journal.appended')).toHaveLength(2);
    await journal.close();
  });

  it('records operator actions with user, host, pid and command', async () => {
    const { journal } = await started();
    const action = await journal.recordAction('rollback', 'operator asked');
    expect(action).toMatchObject({ kind: 'operator.action', action: 'rollback', actor: { user: 'ops', host: 'runner-1', pid: 4242, command: 'execute' } });
    await journal.transition('rolled_back', { reason: 'operator rollback' });
    expect(journal.state().state).toBe('rolled_back');
    expect(journal.nextCommand()).toBeNull();
    expect(() => journal.assertCommandAllowed('resume')).toThrow(/resume is not allowed in state rolled_back/);
    await journal.close();
  });

  it('fails cleanly when another process wrote the next entry first', async () => {
    const { dir, journal } = await started();
    const { createLocalJournalStore } = await import('../../../engine/journal/index.js');
    const intruder = createLocalJournalStore({ journalDir: dir, migrationId: ID });
    expect(await intruder.createEntry(2, '{"written":"by someone else"}\n')).toBe(true);
    const error = await rejection(journal.transition('precheck'));
    expect(error.code).toBe('STATE');
    expect(error.message).toBe(
      `journal entry 2 of migration ${ID} (${join(dir, ID, 'journal', '00000002.json')}) was written by another process first: two processes are writing this migration. This one stops; the step it was about to record was not taken.`,
    );
    expect(readFileSync(join(dir, ID, 'journal', '00000002.json'), 'utf8')).toContain('by someone else');
    await journal.close();
  });

  it('serializes concurrent appends from one process into consecutive entries', async () => {
    const { journal } = await started();
    const finding = (index: number) => journal.reportFinding({ code: 'I99', severity: 'info', subject: `t${index}`, detail: 'd', remedy: 'r' });
    await Promise.all(Array.from({ length: 10 }, (_, index) => finding(index)));
    expect(journal.entries().map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await journal.close();
  });
});

describe('checkpoints', () => {
  const positions = defineCheckpoint(
    'seed.positions',
    z.object({ partitions: z.array(z.object({ topic: z.string(), partition: z.number().int(), nextOffset: z.string() })) }),
  );

  it('are typed records: the latest one of a name is read back, parsed', async () => {
    const { dir, journal, config } = await started();
    await journal.transition('precheck');
    await journal.checkpoint(positions, { partitions: [{ topic: 'orders', partition: 0, nextOffset: '100' }] });
    await journal.checkpoint(positions, { partitions: [{ topic: 'orders', partition: 0, nextOffset: '250' }] });
    await journal.close();
    const reopened = await openJournal({ migrationId: ID, journalDir: dir, config });
    expect(reopened.latestCheckpoint(positions)?.value).toEqual({ partitions: [{ topic: 'orders', partition: 0, nextOffset: '250' }] });
    expect(reopened.latestCheckpoint(defineCheckpoint('tail.positions', z.object({})))).toBeUndefined();
    await reopened.close();
  });

  it('refuse a payload that does not fit the schema', async () => {
    const { journal } = await started();
    const error = await rejection(journal.checkpoint(positions, { partitions: [{ topic: 'orders', partition: 0.5, nextOffset: '1' }] }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('partitions.0.partition');
    expect(journal.entries()).toHaveLength(1);
    await journal.close();
  });
});

describe('the point of no return and recoveries in the journal', () => {
  async function atCutover() {
    const ctx = await started();
    for (const to of ['precheck', 'topology_copy', 'seed', 'tail', 'drain_ready', 'cutover'] as const) await ctx.journal.transition(to);
    return ctx;
  }

  it('once marked, refuses rollback and failing; resume and cutover finish the cutover', async () => {
    const { dir, journal, config } = await atCutover();
    expect(journal.state().pastPointOfNoReturn).toBe(false);
    const mark = await journal.markPointOfNoReturn('groups=3 offsets=37');
    expect(await journal.markPointOfNoReturn()).toEqual(mark); // idempotent after a crash
    expect(journal.state().pastPointOfNoReturn).toBe(true);
    await journal.close();

    const reopened = await openJournal({ migrationId: ID, journalDir: dir, config });
    expect(reopened.state()).toMatchObject({ state: 'cutover', pastPointOfNoReturn: true });
    expect(() => reopened.assertCommandAllowed('rollback')).toThrow(
      'rollback is not allowed in state cutover: the cutover committed consumer offsets on the target (the point of no return). Allowed now: resume, cutover, status.',
    );
    reopened.assertCommandAllowed('resume');
    reopened.assertCommandAllowed('cutover');
    await reopened.acquireLease('resume');
    expect((await rejection(reopened.transition('failed', { reason: 'target unreachable' }))).message).toContain('never marked failed');
    await reopened.transition('awaiting_client_switch', { detail: 'READY_FOR_CLIENT_SWITCH: groups_translated=3 offsets_committed=37 warnings=0' });
    expect(reopened.nextCommand()).toBe('cutover-ack');
    await reopened.close();
  });

  it('may not be marked outside cutover', async () => {
    const { journal } = await started();
    expect((await rejection(journal.markPointOfNoReturn())).message).toContain('is in state planned');
    await journal.close();
  });

  it('lets finalize retry after a failed validation, from the failed state', async () => {
    const { journal } = await atCutover();
    await journal.markPointOfNoReturn();
    await journal.transition('awaiting_client_switch');
    await journal.recordAction('cutover-ack');
    await journal.transition('validating');
    await journal.transition('failed', { reason: 'validation: 2 partitions behind' });
    expect(journal.state()).toMatchObject({ state: 'failed', failedFrom: 'validating', failureReason: 'validation: 2 partitions behind' });
    expect(journal.nextCommand()).toBe('finalize');
    journal.assertCommandAllowed('finalize');
    await journal.transition('validating', { reason: 'finalize retried' });
    await journal.transition('finalized');
    expect(journal.state()).toMatchObject({ state: 'finalized', failedFrom: undefined });
    await journal.close();
  });

  it('does not let a migration that failed in seed validate', async () => {
    const { journal } = await started();
    for (const to of ['precheck', 'topology_copy', 'seed', 'failed'] as const) await journal.transition(to);
    expect(journal.state().failedFrom).toBe('seed');
    expect(() => journal.assertCommandAllowed('finalize')).toThrow('this migration failed in seed');
    await rejection(journal.transition('validating'));
    await journal.close();
  });

  it('goes back to seed from tail only with --force-restart, and says so in the entry', async () => {
    const { journal } = await started();
    for (const to of ['precheck', 'topology_copy', 'seed', 'tail'] as const) await journal.transition(to);
    await rejection(journal.transition('seed'));
    journal.assertCommandAllowed('execute', { forceRestart: true });
    const entry = await journal.transition('seed', { forceRestart: true, reason: 'execute --force-restart' });
    expect(entry).toMatchObject({ from: 'tail', to: 'seed', forceRestart: true });
    await journal.close();
  });
});

describe('the config guard', () => {
  it('opens with the same config written differently, and with a rotated password', async () => {
    const { dir, journal } = await started();
    await journal.close();
    const respelled = testConfig(CONFIG_TEXT.replace('drain_timeout: 30m', 'drain_timeout: 1800'), { ...SECRETS, SCRAM_PASSWORD: 'rotated-password-1' });
    const reopened = await openJournal({ migrationId: ID, journalDir: dir, config: respelled });
    await reopened.close();
  });

  it('refuses a config whose meaning changed, with one line per change (cutover keys left out) and no secret', async () => {
    const { dir, journal } = await started();
    await journal.close();
    const changed = testConfig(
      `${CONFIG_TEXT.replace('s3_prefix: migrations', 's3_prefix: elsewhere').replace('drain_timeout: 30m', 'drain_timeout: 10m')}  producer_freeze_webhook: https://hooks.example/freeze\n  producer_freeze_webhook_secret: \${FREEZE_HMAC_SECRET}\n`,
    );
    const error = await rejection(openJournal({ migrationId: ID, journalDir: dir, config: changed }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', exitCode: 1 });
    expect(error.message.split('\n')).toEqual([
      `the config differs from the one migration ${ID} was started with (journal entry 1):`,
      '  backup.s3_prefix: migrations -> elsewhere',
    ]);
    expect(error.message).not.toContain(SECRETS.FREEZE_HMAC_SECRET);
    expect(error.hint).toContain('original config');
    expect(error.hint).toContain('start a new migration');
    expect(error.hint).toContain('cutover.*');
    // status may still read it.
    const readOnly = await openJournal({ migrationId: ID, journalDir: dir, config: changed, allowConfigChange: true });
    expect(readOnly.state().state).toBe('planned');
    await readOnly.close();
  });

  it('opens when only cutover.* keys changed: the freeze webhook added and the drain tuned before cutover', async () => {
    const { dir, journal } = await started();
    await journal.close();
    const changed = testConfig(
      `${CONFIG_TEXT.replace('drain_timeout: 30m', 'drain_timeout: 10m')}  producer_freeze_webhook: https://hooks.example/freeze\n  producer_freeze_webhook_secret: \${FREEZE_HMAC_SECRET}\n`,
    );
    const reopened = await openJournal({ migrationId: ID, journalDir: dir, config: changed });
    expect(reopened.state().state).toBe('planned');
    await reopened.close();
  });
});

describe('torn temp files', () => {
  it('are ignored: only NNNNNNNN.json files are entries', async () => {
    const { dir, journal, config } = await started();
    await journal.close();
    writeFileSync(join(dir, ID, 'journal', '.00000002.json.new.999.abcd.tmp'), '{"half');
    const reopened = await openJournal({ migrationId: ID, journalDir: dir, config });
    expect(reopened.entries()).toHaveLength(1);
    await reopened.close();
  });
});
