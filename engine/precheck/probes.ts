/**
 * The precheck's I/O: it proves each S3 bucket accepts (and gives back) an object where the migration will write,
 * and that the backup channel's KMS key can make and open data keys. Everything it learns becomes `Probes`, which
 * `evaluatePrecheck` turns into findings. It writes one small object per bucket under `<prefix>/.precheck/` and always
 * deletes it again. Messages never carry credentials.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { DecryptCommand, DescribeKeyCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { MigrationConfig } from '../config/types.js';
import { createKmsClient, regionFromKmsKeyArn } from '../aws/kms-client.js';
import { createS3Client, type AwsClientOptions } from '../aws/s3-client.js';
import type { ProbeResult, Probes } from './probe-types.js';
import { errorName, httpStatus, isAccessDenied, isMissingCredentials, isMissingRegion, networkFailure, shortError } from './probe-errors.js';

export interface StorageProbeOptions extends AwsClientOptions {
  /** Use this S3 client instead of building one from the config (it is not closed afterwards). */
  readonly s3?: S3Client;
  /** Use this KMS client instead of building one from the config (it is not closed afterwards). */
  readonly kms?: KMSClient;
  /** Skip the bucket probes, with this reason (they report `skipped`). */
  readonly skipBuckets?: string;
  /** Skip the KMS probe, with this reason (precheck then reports W03). */
  readonly skipKms?: string;
  /** Name of the probe object under `<prefix>/.precheck/` (default: a random UUID). */
  readonly probeId?: () => string;
}

const NO_CREDENTIALS = 'no AWS credentials found (set aws.profile or AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an IAM role)';
const NO_REGION = 'no AWS region (set aws.region, or AWS_REGION)';

export async function runStorageProbes(config: MigrationConfig, options: StorageProbeOptions = {}): Promise<Probes> {
  const keyArn = config.backup.kmsKeyArn;
  const s3 = options.skipBuckets === undefined ? (options.s3 ?? createS3Client(config.aws, options)) : undefined;
  const kms = keyArn !== undefined && options.skipKms === undefined ? (options.kms ?? createKmsClient(config.aws, keyArn, options)) : undefined;
  const nextId = options.probeId ?? randomUUID;
  const s3Where = config.aws.endpoints.s3 ?? `the S3 endpoint of ${config.aws.region ?? 'the default region'}`;
  try {
    const skipped = (reason: string): ProbeResult => ({ ok: 'skipped', reason });
    const [backupBucket, evidenceBucket, kmsKey] = await Promise.all([
      s3 === undefined
        ? skipped(options.skipBuckets ?? 'skipped')
        : probeBucket(s3, {
            bucket: config.backup.s3Bucket,
            prefix: config.backup.s3Prefix,
            id: nextId(),
            where: s3Where,
            readBack: true,
            ...(keyArn === undefined ? {} : { kmsKeyArn: keyArn }),
          }),
      s3 === undefined
        ? skipped(options.skipBuckets ?? 'skipped')
        : probeBucket(s3, {
            bucket: config.evidence.s3Bucket,
            prefix: config.evidence.s3Prefix,
            id: nextId(),
            where: s3Where,
            readBack: false,
            needsObjectLock: config.evidence.retentionMs !== undefined,
          }),
      keyArn === undefined
        ? undefined
        : kms === undefined
          ? skipped(options.skipKms ?? 'skipped')
          : probeKmsKey(kms, keyArn, config.aws.endpoints.kms ?? `the KMS endpoint of ${regionFromKmsKeyArn(keyArn) ?? config.aws.region ?? 'the default region'}`),
    ]);
    return { backupBucket, evidenceBucket, ...(kmsKey === undefined ? {} : { kmsKey }) };
  } finally {
    if (s3 !== undefined && options.s3 === undefined) s3.destroy();
    if (kms !== undefined && options.kms === undefined) kms.destroy();
  }
}

export interface BucketProbeTarget {
  readonly bucket: string;
  /** Without leading or trailing slashes; may be empty. */
  readonly prefix: string;
  /** Name of the probe object under `<prefix>/.precheck/`. */
  readonly id: string;
  /** The endpoint, for messages. */
  readonly where: string;
  /** Write with SSE-KMS under this key (the backup channel's). */
  readonly kmsKeyArn?: string;
  /** Read the object back (the seed reads its segments back from the backup bucket). */
  readonly readBack: boolean;
  /** evidence.retention is set: the bucket must have S3 Object Lock enabled. */
  readonly needsObjectLock?: boolean;
}

/** The folder under each bucket's prefix where precheck writes (and deletes) its probe objects. */
export const PRECHECK_PROBE_DIR = '.precheck';

