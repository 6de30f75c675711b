/** Reading what an S3 call threw: conditional-write refusals, missing objects, and a STORAGE error for the rest. */
import { MigrationError } from '../errors.js';

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const code = (error as { Code?: unknown }).Code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

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
  const name = errorName(error);
  const status = httpStatus(error);
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
      ? 'The journal lives in the backup bucket: the caller needs s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on backup.s3_bucket/backup.s3_prefix (and the KMS key when backup.kms_key_arn is set).'
      : 'Check that the backup bucket is reachable (aws.region, aws.endpoints.s3), then run the command again; or keep the journal locally with --journal-dir.',
    retriable: !denied,
    cause: error,
  });
}
