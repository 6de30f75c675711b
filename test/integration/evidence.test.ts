/**
 * Against the running test bed's S3 (moto): the evidence bundle goes to the Object Lock bucket (kb-evidence) with
 * COMPLIANCE retention until now + evidence.retention, both objects, and verifies after download; with retention set
 * on a bucket without Object Lock (kb-backup) nothing is written.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { isMigrationError, type MigrationError } from '../../engine/errors.js';
import {
  buildEvidenceBundle,
  createEvidenceS3Client,
  generateSigningKey,
  uploadEvidence,
  verifyEvidenceBundle,
  type BuiltEvidence,
} from '../../engine/evidence/index.js';
import { configVariant } from '../support/config-variant.js';
import { ENV_FILE, MIGRATION_CONFIG_FILE } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const RUN = `evidence-it-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const DAY_MS = 24 * 60 * 60 * 1000;

let config: MigrationConfig;
let s3: S3Client;
const variants: string[] = [];
const backupPrefixes: Array<{ bucket: string; prefix: string }> = [];

beforeAll(async () => {
  if (existsSync(ENV_FILE)) {
    for (const [key, value] of Object.entries(loadTestbedEnv())) process.env[key] ??= value;
  }
  const loaded = await loadConfig(MIGRATION_CONFIG_FILE, process.env);
  config = { ...loaded, evidence: { ...loaded.evidence, s3Prefix: `it/${RUN}` } };
  s3 = createEvidenceS3Client(config, process.env);
});

afterAll(async () => {
  for (const file of variants) rmSync(path.dirname(file), { recursive: true, force: true });
  if (s3 === undefined) return;
  // Objects without a lock can be removed; the locked ones in kb-evidence stay until their 1-day retention ends.
  for (const { bucket, prefix } of backupPrefixes) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key as string }));
    if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
  s3.destroy();
});

function sampleBundle(migrationId: string): BuiltEvidence {
  return buildEvidenceBundle(
    {
      plan: { migration_id: migrationId, topics: 3 },
      cutover: { freeze_started_at: '2026-11-25T12:00:00Z', freeze_ended_at: '2026-11-25T12:00:30Z' },
      validation: { outcome: 'PASSED' },
    },
    {
      toolVersion: '0.1.0',
      migrationId,
      clusters: { source: config.source.clusterArn ?? null, target: config.target.clusterArn ?? null },
      startedAt: '2026-11-25T10:00:00Z',
      finishedAt: '2026-11-25T13:00:00Z',
      signingKey: generateSigningKey(),
      secrets: [process.env['SCRAM_PASSWORD'] ?? '', process.env['AWS_SECRET_ACCESS_KEY'] ?? ''],
    },
  );
}

async function text(bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToString('utf8')) ?? '';
}

describe('uploadEvidence to the test bed', () => {
  it('writes bundle and public key to the Object Lock bucket with COMPLIANCE retention until now + evidence.retention', async () => {
    expect(config.evidence.s3Bucket).toBe('kb-evidence');
    expect(config.evidence.retentionMs).toBe(DAY_MS);
    const migrationId = `mig-${randomBytes(4).toString('hex')}`;
    const built = sampleBundle(migrationId);
    const before = Date.now();
    const uploaded = await uploadEvidence(built, { config, migrationId, s3 });
    const after = Date.now();
    expect(uploaded.bundleKey).toBe(`it/${RUN}/${migrationId}/evidence-bundle.json`);
    expect(uploaded.publicKeyKey).toBe(`it/${RUN}/${migrationId}/public-key.pem`);
    expect(uploaded.retention?.mode).toBe('COMPLIANCE');

    for (const key of [uploaded.bundleKey, uploaded.publicKeyKey]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'kb-evidence', Key: key }));
      expect(head.ObjectLockMode).toBe('COMPLIANCE');
      const until = head.ObjectLockRetainUntilDate?.getTime() ?? 0;
      // S3 keeps the date to the second.
      expect(until).toBeGreaterThanOrEqual(Math.floor((before + DAY_MS) / 1000) * 1000);
      expect(until).toBeLessThanOrEqual(after + DAY_MS + 1000);
    }

    const bundleText = await text('kb-evidence', uploaded.bundleKey);
    const publicKeyPem = await text('kb-evidence', uploaded.publicKeyKey);
    expect(bundleText).toBe(built.bundle);
    expect(publicKeyPem).toBe(built.publicKeyPem);
    const report = verifyEvidenceBundle(bundleText, { publicKeyPem });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses a bucket without Object Lock when retention is set, before writing anything', async () => {
    const file = configVariant(MIGRATION_CONFIG_FILE, (block) => {
      block['evidence'] = { s3_bucket: 'kb-backup', s3_prefix: `it/${RUN}/no-lock`, retention: '7d' };
    });
    variants.push(file);
    const variant = await loadConfig(file, process.env);
    backupPrefixes.push({ bucket: 'kb-backup', prefix: `it/${RUN}/` });
    const migrationId = `mig-${randomBytes(4).toString('hex')}`;
    let caught: unknown;
    try {
      await uploadEvidence(sampleBundle(migrationId), { config: variant, migrationId, s3 });
    } catch (error) {
      caught = error;
    }
    expect(isMigrationError(caught)).toBe(true);
    const error = caught as MigrationError;
    expect(error.code).toBe('STORAGE');
    expect(error.message).toBe(
      'evidence.retention is set but the evidence bucket s3://kb-backup does not have S3 Object Lock enabled; nothing was written',
    );
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'kb-backup', Prefix: `it/${RUN}/no-lock/` }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('without retention, the same bucket takes the evidence with no lock', async () => {
    const file = configVariant(MIGRATION_CONFIG_FILE, (block) => {
      block['evidence'] = { s3_bucket: 'kb-backup', s3_prefix: `it/${RUN}/unlocked` };
    });
    variants.push(file);
    const variant = await loadConfig(file, process.env);
    expect(variant.evidence.retentionMs).toBeUndefined();
    const migrationId = `mig-${randomBytes(4).toString('hex')}`;
    const uploaded = await uploadEvidence(sampleBundle(migrationId), { config: variant, migrationId, s3 });
    expect(uploaded.retention).toBeUndefined();
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'kb-backup', Key: uploaded.bundleKey }));
    expect(head.ObjectLockMode).toBeUndefined();
    expect(verifyEvidenceBundle(await text('kb-backup', uploaded.bundleKey)).ok).toBe(true);
  });
});
