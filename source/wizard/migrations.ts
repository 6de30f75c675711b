/** The migrations in a journal location (a local folder or the backup bucket), each with where it stands. */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../../engine/config/index.js';
import { listLocalMigrations, listS3Migrations, openJournal, s3LocationFromConfig, type JournalStateInfo } from '../../engine/journal/index.js';

export interface JournalPlace {
  /** A local folder, or undefined for the backup bucket. */
  readonly journalDir: string | undefined;
  readonly config: MigrationConfig;
  readonly s3: S3Client | undefined;
}

export interface KnownMigration {
  readonly migrationId: string;
  readonly state: JournalStateInfo | null;
  /** Why the state could not be read (another config's migration, a damaged journal ...). */
  readonly problem: string | null;
}

/** Reads the journal without the lease (as `status` does). */
export async function migrationState(place: JournalPlace, migrationId: string): Promise<JournalStateInfo> {
  const journal = await openJournal({ migrationId, journalDir: place.journalDir, config: place.config, s3: place.s3, allowConfigChange: true });
  try {
    return journal.state();
  } finally {
    await journal.close();
  }
}

export async function listMigrations(place: JournalPlace): Promise<KnownMigration[]> {
  const ids =
    place.journalDir !== undefined
      ? await listLocalMigrations(place.journalDir)
      : place.s3 === undefined
        ? []
        : await listS3Migrations(place.s3, s3LocationFromConfig(place.config));
  const known: KnownMigration[] = [];
  for (const migrationId of [...ids].sort().reverse()) {
    try {
      known.push({ migrationId, state: await migrationState(place, migrationId), problem: null });
    } catch (error) {
      known.push({ migrationId, state: null, problem: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) });
    }
  }
  return known;
}