export function probeObjectKey(prefix: string, id: string): string {
  return prefix === '' ? `${PRECHECK_PROBE_DIR}/${id}` : `${prefix}/${PRECHECK_PROBE_DIR}/${id}`;
}

/** HeadBucket, PutObject (SSE-KMS when a key is given), GetObject when asked, and DeleteObject in every case. */
export async function probeBucket(s3: S3Client, target: BucketProbeTarget): Promise<ProbeResult> {
  const { bucket } = target;
  const key = probeObjectKey(target.prefix, target.id);
  let listDenied = false;
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (isAccessDenied(error) && !isMissingCredentials(error)) listDenied = true;
    else return { ok: false, error: describeHeadBucketError(error, target) };
  }

  if (target.needsObjectLock === true) {
    const lockProblem = await objectLockProblem(s3, bucket);
    if (lockProblem !== undefined) return { ok: false, error: lockProblem };
  }

  const body = JSON.stringify({ purpose: 'kafka-backup migrate msk-kraft precheck probe; safe to delete', id: target.id });
  const input: PutObjectCommandInput = {
    Bucket: bucket,
    Key: key,
    Body: body,
    ContentType: 'application/json',
    ...(target.kmsKeyArn === undefined ? {} : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: target.kmsKeyArn }),
  };
  let written = false;
  let maybeWritten = false;
  let versionId: string | undefined;
  let failure: string | undefined;
  try {
    const put = await s3.send(new PutObjectCommand(input));
    written = true;
    versionId = put.VersionId;
    if (target.readBack) {
      try {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId === undefined ? {} : { VersionId: versionId }) }));
        const text = got.Body === undefined ? '' : await got.Body.transformToString();
        if (text !== body) failure = `reading s3://${bucket}/${key} back gave different content (${text.length} bytes instead of ${body.length})`;
      } catch (error) {
        failure = `the probe object was written but reading it back failed: ${describeObjectError(error, 's3:GetObject', target, key)}`;
      }
    }
  } catch (error) {
    maybeWritten = networkFailure(error) !== undefined;
    failure = `${describeObjectError(error, 's3:PutObject', target, key)}${listDenied ? '; HeadBucket (s3:ListBucket) was denied too' : ''}`;
  } finally {
    if (written || maybeWritten) {
      const deleteError = await deleteProbeObject(s3, bucket, key, versionId);
      if (deleteError !== undefined && written) {
        if (failure !== undefined) failure = `${failure} (and the probe object could not be deleted: ${deleteError})`;
        else return { ok: true, leftover: { key, error: deleteError } };
      }
    }
  }
  return failure === undefined ? { ok: true } : { ok: false, error: failure };
}

async function deleteProbeObject(s3: S3Client, bucket: string, key: string, versionId: string | undefined): Promise<string | undefined> {
  try {
    // With a version id the object is really gone on a versioned (Object Lock) bucket, not hidden by a delete marker.
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, ...(versionId === undefined ? {} : { VersionId: versionId }) }));
    return undefined;
  } catch (error) {
    if (isAccessDenied(error)) return `s3:DeleteObject${versionId === undefined ? '' : 'Version'} was denied${versionId === undefined ? '' : ', or a default Object Lock retention protects it'}`;
    return shortError(error);
  }
}

