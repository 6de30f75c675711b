/**
 * How the storage probes classify failures, with a scripted client standing in for S3 / KMS (the integration test
 * runs them against moto). Each script maps a command name to a result or an error to throw.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { probeBucket, probeKmsKey, probeObjectKey, type BucketProbeTarget } from '../../../engine/precheck/index.js';

type Input = Record<string, unknown>;
type Script = Record<string, ((input: Input) => unknown) | Error | Record<string, unknown>>;

function awsError(name: string, status: number, message = name, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, ...extra });
}

function scripted(script: Script): { client: S3Client & KMSClient; calls: Array<{ command: string; input: Record<string, unknown> }> } {
  const calls: Array<{ command: string; input: Record<string, unknown> }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push({ command: name, input: command.input });
      const step = script[name];
      const outcome = typeof step === 'function' ? (step as (input: Record<string, unknown>) => unknown)(command.input) : step;
      if (outcome instanceof Error) throw outcome;
      return outcome ?? {};
    },
  };
  return { client: client as unknown as S3Client & KMSClient, calls };
}

const target: BucketProbeTarget = { bucket: 'kb-backup', prefix: 'migrations', id: 'probe-1', where: 'https://s3.example', readBack: true };
const body = (input: Record<string, unknown>) => ({ Body: { transformToString: async () => String(input.Body ?? '') } });

describe('probeBucket', () => {
  it('writes, reads back and deletes the probe object under <prefix>/.precheck/', async () => {
    let written = '';
    const { client, calls } = scripted({
      PutObject: (input) => ((written = String(input.Body)), { VersionId: 'v1' }),
      GetObject: () => body({ Body: written }),
    });
    expect(await probeBucket(client, target)).toEqual({ ok: true });
    expect(calls.map((call) => call.command)).toEqual(['HeadBucket', 'PutObject', 'GetObject', 'DeleteObject']);
    expect(calls[1]?.input.Key).toBe('migrations/.precheck/probe-1');
    expect(calls[3]?.input).toEqual({ Bucket: 'kb-backup', Key: 'migrations/.precheck/probe-1', VersionId: 'v1' });
    expect(probeObjectKey('', 'x')).toBe('.precheck/x');
  });
  it('asks for SSE-KMS when a key is given', async () => {
    let written = '';
    const { client, calls } = scripted({ PutObject: (input) => ((written = String(input.Body)), {}), GetObject: () => body({ Body: written }) });
    await probeBucket(client, { ...target, kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' });
    expect(calls[1]?.input).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k' });
  });
  it('goes on past a denied HeadBucket (no s3:ListBucket) and passes when the write works', async () => {
    let written = '';
    const { client } = scripted({ HeadBucket: awsError('Forbidden', 403), PutObject: (input) => ((written = String(input.Body)), {}), GetObject: () => body({ Body: written }) });
    expect(await probeBucket(client, target)).toEqual({ ok: true });
  });
  it('says when both HeadBucket and PutObject are denied', async () => {
    const { client, calls } = scripted({ HeadBucket: awsError('Forbidden', 403), PutObject: awsError('AccessDenied', 403, 'Access Denied') });
    expect(await probeBucket(client, target)).toEqual({
      ok: false,
      error: 's3:PutObject on s3://kb-backup/migrations/.precheck/probe-1 was denied; HeadBucket (s3:ListBucket) was denied too',
    });
    expect(calls.map((call) => call.command)).not.toContain('DeleteObject'); // nothing was written
  });
  it('names the region of a bucket in another region', async () => {
    const { client } = scripted({ HeadBucket: awsError('301', 301, '', { $response: { headers: { 'x-amz-bucket-region': 'eu-west-1' } } }) });
    expect(await probeBucket(client, target)).toEqual({ ok: false, error: 'bucket kb-backup is in region eu-west-1, not the one the client uses; set aws.region to eu-west-1' });
  });
  it('reports missing credentials and a missing region plainly', async () => {
    const noCredentials = scripted({ HeadBucket: Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }) });
    expect(await probeBucket(noCredentials.client, target)).toEqual({ ok: false, error: expect.stringMatching(/^no AWS credentials found/) });
    const noRegion = scripted({ HeadBucket: new Error('Region is missing') });
    expect(await probeBucket(noRegion.client, target)).toEqual({ ok: false, error: 'no AWS region (set aws.region, or AWS_REGION)' });
  });
  it('reports a failed delete as a leftover of a writable bucket', async () => {
    let written = '';
    const { client } = scripted({
      PutObject: (input) => ((written = String(input.Body)), { VersionId: 'v9' }),
      GetObject: () => body({ Body: written }),
      DeleteObject: awsError('AccessDenied', 403),
    });
    expect(await probeBucket(client, target)).toEqual({
      ok: true,
      leftover: { key: 'migrations/.precheck/probe-1', error: 's3:DeleteObjectVersion was denied, or a default Object Lock retention protects it' },
    });
  });
  it('deletes the object even when reading it back fails, and reports the read', async () => {
    const { client, calls } = scripted({ GetObject: awsError('AccessDenied', 403) });
    const result = await probeBucket(client, target);
    expect(result).toEqual({ ok: false, error: 'the probe object was written but reading it back failed: s3:GetObject on s3://kb-backup/migrations/.precheck/probe-1 was denied' });
    expect(calls.at(-1)?.command).toBe('DeleteObject');
  });
  it('tries to delete after a write that timed out (it may have landed)', async () => {
    const { client, calls } = scripted({ PutObject: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    expect(await probeBucket(client, target)).toEqual({ ok: false, error: 'S3 endpoint https://s3.example unreachable during s3:PutObject (ECONNRESET)' });
    expect(calls.at(-1)?.command).toBe('DeleteObject');
  });
  it('checks Object Lock only when asked', async () => {
    const { client } = scripted({ GetObjectLockConfiguration: awsError('ObjectLockConfigurationNotFoundError', 404) });
    const result = await probeBucket(client, { ...target, readBack: false, needsObjectLock: true });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('does not have Object Lock enabled') });
  });
});

describe('probeKmsKey', () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/k';
  const plaintext = new Uint8Array([1, 2, 3]);
  it('passes for an enabled symmetric key that makes and opens a data key', async () => {
    const { client, calls } = scripted({
      DescribeKey: { KeyMetadata: { KeyState: 'Enabled', KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT' } },
      GenerateDataKey: () => ({ Plaintext: new Uint8Array(plaintext), CiphertextBlob: new Uint8Array([9]) }),
      Decrypt: () => ({ Plaintext: new Uint8Array(plaintext) }),
    });
    expect(await probeKmsKey(client, key, 'kms')).toEqual({ ok: true });
    expect(calls.map((call) => call.command)).toEqual(['DescribeKey', 'GenerateDataKey', 'Decrypt']);
  });
  it('refuses a key pending deletion and an asymmetric key', async () => {
    expect(await probeKmsKey(scripted({ DescribeKey: { KeyMetadata: { KeyState: 'PendingDeletion' } } }).client, key, 'kms')).toEqual({
      ok: false,
      error: `key ${key} is PendingDeletion, not Enabled`,
    });
    expect(await probeKmsKey(scripted({ DescribeKey: { KeyMetadata: { KeyState: 'Enabled', KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'RSA_2048' } } }).client, key, 'kms')).toEqual({
      ok: false,
      error: `key ${key} is RSA_2048; S3 SSE-KMS needs a symmetric (SYMMETRIC_DEFAULT) key`,
    });
  });
  it('goes on past a denied DescribeKey, and reports a denied GenerateDataKey', async () => {
    const { client } = scripted({
      DescribeKey: awsError('AccessDeniedException', 400, 'not authorized to perform: kms:DescribeKey'),
      GenerateDataKey: awsError('AccessDeniedException', 400, 'not authorized to perform: kms:GenerateDataKey'),
    });
    expect(await probeKmsKey(client, key, 'kms')).toEqual({
      ok: false,
      error: `kms:GenerateDataKey on ${key} was denied (AccessDeniedException: not authorized to perform: kms:GenerateDataKey)`,
    });
  });
  it('reports a denied Decrypt', async () => {
    const { client } = scripted({
      GenerateDataKey: () => ({ Plaintext: new Uint8Array(plaintext), CiphertextBlob: new Uint8Array([9]) }),
      Decrypt: awsError('AccessDeniedException', 400, 'denied'),
    });
    expect(await probeKmsKey(client, key, 'kms')).toEqual({ ok: false, error: `kms:Decrypt on ${key} was denied (AccessDeniedException: denied)` });
  });
});
