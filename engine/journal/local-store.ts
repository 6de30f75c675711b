/**
 * The journal on local disk, under `--journal-dir`:
 *   <dir>/<migration-id>/journal/00000001.json ...  one entry per file, created exclusively (temp file, fsync, link)
 *   <dir>/<migration-id>/journal/head.json          last entry written (seq and hash)
 *   <dir>/<migration-id>/lease.json                 the writer's lease
 *   <dir>/<migration-id>/...                        other artifacts of the migration
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { headText, type JournalHead, type RawEntry } from './hash-chain.js';
import { createExclusive, errnoCode, localStorageError, replaceAtomically } from './local-files.js';
import { createLocalLeaseBackend } from './local-lease.js';
import { entryFileName, HEAD_FILE, JOURNAL_FOLDER, LEASE_FILE, seqOfName, type JournalStore } from './store.js';

export interface LocalStoreOptions {
  readonly journalDir: string;
  readonly migrationId: string;
}

/** `<dir>/<migration-id>`: the migration's folder for the journal, the lease and other artifacts. */
export function localMigrationDir(journalDir: string, migrationId: string): string {
  return join(resolve(journalDir), migrationId);
}

export function createLocalJournalStore(options: LocalStoreOptions): JournalStore {
  const migrationDir = localMigrationDir(options.journalDir, options.migrationId);
  const folder = join(migrationDir, JOURNAL_FOLDER);
  const headPath = join(folder, HEAD_FILE);
  const where = (seq: number): string => join(folder, entryFileName(seq));

  async function names(): Promise<string[]> {
    try {
      return await readdir(folder);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return [];
      throw localStorageError('list the journal folder', folder, error);
    }
  }

  return {
    kind: 'local',
    migrationId: options.migrationId,
    location: folder,
    tornWritesPossible: true,
    where,
    headWhere: headPath,
    lease: createLocalLeaseBackend(join(migrationDir, LEASE_FILE)),

    async exists() {
      try {
        await stat(where(1));
        return true;
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') return false;
        throw localStorageError('read', where(1), error);
      }
    },

    async readEntries() {
      const entries: RawEntry[] = [];
      for (const name of await names()) {
        const seq = seqOfName(name);
        if (seq === undefined) continue;
        const path = join(folder, name);
        try {
          entries.push({ seq, where: path, text: await readFile(path, 'utf8') });
        } catch (error) {
          throw localStorageError('read journal entry', path, error);
        }
      }
      return entries.sort((a, b) => a.seq - b.seq);
    },

    async createEntry(seq, text) {
      try {
        return await createExclusive(where(seq), text);
      } catch (error) {
        throw localStorageError('write journal entry', where(seq), error);
      }
    },

    async readHead() {
      try {
        return await readFile(headPath, 'utf8');
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') return undefined;
        throw localStorageError('read the journal head', headPath, error);
      }
    },

    async writeHead(head: JournalHead) {
      try {
        await replaceAtomically(headPath, headText(head));
      } catch (error) {
        throw localStorageError('write the journal head', headPath, error);
      }
    },

    close() {},
  };
}

/** Migration ids with a journal under `journalDir` (folders holding `journal/00000001.json`), sorted. */
export async function listLocalMigrations(journalDir: string): Promise<string[]> {
  const root = resolve(journalDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw localStorageError('list', root, error);
  }
  const found: string[] = [];
  for (const name of names) {
    try {
      await stat(join(root, name, JOURNAL_FOLDER, entryFileName(1)));
      found.push(name);
    } catch {
      // not a migration folder
    }
  }
  return found.sort();
}
