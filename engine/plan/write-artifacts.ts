/**
 * The plan's one I/O helper, kept apart from the pure parts: writes rendered artifacts into a folder, all or
 * nothing. It refuses when any file is already there (unless `force`), writes every file to a temporary name in the
 * same folder, then renames them into place, so no file is ever seen half-written.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MigrationError } from '../errors.js';

export interface WriteArtifactsOptions {
  /** Replace files that exist (`--force`). */
  readonly force?: boolean;
}

/** Returns the paths written, in the order of `files`. */
export async function writePlanArtifacts(
  files: Readonly<Record<string, string>>,
  outDir: string,
  options: WriteArtifactsOptions = {},
): Promise<string[]> {
  const names = Object.keys(files);
  for (const name of names) {
    if (name === '' || basename(name) !== name || name === '.' || name === '..') {
      throw new MigrationError({ code: 'INTERNAL', message: `artifact name "${name}" is not a plain file name` });
    }
  }
  await mkdir(outDir, { recursive: true });

  if (options.force !== true) {
    const existing: string[] = [];
    for (const name of names) {
      if (await exists(join(outDir, name))) existing.push(name);
    }
    if (existing.length > 0) {
      throw new MigrationError({
        code: 'USAGE',
        message: `${outDir} already holds ${existing.join(', ')}; nothing was written`,
        hint: 'Pass --force to replace them, or choose another --out-dir.',
      });
    }
  }

  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: Array<{ temp: string; final: string }> = [];
  try {
    for (const name of names) {
      const temp = join(outDir, `.${name}.${tag}.tmp`);
      const final = join(outDir, name);
      await writeFile(temp, files[name] as string, { mode: name.endsWith('.sh') ? 0o755 : 0o644, flag: 'wx' });
      staged.push({ temp, final });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw new MigrationError({
      code: 'STORAGE',
      message: `could not write the plan artifacts into ${outDir}: ${(error as Error).message}`,
      hint: 'Check that the folder is writable and has space; nothing was written.',
      cause: error,
    });
  }
  for (const { temp, final } of staged) await rename(temp, final);
  return staged.map(({ final }) => final);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