async function objectLockProblem(s3: S3Client, bucket: string): Promise<string | undefined> {
  try {
    const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    if (lock.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled') return undefined;
  } catch (error) {
    const name = errorName(error);
    if (name !== 'ObjectLockConfigurationNotFoundError' && httpStatus(error) !== 404) return undefined; // cannot tell: not a finding
  }
  return `evidence.retention is set, which needs S3 Object Lock, but bucket ${bucket} does not have Object Lock enabled (it can only be enabled on a versioned bucket)`;
}

function describeHeadBucketError(error: unknown, target: BucketProbeTarget): string {
  if (isMissingCredentials(error)) return NO_CREDENTIALS;
  if (isMissingRegion(error)) return NO_REGION;
  const network = networkFailure(error);
  if (network !== undefined) return `S3 endpoint ${target.where} unreachable (${network})`;
  const name = errorName(error);
  const status = httpStatus(error);
  if (name === 'NotFound' || name === 'NoSuchBucket' || status === 404) return `bucket ${target.bucket} does not exist (HeadBucket at ${target.where} answered 404)`;
  if (status === 301 || name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
    const region = bucketRegion(error);
    return `bucket ${target.bucket} is in ${region === undefined ? 'another region' : `region ${region}`}, not the one the client uses; set aws.region${region === undefined ? '' : ` to ${region}`}`;
  }
  return `HeadBucket ${target.bucket} failed: ${shortError(error)}`;
}

function describeObjectError(error: unknown, action: string, target: BucketProbeTarget, key: string): string {
  if (isMissingCredentials(error)) return NO_CREDENTIALS;
  if (isMissingRegion(error)) return NO_REGION;
  const network = networkFailure(error);
  if (network !== undefined) return `S3 endpoint ${target.where} unreachable during ${action} (${network})`;
  const name = errorName(error);
  if (name.startsWith('KMS.') || (target.kmsKeyArn !== undefined && /kms/i.test(shortError(error)))) {
    return `${action} on s3://${target.bucket}/${key} with SSE-KMS key ${target.kmsKeyArn ?? ''} was refused: ${shortError(error)}`;
  }
  if (isAccessDenied(error)) {
    return `${action} on s3://${target.bucket}/${key} was denied${target.kmsKeyArn === undefined ? '' : ` (with SSE-KMS the caller also needs kms:GenerateDataKey and kms:Decrypt on ${target.kmsKeyArn})`}`;
  }
  return `${action} on s3://${target.bucket}/${key} failed: ${shortError(error)}`;
}

function bucketRegion(error: unknown): string | undefined {
  const headers = (error as { $response?: { headers?: Record<string, string | undefined> } }).$response?.headers;
  return headers?.['x-amz-bucket-region'] ?? undefined;
}

/** DescribeKey (enabled, symmetric, ENCRYPT_DECRYPT), then GenerateDataKey and Decrypt of that data key. */
export async function probeKmsKey(kms: KMSClient, keyArn: string, where: string): Promise<ProbeResult> {
  try {
    const described = await kms.send(new DescribeKeyCommand({ KeyId: keyArn }));
    const meta = described.KeyMetadata;
    if (meta?.KeyState !== undefined && meta.KeyState !== 'Enabled') return { ok: false, error: `key ${keyArn} is ${meta.KeyState}, not Enabled` };
    if (meta?.KeyUsage !== undefined && meta.KeyUsage !== 'ENCRYPT_DECRYPT') return { ok: false, error: `key ${keyArn} has key usage ${meta.KeyUsage}; S3 SSE-KMS needs ENCRYPT_DECRYPT` };
    const spec = meta?.KeySpec ?? meta?.CustomerMasterKeySpec;
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return { ok: false, error: `key ${keyArn} is ${spec}; S3 SSE-KMS needs a symmetric (SYMMETRIC_DEFAULT) key` };
  } catch (error) {
    // DescribeKey is not needed to use the key; a caller without it may still encrypt, so go on to the real calls.
    if (!(isAccessDenied(error) && !isMissingCredentials(error))) return { ok: false, error: describeKmsError(error, 'kms:DescribeKey', keyArn, where) };
  }
  let plaintext: Uint8Array | undefined;
  try {
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256' }));
    plaintext = dataKey.Plaintext;
    if (dataKey.CiphertextBlob === undefined) return { ok: false, error: `kms:GenerateDataKey on ${keyArn} returned no ciphertext` };
    try {
      const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, KeyId: keyArn }));
      const same = plaintext !== undefined && decrypted.Plaintext !== undefined && Buffer.from(plaintext).equals(Buffer.from(decrypted.Plaintext));
      decrypted.Plaintext?.fill(0);
      if (!same) return { ok: false, error: `kms:Decrypt on ${keyArn} did not give back the data key GenerateDataKey made` };
    } catch (error) {
      return { ok: false, error: describeKmsError(error, 'kms:Decrypt', keyArn, where) };
    }
  } catch (error) {
    return { ok: false, error: describeKmsError(error, 'kms:GenerateDataKey', keyArn, where) };
  } finally {
    plaintext?.fill(0);
  }
  return { ok: true };
}

function describeKmsError(error: unknown, action: string, keyArn: string, where: string): string {
  if (isMissingCredentials(error)) return NO_CREDENTIALS;
  if (isMissingRegion(error)) return NO_REGION;
  const network = networkFailure(error);
  if (network !== undefined) return `KMS endpoint ${where} unreachable (${network})`;
  const name = errorName(error);
  if (name === 'NotFoundException') return `key ${keyArn} does not exist (${action} at ${where}: NotFoundException)`;
  if (name === 'DisabledException') return `key ${keyArn} is disabled (${action})`;
  if (name === 'KMSInvalidStateException') return `key ${keyArn} is not usable in its current state (${action}: ${shortError(error)})`;
  if (isAccessDenied(error)) return `${action} on ${keyArn} was denied (${shortError(error)})`;
  return `${action} on ${keyArn} failed: ${shortError(error)}`;
}
