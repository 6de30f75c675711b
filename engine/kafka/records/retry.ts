/**
 * Retries for the wire reader and writer: leader changes, lost connections and request timeouts are retried after a
 * backoff (and a metadata refresh, done by the caller's attempt); anything else fails at once.
 */
import { MigrationError } from '../../errors.js';
import { KAFKAJS_CONNECTION_DEFAULTS } from '../kafkajs-options.js';

/** Thrown by an attempt to ask for another one. */
export class RetryableWireError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableWireError';
  }
}

/**
 * Partition error codes after which the request is sent again (to the leader found by fresh metadata):
 * UNKNOWN_TOPIC_OR_PARTITION (3, e.g. right after creation), LEADER_NOT_AVAILABLE (5), NOT_LEADER_OR_FOLLOWER (6),
 * REQUEST_TIMED_OUT (7), NETWORK_EXCEPTION (13), NOT_ENOUGH_REPLICAS (19), NOT_ENOUGH_REPLICAS_AFTER_APPEND (20),
 * KAFKA_STORAGE_ERROR (56), FENCED_LEADER_EPOCH (74), UNKNOWN_LEADER_EPOCH (75), OFFSET_NOT_AVAILABLE (78).
 */
export const RETRIABLE_PARTITION_ERRORS: ReadonlySet<number> = new Set([3, 5, 6, 7, 13, 19, 20, 56, 74, 75, 78]);

/** kafkajs's connection errors (lost connection, request timeout, broker gone from the pool) are retriable. */
export function isRetriableTransportError(error: unknown): boolean {
  if (error instanceof RetryableWireError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, retriable } = error as { name?: unknown; retriable?: unknown };
  return typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true;
}

/** A failure that will be retried: what was being done, which attempt failed (1 = the first), and why. */
export interface WireRetryEvent {
  readonly operation: string;
  readonly attempt: number;
  readonly reason: string;
  readonly backoffMs: number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly onRetry?: ((event: WireRetryEvent) => void) | undefined;
}

export function retryPolicy(options: Partial<RetryPolicy>): RetryPolicy {
  const defaults = KAFKAJS_CONNECTION_DEFAULTS.retry;
  return {
    retries: options.retries ?? defaults.retries,
    initialBackoffMs: options.initialBackoffMs ?? defaults.initialRetryTime,
    maxBackoffMs: options.maxBackoffMs ?? defaults.maxRetryTime,
    onRetry: options.onRetry,
  };
}

const backoff = (policy: RetryPolicy, retry: number): number => Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (retry - 1));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it resolves, retrying retriable failures (see above) with exponential backoff; then throws a
 * retriable CLUSTER_UNREACHABLE naming `what` and the last failure. `onRetry` runs before each new attempt.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  what: string,
  attempt: (attemptIndex: number) => Promise<T>,
  onRetry?: (error: unknown) => void,
): Promise<T> {
  let lastError: unknown;
  for (let index = 0; index <= policy.retries; index += 1) {
    if (index > 0) await sleep(backoff(policy, index));
    try {
      return await attempt(index);
    } catch (error) {
      if (!isRetriableTransportError(error)) throw error;
      lastError = error;
      onRetry?.(error);
      if (index < policy.retries && policy.onRetry !== undefined) {
        try {
          policy.onRetry({ operation: what, attempt: index + 1, reason: error instanceof Error ? error.message : String(error), backoffMs: backoff(policy, index + 1) });
        } catch {
          // An observer's failure must not change the outcome.
        }
      }
    }
  }
  throw new MigrationError({
    code: 'CLUSTER_UNREACHABLE',
    message: `${what}: still failing after ${policy.retries + 1} attempts (last: ${lastError instanceof Error ? lastError.message : String(lastError)})`,
    hint: 'A leader election or broker restart may be in progress, or the cluster is unreachable; resume the run once the brokers answer.',
    retriable: true,
    cause: lastError,
  });
}
