/**
 * Taking, keeping and giving back the lease. `acquireLease` creates the lease, or takes over one whose holder
 * stopped renewing it (expired), and refuses a live one with a message naming its holder. The holder renews it on a
 * timer that does not keep the process alive, checks it before every journal write, and releases it on exit. If
 * another process took it over (this one stalled past the expiry), the holder finds out at its next renewal or write
 * and stops writing; the journal's exclusive per-seq writes are the final fence between two writers.
 */
import { randomUUID } from 'node:crypto';
import { MigrationError } from '../errors.js';
import { describeActor } from './actor.js';
import { formatIsoMicros, parseIsoMillis, type JournalClock } from './clock.js';
import type { Actor } from './entry-types.js';
import type { JournalEvent } from './events.js';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_LEASE_TTL_MS,
  LEASE_FORMAT_VERSION,
  type LeaseBackend,
  type LeaseRecord,
  type StoredLease,
} from './lease-record.js';

export interface LeaseOptions {
  readonly migrationId: string;
  readonly actor: Actor;
  readonly clock: JournalClock;
  /** Lifetime without a heartbeat (default 30 s). */
  readonly ttlMs?: number | undefined;
  /** Heartbeat period (default 5 s); 0 turns the timer off (the holder still renews before writes). */
  readonly heartbeatMs?: number | undefined;
  readonly emit?: ((event: JournalEvent) => void) | undefined;
  readonly newToken?: (() => string) | undefined;
}

const ACQUIRE_ATTEMPTS = 5;

function expiresAtMs(record: LeaseRecord): number {
  const expires = parseIsoMillis(record.expiresAt);
  if (!Number.isNaN(expires)) return expires;
  const heartbeat = parseIsoMillis(record.heartbeatAt);
  return Number.isNaN(heartbeat) ? 0 : heartbeat + record.ttlMs;
}

export function isLeaseExpired(record: LeaseRecord, nowMs: number): boolean {
  return nowMs >= expiresAtMs(record);
}

