/** For `--journal-dir` runs: the bundle and its public key as files in a directory, each written whole (temp + rename). */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MigrationError } from '../errors.js';
import { EVIDENCE_BUNDLE_FILE, EVIDENCE_PUBLIC_KEY_FILE, type EvidenceToStore } from './upload.js';

export interface LocalEvidence {
  readonly bundlePath: string;
  readonly publicKeyPath: string;
}

export async function writeEvidenceLocally(evidence: EvidenceToStore, dir: string): Promise<LocalEvidence> {
  const bundlePath = path.join(dir, EVIDENCE_BUNDLE_FILE);
  const publicKeyPath = path.join(dir, EVIDENCE_PUBLIC_KEY_FILE);
  try {
    await mkdir(dir, { recursive: true });
    await writeWhole(publicKeyPath, evidence.publicKeyPem);
    await writeWhole(bundlePath, evidence.bundle);
  } catch (error) {
    throw new MigrationError({
      code: 'STORAGE',
      message: `could not write the evidence to ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      hint: 'Check that the directory is writable and has space, then run the command again.',
      cause: error,
    });
  }
  return { bundlePath, publicKeyPath };
}

async function writeWhole(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o644 });
  await rename(temp, file);
}
