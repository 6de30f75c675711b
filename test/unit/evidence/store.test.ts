import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectLockConfigurationCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { evidenceKeys, uploadEvidence, verifyEvidenceBundle, writeEvidenceLocally } from '../../../engine/evidence/index.js';
import { isMigrationError } from '../../../engine/errors.js';
import { buildSample } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-evidence-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Records every command; answers GetObjectLockConfiguration as told. */
function fakeS3(lock: 'Enabled' | 'none' | 'denied') {
  const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
  const s3 = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command instanceof GetObjectLockConfigurationCommand) {
        if (lock === 'Enabled') return { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } };
        const error = new Error(lock === 'none' ? 'not found' : 'denied');
        error.name = lock === 'none' ? 'ObjectLockConfigurationNotFoundError' : 'AccessDenied';
        Object.assign(error, { $metadata: { httpStatusCode: lock === 'none' ? 404 : 403 } });
        throw error;
      }
      if (command instanceof PutObjectCommand) return { VersionId: `v${sent.length}` };
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  return { s3: s3 as unknown as S3Client, sent };
}

const evidence = (retentionMs?: number) => ({ evidence: { s3Bucket: 'ev', s3Prefix: '/audit/', retentionMs } });

describe('uploadEvidence', () => {
  it('checks Object Lock first, then puts the public key and the bundle with COMPLIANCE until now + retention', async () => {
    const { s3, sent } = fakeS3('Enabled');
    const now = new Date('2026-11-25T13:00:00.000Z');
    const built = buildSample();
    const result = await uploadEvidence(built, { config: evidence(7 * 86_400_000), migrationId: 'mig-1', s3, now: () => now });
    expect(sent.map((s) => s.name)).toEqual(['GetObjectLockConfigurationCommand', 'PutObjectCommand', 'PutObjectCommand']);
    expect(sent[1]?.input).toMatchObject({ Bucket: 'ev', Key: 'audit/mig-1/public-key.pem', Body: built.publicKeyPem, ObjectLockMode: 'COMPLIANCE' });
    expect(sent[2]?.input).toMatchObject({ Bucket: 'ev', Key: 'audit/mig-1/evidence-bundle.json', Body: built.bundle, ObjectLockMode: 'COMPLIANCE' });
    expect((sent[2]?.input['ObjectLockRetainUntilDate'] as Date).toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(result.retention).toEqual({ mode: 'COMPLIANCE', retainUntil: '2026-12-02T13:00:00.000Z' });
  });

  it('with retention on a bucket without Object Lock, or when the check is denied: an error and no PutObject', async () => {
    for (const lock of ['none', 'denied'] as const) {
      const { s3, sent } = fakeS3(lock);
      const error = await uploadEvidence(buildSample(), { config: evidence(86_400_000), migrationId: 'mig-1', s3 }).catch((e: unknown) => e);
      expect(isMigrationError(error)).toBe(true);
      expect((error as Error).message).toBe(
        lock === 'none'
          ? 'evidence.retention is set but the evidence bucket s3://ev does not have S3 Object Lock enabled; nothing was written'
          : 'could not read the Object Lock configuration of s3://ev: AccessDenied',
      );
      expect(sent.map((s) => s.name)).toEqual(['GetObjectLockConfigurationCommand']);
    }
  });

  it('without retention: no lock check, no lock headers; keys with an empty prefix', async () => {
    const { s3, sent } = fakeS3('none');
    await uploadEvidence(buildSample(), { config: evidence(undefined), migrationId: 'mig-1', s3 });
    expect(sent.map((s) => s.name)).toEqual(['PutObjectCommand', 'PutObjectCommand']);
    expect(sent[1]?.input['ObjectLockMode']).toBeUndefined();
    expect(evidenceKeys('', 'mig-2')).toEqual({ bundleKey: 'mig-2/evidence-bundle.json', publicKeyKey: 'mig-2/public-key.pem' });
  });
});

describe('writeEvidenceLocally', () => {
  it('writes evidence-bundle.json and public-key.pem whole, creating the directory; the files verify', async () => {
    const built = buildSample();
    const target = path.join(dir, 'journal', 'mig-1', 'evidence');
    const written = await writeEvidenceLocally(built, target);
    expect(readdirSync(target).sort()).toEqual(['evidence-bundle.json', 'public-key.pem']);
    const report = verifyEvidenceBundle(readFileSync(written.bundlePath, 'utf8'), { publicKeyPem: readFileSync(written.publicKeyPath, 'utf8') });
    expect(report.ok).toBe(true);
  });

  it('fails with a STORAGE error naming the directory when it cannot write', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const error = await writeEvidenceLocally(buildSample(), path.join(file, 'sub')).catch((e: unknown) => e);
    expect(isMigrationError(error) && error.code).toBe('STORAGE');
    expect((error as Error).message).toBe(`could not write the evidence to ${path.join(file, 'sub')}: ENOTDIR`);
  });
});
