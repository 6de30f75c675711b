/**
 * Finding, opening and starting journals. The journal is local under `--journal-dir` when given, else in the backup
 * bucket under `backup.s3_prefix`. `openJournal` reads and verifies it and (unless told otherwise) refuses a config
 * whose meaning changed; `createJournal` starts a new one, holding the lease, and refuses an id that exists.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { collectSecretValues } from '../config/secrets.js';
import { configDigest, redactConfig } from '../config/index.js';
import { MigrationError } from '../errors.js';
import { checkMigrationId } from '../plan/migration-id.js';
import type { MigrationCommand } from '../state/machine.js';
import { currentActor } from './actor.js';
import { systemClock, type JournalClock } from './clock.js';
import { assertSameConfig } from './config-guard.js';
import { JOURNAL_FORMAT_VERSION, type Actor, type JournalEntry } from './entry-types.js';
import { verifyChain, verifyHead } from './hash-chain.js';
import { Journal } from './journal.js';
import { toJsonValue } from './json.js';
import { createLocalJournalStore, listLocalMigrations } from './local-store.js';
import { createS3ClientForJournal, createS3JournalStore, listS3Migrations, s3LocationFromConfig } from './s3-store.js';
import type { JournalStore } from './store.js';

export interface JournalLocationOptions {
  readonly migrationId: string;
  /** `--journal-dir`: keep the journal in this local folder; the backup bucket when absent. */
  readonly journalDir?: string | undefined;
  readonly config: MigrationConfig;
  /** Use this S3 client instead of one built from `config.aws` (it is not destroyed on close). */
  readonly s3?: S3Client | undefined;
  /** Use this store instead of the local or S3 one. */
  readonly store?: JournalStore | undefined;
}

export interface OpenJournalOptions extends JournalLocationOptions {
  readonly clock?: JournalClock | undefined;
  /** Lease lifetime without a heartbeat (default 30 s) and heartbeat period (default 5 s). */
  readonly leaseTtlMs?: number | undefined;
  readonly heartbeatMs?: number | undefined;
  /** Who runs this process, per command (default: the OS user, host and pid). */
  readonly actorFor?: ((command: string) => Actor) | undefined;
  /** Do not refuse a config whose meaning changed (for read-only views such as `status`). */
  readonly allowConfigChange?: boolean | undefined;
}

export interface CreateJournalOptions extends OpenJournalOptions {
  /** The command starting the migration; it holds the lease when `createJournal` returns. */
  readonly command: MigrationCommand | (string & {});
  readonly toolVersion: string;
  /** The plan (`buildPlan`'s result); stored as JSON. */
  readonly plan: unknown;
  /** The precheck report the migration starts from, if one was run. */
  readonly precheck?: unknown;
}

function assertUsableId(migrationId: string): void {
  const problem = checkMigrationId(migrationId);
  if (problem === undefined) return;
  throw new MigrationError({
    code: 'USAGE',
    message: `--migration-id "${migrationId}" is not usable: expected ${problem}`,
    hint: 'Pass the id that execute printed (e.g. mig-20261125-164653-7f3a); `status` without an id lists them.',
    exitCode: 2,
  });
}

/** The store for a migration: local under `journalDir`, else S3 in the backup bucket. */
export function openJournalStore(options: JournalLocationOptions): JournalStore {
  if (options.store !== undefined) return options.store;
  assertUsableId(options.migrationId);
  if (options.journalDir !== undefined) return createLocalJournalStore({ journalDir: options.journalDir, migrationId: options.migrationId });
  const s3 = options.s3 ?? createS3ClientForJournal(options.config);
  return createS3JournalStore({ ...s3LocationFromConfig(options.config), migrationId: options.migrationId, s3, ownsClient: options.s3 === undefined });
}

function journalFor(store: JournalStore, options: OpenJournalOptions, entries: JournalEntry[]): Journal {
  return new Journal({
    store,
    entries,
    clock: options.clock ?? systemClock,
    secrets: collectSecretValues(options.config),
    actorFor: options.actorFor ?? currentActor,
    leaseTtlMs: options.leaseTtlMs,
    heartbeatMs: options.heartbeatMs,
  });
}

