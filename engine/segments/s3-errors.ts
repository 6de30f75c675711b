/** A STORAGE error for a failed S3 call on a segment, with what the operator can check. */
import { MigrationError } from '../errors.js';

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const code = (error as { Code?: unknown }).Code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}

export function segmentS3Error(action: string, url: string, error: unknown): MigrationError {
  const name = errorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const denied = name === 'AccessDenied' || status === 403;
  const message = error instanceof Error ? error.message : String(error);
  const reason = `${name === '' ? (status === undefined ? 'error' : `HTTP ${status}`) : name}${message !== '' && message !== name ? `: ${message}` : ''}`.replace(
    /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g,
    '$1…',
  );
  return new MigrationError({
    code: 'STORAGE',
    message: `could not ${action} ${url}: ${reason.length > 300 ? `${reason.slice(0, 300)}…` : reason}`,
    hint: denied
      ? 'Seed segments live in the backup bucket: the caller needs s3:PutObject, s3:GetObject, s3:ListBucket and s3:AbortMultipartUpload on backup.s3_bucket/backup.s3_prefix, and kms:GenerateDataKey and kms:Decrypt on backup.kms_key_arn when it is set.'
      : 'Check that the backup bucket is reachable (aws.region, aws.endpoints.s3), then resume: segments already written are kept.',
    retriable: !denied,
    cause: error,
  });
}