function isoAt(ms: number): string {
  return formatIsoMicros(ms * 1000);
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.round(ms / 1000))} s`;
}

/** The refusal a second writer gets: who holds the lease, since when, its last heartbeat and when it expires. */
export function leaseHeldError(record: LeaseRecord, nowMs: number, where: string): MigrationError {
  const expires = expiresAtMs(record);
  const heartbeat = parseIsoMillis(record.heartbeatAt);
  const ago = Number.isNaN(heartbeat) ? '' : ` (${seconds(nowMs - heartbeat)} ago)`;
  const { holder } = record;
  return new MigrationError({
    code: 'STATE',
    message:
      `migration ${record.migrationId} is in use by another process: ${describeActor(holder)}, since ${record.acquiredAt}, ` +
      `last heartbeat ${record.heartbeatAt}${ago}. Its lease (${where}) expires at ${record.expiresAt} if that process has stopped.`,
    hint:
      `If that process is still running, let it finish or stop it (on ${holder.host}: kill ${holder.pid}). ` +
      `If it died, run this command again after ${record.expiresAt} (in about ${seconds(expires - nowMs)}); it then takes the lease over.`,
    retriable: true,
    exitCode: 1,
  });
}

export function leaseLostError(migrationId: string, reason: string): MigrationError {
  return new MigrationError({
    code: 'STATE',
    message: `this process no longer holds the lease on migration ${migrationId}: ${reason}. It stops writing so that two processes never write one journal.`,
    hint: 'Run `status` to see which process works on the migration now; if none does, run `resume`.',
    exitCode: 1,
  });
}

/** Takes the lease for `options.actor`, or throws the STATE error that names the live holder. */
export async function acquireLease(backend: LeaseBackend, options: LeaseOptions): Promise<LeaseHolder> {
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const newToken = options.newToken ?? randomUUID;
  const fresh = (takenOverFrom?: LeaseRecord): LeaseRecord => {
    const now = options.clock.nowMs();
    return {
      formatVersion: LEASE_FORMAT_VERSION,
      migrationId: options.migrationId,
      token: newToken(),
      holder: options.actor,
      acquiredAt: isoAt(now),
      heartbeatAt: isoAt(now),
      expiresAt: isoAt(now + ttlMs),
      ttlMs,
      ...(takenOverFrom === undefined
        ? {}
        : {
            takenOverFrom: {
              holder: takenOverFrom.holder,
              token: takenOverFrom.token,
              heartbeatAt: takenOverFrom.heartbeatAt,
              expiresAt: takenOverFrom.expiresAt,
            },
          }),
    };
  };
  let lastSeen: LeaseRecord | undefined;
  for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt += 1) {
    const record = fresh();
    const created = await backend.create(record);
    if (created.ok) return new LeaseHolder(backend, { record, version: created.version }, options, ttlMs);
    const current = await backend.read();
    if (current === undefined) continue; // released in between: try to create it again
    lastSeen = current.record;
    if (!isLeaseExpired(current.record, options.clock.nowMs())) throw leaseHeldError(current.record, options.clock.nowMs(), backend.where);
    const next = fresh(current.record);
    const taken = await backend.takeOver(current, next);
    if (taken.ok) return new LeaseHolder(backend, { record: next, version: taken.version }, options, ttlMs);
    // Someone else renewed or took it in between: look again.
  }
  if (lastSeen !== undefined) throw leaseHeldError(lastSeen, options.clock.nowMs(), backend.where);
  throw new MigrationError({
    code: 'STATE',
    message: `could not take the lease on migration ${options.migrationId} (${backend.where}): other processes kept taking it`,
    hint: 'Make sure only one command works on this migration at a time, then run it again.',
    retriable: true,
  });
}

/** The lease this process holds. */
export class LeaseHolder {
  private stored: StoredLease;
  private lostReason: string | undefined;
  private released = false;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastRenewError: string | undefined;

  constructor(
    private readonly backend: LeaseBackend,
    stored: StoredLease,
    private readonly options: LeaseOptions,
    private readonly ttlMs: number,
  ) {
    this.stored = stored;
    this.options.emit?.({ type: 'lease.acquired', lease: stored.record, takenOver: stored.record.takenOverFrom !== undefined });
    const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    if (heartbeatMs > 0) {
      this.timer = setInterval(() => void this.renew().catch(() => undefined), heartbeatMs);
      this.timer.unref();
    }
  }

  get record(): LeaseRecord {
    return this.stored.record;
  }

  /** Why the lease was lost, or undefined while it is held. */
  get lost(): string | undefined {
    return this.lostReason;
  }

  get isReleased(): boolean {
    return this.released;
  }

  /** Held, and not within a safety margin of its expiry by this process's clock. */
  isValid(): boolean {
    if (this.released || this.lostReason !== undefined) return false;
    const margin = Math.min(1_000, this.ttlMs / 10);
    return this.options.clock.nowMs() < expiresAtMs(this.stored.record) - margin;
  }

  /** Writes a new heartbeat and expiry (one at a time). A storage error keeps the lease until it expires. */
  renew(): Promise<void> {
    const run = this.queue.then(() => this.renewNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async renewNow(): Promise<void> {
    if (this.released || this.lostReason !== undefined) return;
    const now = this.options.clock.nowMs();
    const next: LeaseRecord = { ...this.stored.record, heartbeatAt: isoAt(now), expiresAt: isoAt(now + this.ttlMs) };
    let result;
    try {
      result = await this.backend.renew(this.stored, next);
    } catch (error) {
      this.lastRenewError = error instanceof Error ? error.message : String(error);
      this.options.emit?.({ type: 'lease.renew_failed', error: this.lastRenewError, expiresAt: this.stored.record.expiresAt });
      return;
    }
    if (result.ok) {
      this.stored = { record: next, version: result.version };
      this.lastRenewError = undefined;
      return;
    }
    let holder: Actor | undefined;
    try {
      holder = (await this.backend.read())?.record.holder;
    } catch {
      holder = undefined;
    }
    this.markLost(holder === undefined ? 'the lease was removed or taken over' : `the lease was taken over by ${describeActor(holder)}`, holder);
  }

  private markLost(reason: string, holder?: Actor): void {
    this.lostReason = reason;
    this.stopTimer();
    this.options.emit?.({ type: 'lease.lost', reason, holder });
  }

  /** Before a write: throws unless the lease is held and unexpired (renewing it first when it is close to expiry). */
  async ensureValid(): Promise<void> {
    if (this.released) throw new MigrationError({ code: 'INTERNAL', message: `the lease on migration ${this.options.migrationId} was released; take it again before writing` });
    if (this.lostReason !== undefined) throw leaseLostError(this.options.migrationId, this.lostReason);
    if (this.isValid()) return;
    await this.renew();
    if (this.lostReason !== undefined) throw leaseLostError(this.options.migrationId, this.lostReason);
    if (!this.isValid()) {
      throw new MigrationError({
        code: 'STORAGE',
        message: `cannot renew the lease on migration ${this.options.migrationId} (${this.backend.where})${this.lastRenewError === undefined ? '' : `: ${this.lastRenewError}`}; not writing without it`,
        hint: 'Check that the journal storage is reachable, then run `resume`.',
        retriable: true,
      });
    }
  }

  /** Gives the lease back (only if it is still this process's). Never throws: an unreleased lease expires anyway. */
  async release(): Promise<boolean> {
    this.stopTimer();
    if (this.released) return false;
    await this.queue;
    this.released = true;
    if (this.lostReason !== undefined) return false;
    try {
      const removed = await this.backend.release(this.stored);
      if (removed) this.options.emit?.({ type: 'lease.released', lease: this.stored.record });
      return removed;
    } catch {
      return false;
    }
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
