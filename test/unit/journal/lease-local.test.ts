import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireLease,
  createJournal,
  createLocalLeaseBackend,
  openJournal,
  parseLeaseRecord,
  type JournalEvent,
  type LeaseRecord,
} from '../../../engine/journal/index.js';
import { actorFor, manualClock, rejection, SAMPLE_PLAN, tempDir, testConfig, type ManualClock } from './helpers.js';

const ID = 'mig-20260425-061500-e5f6';

async function holder(dir: string, clock: ManualClock, heartbeatMs = 0) {
  return createJournal({
    migrationId: ID,
    journalDir: dir,
    config: testConfig(),
    command: 'execute',
    toolVersion: '0.1.0',
    plan: SAMPLE_PLAN,
    clock,
    heartbeatMs,
    actorFor: actorFor('runner-1', 4242),
  });
}

function second(dir: string, clock: ManualClock) {
  return openJournal({ migrationId: ID, journalDir: dir, config: testConfig(), clock, heartbeatMs: 0, actorFor: actorFor('runner-2', 5151, 'night-shift') });
}

function leaseOnDisk(dir: string): LeaseRecord | undefined {
  const path = join(dir, ID, 'lease.json');
  return existsSync(path) ? parseLeaseRecord(readFileSync(path, 'utf8')) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 3 s of real time) until the lease on disk has this heartbeat; the machine may be busy. */
async function heartbeatReaches(dir: string, heartbeatAt: string): Promise<LeaseRecord | undefined> {
  for (let waited = 0; waited < 3_000 && leaseOnDisk(dir)?.heartbeatAt !== heartbeatAt; waited += 20) await sleep(20);
  return leaseOnDisk(dir);
}

