/**
 * The journal's typed entries: a discriminated union on `kind`. Every stored entry carries its position (`seq`,
 * 1, 2, 3 ... without gaps), its time (`at`, ISO 8601 UTC with microseconds), the migration it belongs to, and the
 * hash chain (`prevHash`, `hash`). Everything else is plain JSON, so an entry reads the same on any machine.
 */
import type { JsonValue, RedactedConfig } from '../config/redact.js';
import type { MigrationCommand } from '../state/machine.js';
import type { MigrationState } from '../state/states.js';

/** Bump when an entry kind changes meaning; readers refuse journals newer than they know. */
export const JOURNAL_FORMAT_VERSION = 1 as const;

/** Who did something: the OS user, the host, the process and the command it ran. */
export interface Actor {
  readonly user: string;
  readonly host: string;
  readonly pid: number;
  readonly command: MigrationCommand | 'plan' | 'precheck' | (string & {});
}

export interface EntryHeader {
  readonly seq: number;
  /** ISO 8601 UTC with microseconds: `2026-04-25T06:15:07.512121Z`. */
  readonly at: string;
  readonly migrationId: string;
  /** `hash` of the entry before this one; 64 zeros for entry 1. */
  readonly prevHash: string;
  /** sha256 (hex) of the canonical JSON of this entry without `hash`. */
  readonly hash: string;
}

/** Entry 1 of every journal: what was planned, with which config, by whom. */
export interface MigrationCreatedBody {
  readonly kind: 'migration.created';
  readonly formatVersion: typeof JOURNAL_FORMAT_VERSION;
  readonly toolVersion: string;
  /** `configDigest(config)`: sha256 of the redacted, normalized config. */
  readonly configDigest: string;
  /** `redactConfig(config)`: every secret replaced by `<redacted>`. */
  readonly config: RedactedConfig;
  /** The plan as built by `buildPlan` (JSON). */
  readonly plan: JsonValue;
  /** The precheck report the migration started from (JSON), or null when none was run. */
  readonly precheck: JsonValue;
  readonly createdBy: Actor;
}

export interface StateTransitionBody {
  readonly kind: 'state.transition';
  readonly from: MigrationState;
  readonly to: MigrationState;
  /** Printed after the arrow: `drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0`. */
  readonly detail?: string;
  /** Why, when it is not the normal next step: the error of a failure, `operator rollback`, ... */
  readonly reason?: string;
  /** Set on seed/tail -> seed: the operator passed --force-restart. */
  readonly forceRestart?: boolean;
}

/** A typed progress record (see `defineCheckpoint`): the latest one of a name says where that work stands. */
export interface CheckpointBody {
  readonly kind: 'checkpoint';
  readonly name: string;
  readonly payload: JsonValue;
}

/** A precheck-like finding raised while the migration runs (a topic that appeared, a retention risk, ...). */
export interface FindingReportedBody {
  readonly kind: 'finding.reported';
  readonly finding: {
    readonly code: string;
    readonly severity: 'blocker' | 'warning' | 'info';
    readonly subject: string;
    readonly detail: string;
    readonly remedy: string;
  };
}

/** Operator actions the journal records by name; others may be recorded as free strings. */
export type KnownOperatorAction =
  | 'cutover-ack'
  | 'rollback'
  | 'producer-freeze-confirmed'
  | 'producer-unfreeze-confirmed'
  | 'force-restart'
  | 'finalize-retry';

export interface OperatorActionBody {
  readonly kind: 'operator.action';
  readonly action: KnownOperatorAction | (string & {});
  /** Who: the OS user, host, pid and command. When: the entry's `at`. */
  readonly actor: Actor;
  readonly detail?: string;
}

/** A process took the lease (a new writer started working on this migration). */
export interface LeaseAcquiredBody {
  readonly kind: 'lease.acquired';
  readonly holder: Actor;
  /** The holder whose expired lease was taken over, with its last heartbeat. */
  readonly takenOverFrom?: { readonly holder: Actor; readonly heartbeatAt: string; readonly expiresAt: string };
}

export type JournalEntryBody =
  | MigrationCreatedBody
  | StateTransitionBody
  | CheckpointBody
  | FindingReportedBody
  | OperatorActionBody
  | LeaseAcquiredBody;

export type JournalEntryKind = JournalEntryBody['kind'];
export const JOURNAL_ENTRY_KINDS: readonly JournalEntryKind[] = [
  'migration.created',
  'state.transition',
  'checkpoint',
  'finding.reported',
  'operator.action',
  'lease.acquired',
];

type WithHeader<Body> = EntryHeader & Body;
export type MigrationCreatedEntry = WithHeader<MigrationCreatedBody>;
export type StateTransitionEntry = WithHeader<StateTransitionBody>;
export type CheckpointEntry = WithHeader<CheckpointBody>;
export type FindingReportedEntry = WithHeader<FindingReportedBody>;
export type OperatorActionEntry = WithHeader<OperatorActionBody>;
export type LeaseAcquiredEntry = WithHeader<LeaseAcquiredBody>;

export type JournalEntry =
  | MigrationCreatedEntry
  | StateTransitionEntry
  | CheckpointEntry
  | FindingReportedEntry
  | OperatorActionEntry
  | LeaseAcquiredEntry;

/** What a caller appends: the body; the journal fills in seq, at, migrationId and the hashes. */
export type JournalEntryDraft = Exclude<JournalEntryBody, MigrationCreatedBody>;

export type EntryOfKind<K extends JournalEntryKind> = Extract<JournalEntry, { kind: K }>;
