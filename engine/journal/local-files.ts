/** File primitives for the local journal: exclusive create (write, fsync, link), atomic replace, directory fsync. */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MigrationError } from '../errors.js';

export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function tempPath(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a directory so that a new or renamed name in it survives a crash (best effort where unsupported). */
export async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some filesystems do not allow fsync on a directory; the data itself was synced.
  } finally {
    await handle?.close();
  }
}

/**
 * Creates `path` with `text` only if it does not exist, and only ever in full: the content is written and synced
 * to a temp file first, then `link()`ed to its name, which fails when the name exists. False when it existed.
 */
export async function createExclusive(path: string, text: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPath(path, 'new');
  await writeSynced(temp, text);
  try {
    await link(temp, path);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dirname(path));
  return true;
}

/** Replaces `path` with `text` atomically (temp file, fsync, rename). */
export async function replaceAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPath(path, 'replace');
  await writeSynced(temp, text);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** A path beside `path` for moving it aside under a unique name. */
export function asidePath(path: string, purpose: string): string {
  return tempPath(path, purpose);
}

export function localStorageError(action: string, path: string, error: unknown): MigrationError {
  const code = errnoCode(error);
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
  return new MigrationError({
    code: 'STORAGE',
    message: `could not ${action} ${path}: ${reason}`,
    hint: code === 'EACCES' || code === 'EPERM' ? 'Check the permissions of --journal-dir for the user running the command.' : 'Check --journal-dir and the disk, then run the command again.',
    retriable: code !== 'EACCES' && code !== 'EPERM',
    cause: error,
  });
}
