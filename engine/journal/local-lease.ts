/**
 * The lease as a local file, `<dir>/<migration-id>/lease.json`. Every write is conditional:
 * - create: written in full to a temp file, then `link()`ed to the name (fails if it exists);
 * - renew: the holder opens the file, checks its token in it, rewrites it in place through the same descriptor and
 *   checks the name still points at that file (a takeover moves it aside first);
 * - take over (expired only): the file is renamed aside (one rename wins), its content compared with what was
 *   read as expired; if equal the new lease is created exclusively, else the moved file is put back;
 * - release: renamed aside, removed if it holds the holder's token, else put back.
 */
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { MigrationError } from '../errors.js';
import { asidePath, createExclusive, errnoCode, localStorageError } from './local-files.js';
import { leaseText, parseLeaseRecord, type LeaseBackend, type LeaseRecord, type LeaseWrite, type StoredLease } from './lease-record.js';

const READ_ATTEMPTS = 4;
const RETRY_DELAY_MS = 15;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createLocalLeaseBackend(path: string): LeaseBackend {
  async function readText(file: string): Promise<string | undefined> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw localStorageError('read the lease file', file, error);
    }
  }

  async function read(): Promise<StoredLease | undefined> {
    let text: string | undefined;
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt += 1) {
      text = await readText(path);
      if (text === undefined) return undefined;
      const record = parseLeaseRecord(text);
      if (record !== undefined) return { record, version: text };
      await delay(RETRY_DELAY_MS); // a renewal may be rewriting it this instant
    }
    throw new MigrationError({
      code: 'STORAGE',
      message: `the lease file ${path} is not a lease record (${JSON.stringify((text ?? '').slice(0, 80))})`,
      hint: `If no kafka-backup process works on this migration (check with ps on every host that runs it), delete ${path} and run the command again.`,
    });
  }

  async function create(record: LeaseRecord): Promise<LeaseWrite> {
    const text = leaseText(record);
    try {
      return (await createExclusive(path, text)) ? { ok: true, version: text } : { ok: false };
    } catch (error) {
      throw localStorageError('create the lease file', path, error);
    }
  }

  async function renew(current: StoredLease, next: LeaseRecord): Promise<LeaseWrite> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt += 1) {
      let handle;
      try {
        handle = await open(path, 'r+');
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw localStorageError('renew the lease in', path, error);
        await delay(RETRY_DELAY_MS); // moved aside for a moment by a takeover check or a release
        continue;
      }
      try {
        const text = (await handle.readFile('utf8')) as string;
        const onDisk = parseLeaseRecord(text);
        if (onDisk === undefined) {
          await delay(RETRY_DELAY_MS);
          continue;
        }
        if (onDisk.token !== current.record.token) return { ok: false };
        const nextText = leaseText(next);
        await handle.write(nextText, 0, 'utf8');
        await handle.truncate(Buffer.byteLength(nextText));
        await handle.sync();
        const [mine, named] = await Promise.all([handle.stat(), stat(path).catch(() => undefined)]);
        if (named === undefined || named.ino !== mine.ino || named.dev !== mine.dev) return { ok: false };
        return { ok: true, version: nextText };
      } finally {
        await handle.close();
      }
    }
    return { ok: false };
  }

  /** Moves the lease aside, returns what it held; undefined when there was none. */
  async function moveAside(purpose: string): Promise<{ aside: string; text: string } | undefined> {
    const aside = asidePath(path, purpose);
    try {
      await rename(path, aside);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw localStorageError('move aside the lease file', path, error);
    }
    return { aside, text: (await readText(aside)) ?? '' };
  }

  /** Puts a moved lease back unless a new one appeared meanwhile, then forgets the moved copy. */
  async function putBack(aside: string): Promise<void> {
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  }

  async function takeOver(expired: StoredLease, next: LeaseRecord): Promise<LeaseWrite> {
    const moved = await moveAside('takeover');
    if (moved === undefined) return { ok: false };
    if (moved.text !== expired.version) {
      await putBack(moved.aside);
      return { ok: false };
    }
    await unlink(moved.aside).catch(() => undefined);
    return create(next);
  }

  async function release(current: StoredLease): Promise<boolean> {
    const moved = await moveAside('release');
    if (moved === undefined) return false;
    if (parseLeaseRecord(moved.text)?.token !== current.record.token) {
      await putBack(moved.aside);
      return false;
    }
    await unlink(moved.aside).catch(() => undefined);
    return true;
  }

  return { where: path, create, read, renew, takeOver, release };
}
