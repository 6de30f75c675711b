/** Reading what an S3 call threw, and turning it into a STORAGE error an operator can act on (no key ids in it). */
import { MigrationError } from '../errors.js';

export function s3ErrorName(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const code = (error as { Code?: unknown }).Code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}

export function s3HttpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

export interface S3FailureHints {
  /** What the caller needs when access was denied. */
  readonly denied: string;
  /** What to check for any other failure. */
  readonly other: string;
}

/** `could not <action> <url>: <reason>`; retriable unless access was denied. */
export function s3Failure(action: string, url: string, error: unknown, hints: S3FailureHints): MigrationError {
  const name = s3ErrorName(error);
  const status = s3HttpStatus(error);
  const denied = name === 'AccessDenied' || status === 403;
  const message = error instanceof Error ? error.message : String(error);
  const reason = `${name === '' ? (status === undefined ? 'error' : `HTTP ${status}`) : name}${message !== '' && message !== name ? `: ${message}` : ''}`.replace(
    /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g,
    '$1…',
  );
  return new MigrationError({
    code: 'STORAGE',
    message: `could not ${action} ${url}: ${reason.length > 300 ? `${reason.slice(0, 300)}…` : reason}`,
    hint: denied ? hints.denied : hints.other,
    retriable: !denied,
    cause: error,
  });
}
