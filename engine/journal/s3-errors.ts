/** Reading what an S3 call threw: conditional-write refusals, missing objects, and a STORAGE error for the rest. */
import { s3ErrorName as errorName, s3Failure, s3HttpStatus as httpStatus } from '../aws/s3-failure.js';
import type { MigrationError } from '../errors.js';

/**
 * A conditional write lost: 412 PreconditionFailed (If-None-Match: * on an existing key, If-Match on a changed one),
 * or 409 ConditionalRequestConflict (another conditional write to the key was in flight).
 */
export function isConditionFailed(error: unknown): boolean {
  const name = errorName(error);
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || httpStatus(error) === 412 || httpStatus(error) === 409;
}

export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(error) === 404;
}

export function isNotImplemented(error: unknown): boolean {
  return errorName(error) === 'NotImplemented' || httpStatus(error) === 501;
}

export function s3StorageError(action: string, url: string, error: unknown): MigrationError {
  return s3Failure(action, url, error, {
    denied:
      'The journal lives in the backup bucket: the caller needs s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on backup.s3_bucket/backup.s3_prefix (and the KMS key when backup.kms_key_arn is set).',
    other: 'Check that the backup bucket is reachable (aws.region, aws.endpoints.s3), then run the command again; or keep the journal locally with --journal-dir.',
  });
}
