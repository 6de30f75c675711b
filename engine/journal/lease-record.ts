/**
 * The lease: one writer per migration at a time. The record names its holder (host, pid, user, command), when it
 * was taken, its last heartbeat and when it expires unless renewed. Stores keep it beside the journal
 * (`<dir>/<id>/lease.json`, `<prefix>/<id>/lease.json` in S3); see docs/journal.md for the protocol.
 */
import { z } from 'zod';
import type { Actor } from './entry-types.js';

export const LEASE_FORMAT_VERSION = 1 as const;
/** How long a lease lives without a heartbeat. */
export const DEFAULT_LEASE_TTL_MS = 30_000;
/** How often the holder renews it. */
export const DEFAULT_HEARTBEAT_MS = 5_000;

export interface LeaseRecord {
  readonly formatVersion: typeof LEASE_FORMAT_VERSION;
  readonly migrationId: string;
  /** Random id of this holding; a renewal or release only touches a lease with its own token. */
  readonly token: string;
  readonly holder: Actor;
  readonly acquiredAt: string;
  readonly heartbeatAt: string;
  readonly expiresAt: string;
  readonly ttlMs: number;
  /** The expired lease this one replaced. */
  readonly takenOverFrom?: { readonly holder: Actor; readonly token: string; readonly heartbeatAt: string; readonly expiresAt: string };
}

const actorSchema = z.object({ user: z.string(), host: z.string(), pid: z.number().int(), command: z.string() });

const leaseSchema = z.object({
  formatVersion: z.literal(LEASE_FORMAT_VERSION),
  migrationId: z.string(),
  token: z.string().min(1),
  holder: actorSchema,
  acquiredAt: z.string(),
  heartbeatAt: z.string(),
  expiresAt: z.string(),
  ttlMs: z.number().positive(),
  takenOverFrom: z.object({ holder: actorSchema, token: z.string(), heartbeatAt: z.string(), expiresAt: z.string() }).optional(),
});

/** The record in `text`, or undefined when it is not a lease record. */
export function parseLeaseRecord(text: string): LeaseRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = leaseSchema.safeParse(value);
  return parsed.success ? (parsed.data as LeaseRecord) : undefined;
}

export function leaseText(record: LeaseRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** A lease as stored, with the version a conditional write compares against (file content, or the S3 ETag). */
export interface StoredLease {
  readonly record: LeaseRecord;
  readonly version: string;
}

export type LeaseWrite = { readonly ok: true; readonly version: string } | { readonly ok: false };

/**
 * Where a lease lives. Every write is conditional, so that two processes can never both believe a write of theirs
 * won: `create` only when there is none, `renew` only the holder's own lease, `takeOver` only the exact expired
 * lease that was read, `release` only the holder's own lease.
 */
export interface LeaseBackend {
  /** The file or `s3://` key, for messages. */
  readonly where: string;
  create(record: LeaseRecord): Promise<LeaseWrite>;
  read(): Promise<StoredLease | undefined>;
  renew(current: StoredLease, next: LeaseRecord): Promise<LeaseWrite>;
  takeOver(expired: StoredLease, next: LeaseRecord): Promise<LeaseWrite>;
  /** True when the holder's lease was removed; false when it was no longer theirs (or gone). */
  release(current: StoredLease): Promise<boolean>;
}