/** Reads and verifies a migration's journal; refuses a missing journal, a broken chain, or (by default) a changed config. */
export async function openJournal(options: OpenJournalOptions): Promise<Journal> {
  const store = openJournalStore(options);
  try {
    // The head first: a writer writes an entry before the head naming it, so entries read after the head always
    // reach at least as far (reading them first would race with a concurrent append and look like a removed entry).
    const head = await store.readHead();
    const raws = await store.readEntries();
    if (raws.length === 0) throw await notFound(store, options);
    const verify = { migrationId: store.migrationId, location: store.location, tornWritesPossible: store.tornWritesPossible, where: store.where };
    const entries = verifyChain(raws, verify);
    verifyHead(entries, head, { ...verify, headWhere: store.headWhere });
    const journal = journalFor(store, options, entries);
    if (options.allowConfigChange !== true) assertSameConfig(journal.created(), options.config);
    return journal;
  } catch (error) {
    store.close();
    throw error;
  }
}

async function notFound(store: JournalStore, options: JournalLocationOptions): Promise<MigrationError> {
  let others: string[] | undefined;
  try {
    others = await listMigrations(options);
  } catch {
    others = undefined;
  }
  const elsewhere =
    options.journalDir === undefined
      ? 'If it was started with --journal-dir, pass the same --journal-dir.'
      : 'If it was started without --journal-dir, its journal is in the backup bucket: leave --journal-dir out.';
  const there = others === undefined ? '' : others.length === 0 ? ' No migrations are journaled there.' : ` Migrations journaled there: ${others.join(', ')}.`;
  return new MigrationError({
    code: 'STATE',
    message: `no journal for migration ${store.migrationId} at ${store.location}`,
    hint: `Check --migration-id.${there} ${elsewhere}`,
    exitCode: 1,
  });
}

/** True when the migration has a journal (entry 1 exists) where `options` point. */
export async function journalExists(options: JournalLocationOptions): Promise<boolean> {
  const store = openJournalStore(options);
  try {
    return await store.exists();
  } finally {
    store.close();
  }
}

/** Ids of the migrations journaled where `options` point (`--journal-dir`, else the backup bucket), sorted. */
export async function listMigrations(options: Omit<JournalLocationOptions, 'migrationId' | 'store'>): Promise<string[]> {
  if (options.journalDir !== undefined) return listLocalMigrations(options.journalDir);
  const s3 = options.s3 ?? createS3ClientForJournal(options.config);
  try {
    return await listS3Migrations(s3, s3LocationFromConfig(options.config));
  } finally {
    if (options.s3 === undefined) s3.destroy();
  }
}

/**
 * Starts the journal of a new migration: takes the lease for `options.command`, then writes entry 1
 * (`migration.created`: tool version, config digest and redacted config, plan, precheck report, who). Refuses an
 * id that already has a journal. The returned journal holds the lease; release it (or `close()`) when done.
 */
export async function createJournal(options: CreateJournalOptions): Promise<Journal> {
  const store = openJournalStore(options);
  let journal: Journal | undefined;
  try {
    const exists = () =>
      new MigrationError({
        code: 'STATE',
        message: `migration ${store.migrationId} already exists (${store.where(1)})`,
        hint: `Continue it with \`resume --migration-id ${store.migrationId}\`, or leave --migration-id out to start a new one.`,
        exitCode: 1,
      });
    if (await store.exists()) throw exists();
    journal = journalFor(store, options, []);
    const lease = await journal.acquireLease(options.command);
    if (await store.exists()) throw exists(); // created by another process just before we took the lease
    await journal.writeFirstEntry({
      kind: 'migration.created',
      formatVersion: JOURNAL_FORMAT_VERSION,
      toolVersion: options.toolVersion,
      configDigest: configDigest(options.config),
      config: redactConfig(options.config),
      plan: toJsonValue(options.plan, 'the plan'),
      precheck: options.precheck === undefined ? null : toJsonValue(options.precheck, 'the precheck report'),
      createdBy: lease.holder,
    });
    return journal;
  } catch (error) {
    if (journal !== undefined) await journal.release();
    store.close();
    throw error;
  }
}
