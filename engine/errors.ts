/**
 * Every expected failure the engine raises. One top-level handler in `source/` maps these to exit codes;
 * anything else reaching it is a bug. Messages never contain secrets.
 */
export type MigrationErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'USAGE'
  | 'NOT_IMPLEMENTED'
  | 'CLUSTER_UNREACHABLE'
  | 'CONTROL_PLANE'
  | 'STORAGE'
  | 'STATE'
  | 'PRECHECK_BLOCKED'
  /** The producer-freeze webhook failed or refused (cutover). */
  | 'WEBHOOK'
  /** The target refused a cutover step (a consumer group active there, an offset commit refused, the offset floor). */
  | 'TARGET_REFUSED'
  /** The cutover's steps after the producer freeze ran past `cutover.max_producer_freeze`. */
  | 'FREEZE_BUDGET'
  /** A target partition holds records this migration did not write (or lost records it did): the copy stops. */
  | 'TARGET_FOREIGN_RECORDS'
  | 'INTERNAL';

export interface MigrationErrorOptions {
  code: MigrationErrorCode;
  message: string;
  /** What the operator can do about it. */
  hint?: string;
  retriable?: boolean;
  /** Process exit code the command line should use; 1 unless said otherwise. */
  exitCode?: number;
  cause?: unknown;
}

export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  readonly hint: string | undefined;
  readonly retriable: boolean;
  readonly exitCode: number;

  constructor(options: MigrationErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MigrationError';
    this.code = options.code;
    this.hint = options.hint;
    this.retriable = options.retriable ?? false;
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isMigrationError(value: unknown): value is MigrationError {
  return value instanceof MigrationError;
}