describe('the local lease', () => {
  it('refuses a second writer in the same process, naming the holder, since when, its heartbeat and its expiry', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = await holder(dir, clock);
    clock.advance(3_000);
    const other = await second(dir, clock);
    const error = await rejection(other.acquireLease('resume'));
    expect(error).toMatchObject({ code: 'STATE', exitCode: 1, retriable: true });
    expect(error.message).toBe(
      `migration ${ID} is in use by another process: execute on host runner-1 (pid 4242, user ops), since 2026-04-25T06:15:07.512000Z, ` +
        `last heartbeat 2026-04-25T06:15:07.512000Z (3 s ago). Its lease (${join(dir, ID, 'lease.json')}) expires at 2026-04-25T06:15:37.512000Z if that process has stopped.`,
    );
    expect(error.hint).toBe(
      'If that process is still running, let it finish or stop it (on runner-1: kill 4242). If it died, run this command again after 2026-04-25T06:15:37.512000Z (in about 27 s); it then takes the lease over.',
    );
    expect(other.heldLease()).toBeUndefined();
    await other.close();
    await first.close();
  });

  it('is given back on release, and the next writer journals that it took it', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = await holder(dir, clock);
    await first.close();
    expect(existsSync(join(dir, ID, 'lease.json'))).toBe(false);
    const other = await second(dir, clock);
    const lease = await other.acquireLease('resume');
    expect(lease.holder).toEqual({ user: 'night-shift', host: 'runner-2', pid: 5151, command: 'resume' });
    expect(leaseOnDisk(dir)?.token).toBe(lease.token);
    expect(other.lastEntry()).toMatchObject({ kind: 'lease.acquired', seq: 2, holder: lease.holder });
    expect(other.lastEntry()).not.toHaveProperty('takenOverFrom');
    await other.close();
  });

  it('is taken over once expired (fake clock), and the old holder can no longer write or release it', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = await holder(dir, clock);
    const lost: JournalEvent[] = [];
    first.on('lease.lost', (event) => lost.push(event));
    const other = await second(dir, clock);

    clock.advance(29_999);
    await rejection(other.acquireLease('resume'));
    clock.advance(1);
    const lease = await other.acquireLease('resume');
    expect(lease.takenOverFrom).toMatchObject({ holder: { host: 'runner-1', pid: 4242, command: 'execute' }, expiresAt: '2026-04-25T06:15:37.512000Z' });
    expect(other.lastEntry()).toMatchObject({
      kind: 'lease.acquired',
      holder: { host: 'runner-2', pid: 5151 },
      takenOverFrom: { holder: { host: 'runner-1', pid: 4242 }, heartbeatAt: '2026-04-25T06:15:07.512000Z' },
    });

    const error = await rejection(first.transition('precheck'));
    expect(error.code).toBe('STATE');
    expect(error.message).toContain(`this process no longer holds the lease on migration ${ID}: the lease was taken over by resume on host runner-2 (pid 5151, user night-shift)`);
    expect(lost).toHaveLength(1);
    await first.close();
    expect(leaseOnDisk(dir)?.token).toBe(lease.token); // the old holder's release left the new lease alone

    await other.transition('precheck');
    expect(other.state().state).toBe('precheck');
    await other.close();
  });

  it('is kept alive by the heartbeat, which renews it every period', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = await holder(dir, clock, 20);
    const acquired = leaseOnDisk(dir);
    clock.advance(20_000);
    const renewed = await heartbeatReaches(dir, '2026-04-25T06:15:27.512000Z');
    expect(renewed?.token).toBe(acquired?.token);
    expect(renewed?.heartbeatAt).toBe('2026-04-25T06:15:27.512000Z');
    expect(renewed?.expiresAt).toBe('2026-04-25T06:15:57.512000Z');
    clock.advance(20_000); // 40 s after it was taken: alive only because of the heartbeat
    expect((await heartbeatReaches(dir, '2026-04-25T06:15:47.512000Z'))?.heartbeatAt).toBe('2026-04-25T06:15:47.512000Z');
    const other = await second(dir, clock);
    const error = await rejection(other.acquireLease('resume'));
    expect(error.message).toContain('last heartbeat 2026-04-25T06:15:47.512000Z (0 s ago)');
    await first.close();
    await other.acquireLease('resume');
    await other.close();
  });

  it('is renewed before a write when the heartbeat fell behind (event loop blocked) and nobody took it', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = await holder(dir, clock);
    clock.advance(45_000); // expired by the clock, but still ours on disk
    await first.transition('precheck');
    expect(leaseOnDisk(dir)?.expiresAt).toBe('2026-04-25T06:16:22.512000Z');
    await first.close();
  });

  it('lets exactly one of several racing processes take an expired lease', async () => {
    for (let round = 0; round < 10; round += 1) {
      const dir = tempDir();
      const path = join(dir, ID, 'lease.json');
      const clock = manualClock();
      const options = (pid: number) => ({ migrationId: ID, actor: { user: 'ops', host: 'h', pid, command: 'resume' }, clock, heartbeatMs: 0 });
      const dead = await acquireLease(createLocalLeaseBackend(path), options(1));
      clock.advance(31_000);
      const results = await Promise.allSettled([2, 3, 4, 5].map((pid) => acquireLease(createLocalLeaseBackend(path), options(pid))));
      const winners = results.filter((result) => result.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(String(result.reason)).toContain('is in use by another process');
      }
      const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value;
      expect(parseLeaseRecord(readFileSync(path, 'utf8'))?.token).toBe(winner.record.token);
      await dead.release();
      await winner.release();
    }
  });

  it('lets exactly one of several racing processes create it', async () => {
    for (let round = 0; round < 10; round += 1) {
      const dir = tempDir();
      const path = join(dir, ID, 'lease.json');
      const clock = manualClock();
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map((pid) => acquireLease(createLocalLeaseBackend(path), { migrationId: ID, actor: { user: 'u', host: 'h', pid, command: 'execute' }, clock, heartbeatMs: 0 })),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) if (result.status === 'fulfilled') await result.value.release();
    }
  });

  it('reports a lease file that is not a lease, with what to do', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = await holder(dir, clock);
    await first.close();
    writeFileSync(join(dir, ID, 'lease.json'), 'not json');
    const other = await second(dir, clock);
    const error = await rejection(other.acquireLease('resume'));
    expect(error.code).toBe('STORAGE');
    expect(error.message).toContain('is not a lease record');
    expect(error.hint).toContain(`delete ${join(dir, ID, 'lease.json')}`);
    await other.close();
  });
});
