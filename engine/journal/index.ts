/** The migration journal: typed, hash-chained, append-only entries in a local folder or S3, one writer at a time. See docs/journal.md. */
export { Journal, type JournalParts, type TransitionOptions } from './journal.js';
export {
  createJournal,
  journalExists,
  listMigrations,
  openJournal,
  openJournalStore,
  type CreateJournalOptions,
  type JournalLocationOptions,
  type OpenJournalOptions,
} from './open.js';
export {
  JOURNAL_ENTRY_KINDS,
  JOURNAL_FORMAT_VERSION,
  type Actor,
  type CheckpointEntry,
  type EntryHeader,
  type EntryOfKind,
  type FindingReportedEntry,
  type JournalEntry,
  type JournalEntryBody,
  type JournalEntryDraft,
  type JournalEntryKind,
  type KnownOperatorAction,
  type LeaseAcquiredEntry,
  type MigrationCreatedEntry,
  type OperatorActionEntry,
  type StateTransitionEntry,
} from './entry-types.js';
export { foldState, type JournalStateInfo } from './fold-state.js';
export { formatTransitionLine } from './format.js';
export { assertSameConfig } from './config-guard.js';
export { defineCheckpoint, latestCheckpointIn, POINT_OF_NO_RETURN_CHECKPOINT, type CheckpointDefinition } from './checkpoints.js';
export { GENESIS_HASH, entryHash, entryText, sealEntry, verifyChain, verifyHead, type JournalHead, type RawEntry, type VerifyOptions } from './hash-chain.js';
export { JournalIntegrityError, type JournalProblem } from './integrity-error.js';
export { TypedEmitter, type JournalEmitter, type JournalEvent, type JournalEventOf, type JournalEventType } from './events.js';
export { formatIsoMicros, parseIsoMicros, parseIsoMillis, systemClock, type JournalClock } from './clock.js';
export { currentActor, describeActor } from './actor.js';
export { acquireLease, isLeaseExpired, leaseHeldError, leaseLostError, LeaseHolder, type LeaseOptions } from './lease.js';
export {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_LEASE_TTL_MS,
  LEASE_FORMAT_VERSION,
  parseLeaseRecord,
  type LeaseBackend,
  type LeaseRecord,
  type LeaseWrite,
  type StoredLease,
} from './lease-record.js';
export { entryFileName, type JournalStore } from './store.js';
export { createLocalJournalStore, listLocalMigrations, localMigrationDir } from './local-store.js';
export { createLocalLeaseBackend } from './local-lease.js';
export { createS3JournalStore, createS3LeaseBackend, listS3Migrations, s3LocationFromConfig, s3MigrationPrefix, type S3Location } from './s3-store.js';
