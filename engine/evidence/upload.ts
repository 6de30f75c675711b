/**
 * Puts the bundle and its public key into the evidence bucket, `<s3_prefix>/<migration-id>/evidence-bundle.json` and
 * `.../public-key.pem`. With `evidence.retention` set, both objects get S3 Object Lock retention in COMPLIANCE mode
 * until now + retention (nobody, the account root included, can delete or shorten it before then: that is what makes
 * it evidence). The bucket's Object Lock is checked first; without it nothing is written.
 */
import {
  GetObjectLockConfigurationCommand,
  PutObjectCommand,
  type ObjectLockMode,
  type S3Client,
} from '@aws-sdk/client-s3';
import { credentialsFromEnv } from '../aws/credentials.js';
import { createS3Client } from '../aws/s3-client.js';
import type { MigrationConfig } from '../config/index.js';
import { MigrationError } from '../errors.js';

export const EVIDENCE_BUNDLE_FILE = 'evidence-bundle.json';
export const EVIDENCE_PUBLIC_KEY_FILE = 'public-key.pem';

export interface EvidenceToStore {
  readonly bundle: string;
  readonly publicKeyPem: string;
}

export interface UploadEvidenceOptions {
  readonly config: Pick<MigrationConfig, 'evidence'>;
  readonly migrationId: string;
  /** From `createS3Client(config.aws, { credentials: credentialsFromEnv(env) })`. */
  readonly s3: S3Client;
  /** COMPLIANCE unless said otherwise (see docs/evidence.md). */
  readonly objectLockMode?: ObjectLockMode;
  readonly now?: () => Date;
}

export interface UploadedEvidence {
  readonly bucket: string;
  readonly bundleKey: string;
  readonly publicKeyKey: string;
  readonly bundleVersionId?: string | undefined;
  readonly publicKeyVersionId?: string | undefined;
  /** Set when Object Lock retention was applied. */
  readonly retention?: { readonly mode: ObjectLockMode; readonly retainUntil: string } | undefined;
}

/** The S3 client for the evidence bucket: the config's `aws` settings, keys from `env` when it holds them. */
export function createEvidenceS3Client(config: Pick<MigrationConfig, 'aws'>, env: NodeJS.ProcessEnv | undefined): S3Client {
  const credentials = credentialsFromEnv(env);
  return createS3Client(config.aws, credentials === undefined ? {} : { credentials });
}

export function evidenceKeys(prefix: string, migrationId: string): { bundleKey: string; publicKeyKey: string } {
  const base = [prefix.replace(/^\/+|\/+$/g, ''), migrationId].filter((segment) => segment !== '').join('/');
  return { bundleKey: `${base}/${EVIDENCE_BUNDLE_FILE}`, publicKeyKey: `${base}/${EVIDENCE_PUBLIC_KEY_FILE}` };
}

function errorName(error: unknown): string {
  const code = (error as { Code?: unknown } | undefined)?.Code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : '';
}

function storageError(action: string, url: string, error: unknown): MigrationError {
  const name = errorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const denied = name === 'AccessDenied' || status === 403;
  return new MigrationError({
    code: 'STORAGE',
    message: `could not ${action} ${url}: ${name || (status === undefined ? 'error' : `HTTP ${status}`)}`,
    hint: denied
      ? 'The caller needs s3:PutObject, s3:PutObjectRetention and s3:GetBucketObjectLockConfiguration on the evidence bucket.'
      : 'Check that evidence.s3_bucket exists and is reachable (aws.region, aws.endpoints.s3), then run the command again.',
    retriable: !denied,
    cause: error,
  });
}

/** Object Lock for one evidence object: COMPLIANCE (unless said otherwise) until `retainUntil`. */
export interface EvidenceLock {
  readonly mode: ObjectLockMode;
  readonly retainUntil: Date;
}

/**
 * The Object Lock evidence objects get: none without `evidence.retention`; with it, now + retention, after checking
 * that the bucket has Object Lock enabled (else a STORAGE error, before anything is written). The rollback report
 * and the evidence bundle both use it.
 */
export async function evidenceLock(options: Omit<UploadEvidenceOptions, 'migrationId'>): Promise<EvidenceLock | undefined> {
  const { s3Bucket: bucket, retentionMs } = options.config.evidence;
  if (retentionMs === undefined || retentionMs <= 0) return undefined;
  await requireObjectLock(options.s3, bucket);
  return { mode: options.objectLockMode ?? 'COMPLIANCE', retainUntil: new Date((options.now ?? (() => new Date()))().getTime() + retentionMs) };
}

/** Writes one object to the evidence bucket (SHA-256 checksum, the lock when given); resolves with its version id. */
export async function putEvidenceObject(s3: S3Client, bucket: string, key: string, body: string, contentType: string, lock: EvidenceLock | undefined): Promise<string | undefined> {
  const locked = lock === undefined ? {} : { ObjectLockMode: lock.mode, ObjectLockRetainUntilDate: lock.retainUntil };
  try {
    const result = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, ChecksumAlgorithm: 'SHA256', ...locked }));
    return result.VersionId;
  } catch (error) {
    throw storageError('write', `s3://${bucket}/${key}`, error);
  }
}

export async function uploadEvidence(evidence: EvidenceToStore, options: UploadEvidenceOptions): Promise<UploadedEvidence> {
  const bucket = options.config.evidence.s3Bucket;
  const { bundleKey, publicKeyKey } = evidenceKeys(options.config.evidence.s3Prefix, options.migrationId);
  const lock = await evidenceLock(options);
  // The public key first: a bundle in the bucket never lacks the key it names.
  const publicKeyVersionId = await putEvidenceObject(options.s3, bucket, publicKeyKey, evidence.publicKeyPem, 'application/x-pem-file', lock);
  const bundleVersionId = await putEvidenceObject(options.s3, bucket, bundleKey, evidence.bundle, 'application/json', lock);
  return {
    bucket,
    bundleKey,
    publicKeyKey,
    bundleVersionId,
    publicKeyVersionId,
    retention: lock === undefined ? undefined : { mode: lock.mode, retainUntil: lock.retainUntil.toISOString() },
  };
}

/** Fails (before anything is written) unless the bucket has Object Lock enabled. */
async function requireObjectLock(s3: S3Client, bucket: string): Promise<void> {
  let enabled: string | undefined;
  try {
    const result = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    enabled = result.ObjectLockConfiguration?.ObjectLockEnabled;
  } catch (error) {
    if (errorName(error) !== 'ObjectLockConfigurationNotFoundError') {
      throw storageError('read the Object Lock configuration of', `s3://${bucket}`, error);
    }
  }
  if (enabled !== 'Enabled') {
    throw new MigrationError({
      code: 'STORAGE',
      message: `evidence.retention is set but the evidence bucket s3://${bucket} does not have S3 Object Lock enabled; nothing was written`,
      hint:
        'Use a bucket created with Object Lock enabled (aws s3api create-bucket ... --object-lock-enabled-for-bucket, or ' +
        'put-object-lock-configuration on a versioned bucket), or remove evidence.retention to store the evidence without a lock.',
    });
  }
}
