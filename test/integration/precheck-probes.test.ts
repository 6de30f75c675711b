/**
 * The precheck's storage probes against the running test bed's moto (S3 with an Object Lock evidence bucket, and KMS
 * with the backup channel's key): success, a missing bucket, an unreachable endpoint, a missing KMS key, a bucket
 * without Object Lock for retained evidence, and no probe object (or object version) left behind.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ListObjectVersionsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { createKmsClient } from '../../engine/aws/kms-client.js';
import { createS3Client } from '../../engine/aws/s3-client.js';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { evaluatePrecheck, runStorageProbes, renderPrecheckLines, type Probes } from '../../engine/precheck/index.js';
import { loadTestbedEnv, type TestbedEnv } from '../testbed/testbed-env.js';
import { makeInventory } from '../unit/precheck/builders.js';

const FAST = { maxAttempts: 1, connectionTimeoutMs: 2_000, requestTimeoutMs: 10_000 } as const;

let env: TestbedEnv;
let config: MigrationConfig;
let s3: S3Client;

beforeAll(async () => {
  env = loadTestbedEnv();
  config = await loadConfig(join(process.cwd(), '.testbed', 'migration.yaml'), { ...process.env, ...env });
  s3 = createS3Client(config.aws);
});

afterAll(() => s3?.destroy());

async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((item) => item.Key ?? '');
}

async function versionsUnder(bucket: string, prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }));
  return [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])].map((item) => `${item.Key ?? ''}@${item.VersionId ?? ''}`);
}

function ids(): { probeId: () => string; made: string[] } {
  const made: string[] = [];
  return {
    made,
    probeId: () => {
      const id = `it-${randomUUID()}`;
      made.push(id);
      return id;
    },
  };
}

describe('storage probes against the test bed', () => {
  it('pass for the bed config (SSE-KMS on the backup bucket, Object Lock on the evidence bucket) and leave nothing behind', async () => {
    expect(config.backup.kmsKeyArn).toBe(env.KMS_KEY_ARN);
    expect(config.evidence.retentionMs).toBeGreaterThan(0);
    const { probeId, made } = ids();
    const probes = await runStorageProbes(config, { ...FAST, probeId });
    expect(probes).toEqual({ backupBucket: { ok: true }, evidenceBucket: { ok: true }, kmsKey: { ok: true } });
    expect(made).toHaveLength(2);
    expect(await keysUnder(env.BACKUP_BUCKET, `${config.backup.s3Prefix}/.precheck/`)).toEqual([]);
    expect(await keysUnder(env.EVIDENCE_BUCKET, `${config.evidence.s3Prefix}/.precheck/`)).toEqual([]);
    // The evidence bucket is versioned (Object Lock): the probe deleted its version, not just hid it.
    expect((await versionsUnder(env.EVIDENCE_BUCKET, `${config.evidence.s3Prefix}/.precheck/`)).filter((key) => made.some((id) => key.includes(id)))).toEqual([]);

    const report = evaluatePrecheck(makeInventory(), { ...config, source: { ...config.source, auth: { mode: 'plaintext' } } }, probes);
    expect(report.findings.filter((item) => ['B07', 'B08', 'B18', 'W03', 'W12', 'W13'].includes(item.code))).toEqual([]);
  });

  it('report a missing backup bucket as "does not exist" (B07)', async () => {
    const bucket = `kb-missing-${randomUUID().slice(0, 8)}`;
    const missing = { ...config, backup: { ...config.backup, s3Bucket: bucket } };
    const probes = await runStorageProbes(missing, { ...FAST, skipKms: 'not under test' });
    expect(probes.backupBucket).toEqual({ ok: false, error: `bucket ${bucket} does not exist (HeadBucket at ${env.S3_ENDPOINT} answered 404)` });
    expect(probes.evidenceBucket).toEqual({ ok: true });
    const report = evaluatePrecheck(makeInventory(), missing, probes);
    expect(renderPrecheckLines(report)).toContain(`B07 blocker: backup bucket s3://${bucket}/migrations is not usable: bucket ${bucket} does not exist`);
    expect(report.passed).toBe(false);
  });

  it('report an unreachable S3 and KMS endpoint', async () => {
    const dead = 'http://127.0.0.1:1';
    const probes = await runStorageProbes(
      { ...config, aws: { ...config.aws, endpoints: { ...config.aws.endpoints, s3: dead, kms: dead } } },
      FAST,
    );
    expect(probes.backupBucket).toEqual({ ok: false, error: `S3 endpoint ${dead} unreachable (ECONNREFUSED)` });
    expect(probes.evidenceBucket).toEqual({ ok: false, error: `S3 endpoint ${dead} unreachable (ECONNREFUSED)` });
    expect(probes.kmsKey).toEqual({ ok: false, error: `KMS endpoint ${dead} unreachable (ECONNREFUSED)` });
  });

  it('report a missing KMS key (B18), and the SSE-KMS write with it fails or is cleaned up', async () => {
    const keyArn = `arn:aws:kms:${env.AWS_REGION}:123456789012:key/${randomUUID()}`;
    const { probeId } = ids();
    const probes = await runStorageProbes({ ...config, backup: { ...config.backup, kmsKeyArn: keyArn } }, { ...FAST, probeId });
    expect(probes.kmsKey).toEqual({ ok: false, error: `key ${keyArn} does not exist (kms:DescribeKey at ${env.KMS_ENDPOINT}: NotFoundException)` });
    // Real S3 refuses an SSE-KMS write with a missing key; moto accepts it. Either way nothing may stay behind.
    if (probes.backupBucket.ok === false) expect(probes.backupBucket.error).toContain('SSE-KMS');
    const report = evaluatePrecheck(makeInventory(), { ...config, backup: { ...config.backup, kmsKeyArn: keyArn } }, probes);
    expect(report.findings.find((item) => item.code === 'B18')?.subject).toBe(keyArn);
    expect(await keysUnder(env.BACKUP_BUCKET, `${config.backup.s3Prefix}/.precheck/`)).toEqual([]);
  });

  it('report a disabled KMS key', async () => {
    const kms = createKmsClient(config.aws, env.KMS_KEY_ARN);
    try {
      const created = await kms.send(new CreateKeyCommand({ Description: 'precheck-probes test: disabled key' }));
      const keyArn = created.KeyMetadata?.Arn ?? '';
      const keyId = created.KeyMetadata?.KeyId ?? '';
      await kms.send(new DisableKeyCommand({ KeyId: keyId })); // moto's DisableKey takes the id, not the ARN
      const probes = await runStorageProbes({ ...config, backup: { ...config.backup, kmsKeyArn: keyArn } }, { ...FAST, skipBuckets: 'not under test' });
      expect(probes.kmsKey).toEqual({ ok: false, error: `key ${keyArn} is Disabled, not Enabled` });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    } finally {
      kms.destroy();
    }
  });

  it('write the backup probe with SSE-KMS under the configured key, and the evidence probe without', async () => {
    const client = createS3Client(config.aws);
    const puts: Array<{ bucket: string; sse?: string; key?: string }> = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') {
          const input = args.input as { Bucket: string; ServerSideEncryption?: string; SSEKMSKeyId?: string };
          puts.push({ bucket: input.Bucket, ...(input.ServerSideEncryption === undefined ? {} : { sse: input.ServerSideEncryption }), ...(input.SSEKMSKeyId === undefined ? {} : { key: input.SSEKMSKeyId }) });
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordPuts' },
    );
    try {
      const probes = await runStorageProbes(config, { ...FAST, s3: client, skipKms: 'not under test' });
      expect(probes.backupBucket).toEqual({ ok: true });
      expect(puts.sort((a, b) => a.bucket.localeCompare(b.bucket))).toEqual([
        { bucket: env.BACKUP_BUCKET, sse: 'aws:kms', key: env.KMS_KEY_ARN },
        { bucket: env.EVIDENCE_BUCKET },
      ]);
    } finally {
      client.destroy();
    }
  });

  it('report retained evidence in a bucket without Object Lock (B08)', async () => {
    const probes = await runStorageProbes(
      { ...config, evidence: { ...config.evidence, s3Bucket: env.BACKUP_BUCKET } },
      { ...FAST, skipKms: 'not under test' },
    );
    expect(probes.evidenceBucket).toEqual({
      ok: false,
      error: `evidence.retention is set, which needs S3 Object Lock, but bucket ${env.BACKUP_BUCKET} does not have Object Lock enabled (it can only be enabled on a versioned bucket)`,
    });
  });

  it('skip what it is told to skip (W12, W03)', async () => {
    const probes: Probes = await runStorageProbes(config, { skipBuckets: 'offline run', skipKms: 'offline run' });
    expect(probes).toEqual({
      backupBucket: { ok: 'skipped', reason: 'offline run' },
      evidenceBucket: { ok: 'skipped', reason: 'offline run' },
      kmsKey: { ok: 'skipped', reason: 'offline run' },
    });
    const codes = evaluatePrecheck(makeInventory(), config, probes).findings.map((item) => item.code);
    expect(codes.filter((code) => code === 'W12' || code === 'W03')).toEqual(['W03', 'W12', 'W12']);
  });

  it('put the probe object under <prefix>/.precheck/ at the bucket root when the prefix is empty', async () => {
    const { probeId, made } = ids();
    const probes = await runStorageProbes({ ...config, backup: { ...config.backup, s3Prefix: '' } }, { ...FAST, probeId, skipKms: 'not under test' });
    expect(probes.backupBucket).toEqual({ ok: true });
    expect(made[0]).toBeDefined();
    expect(await keysUnder(env.BACKUP_BUCKET, '.precheck/')).toEqual([]);
  });
});
