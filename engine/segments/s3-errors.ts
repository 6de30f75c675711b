/** A STORAGE error for a failed S3 call on a segment, with what the operator can check. */
import { s3Failure } from '../aws/s3-failure.js';
import type { MigrationError } from '../errors.js';

export function segmentS3Error(action: string, url: string, error: unknown): MigrationError {
  return s3Failure(action, url, error, {
    denied:
      'Seed segments live in the backup bucket: the caller needs s3:PutObject, s3:GetObject, s3:ListBucket and s3:AbortMultipartUpload on backup.s3_bucket/backup.s3_prefix, and kms:GenerateDataKey and kms:Decrypt on backup.kms_key_arn when it is set.',
    other: 'Check that the backup bucket is reachable (aws.region, aws.endpoints.s3), then resume: segments already written are kept.',
  });
}
