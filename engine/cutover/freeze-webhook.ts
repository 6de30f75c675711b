/**
 * The producer-freeze webhook: cutover POSTs `{action: 'freeze'}` before the final drain and `{action: 'unfreeze'}`
 * after it (or on failure); the operator's endpoint stops and resumes the producers. docs/freeze-webhook.md is the
 * receiver's contract.
 *
 * One delivery = one body, sent identically on every attempt. With a secret, `X-Kafka-Backup-Signature:
 * sha256=<hex HMAC-SHA256(secret, exact body bytes)>`; the body carries `sent_at` and `delivery_id`, so a receiver
 * rejects stale bodies and duplicates by reading only signed fields (`X-Kafka-Backup-Timestamp` and
 * `X-Kafka-Backup-Delivery` repeat them for routing). Each attempt has its own timeout; network errors, timeouts,
 * 408, 429 and 5xx are retried with exponential backoff; any other status fails at once. The secret is never logged
 * and the URL's query string and user info never appear in errors or events.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { MigrationError } from '../errors.js';

export type FreezeAction = 'freeze' | 'unfreeze';

export const SIGNATURE_HEADER = 'x-kafka-backup-signature';
export const TIMESTAMP_HEADER = 'x-kafka-backup-timestamp';
export const DELIVERY_HEADER = 'x-kafka-backup-delivery';
export const ACTION_HEADER = 'x-kafka-backup-action';

export type FreezeWebhookEvent =
  | { type: 'webhook.attempt'; action: FreezeAction; url: string; attempt: number; ok: true; status: number; durationMs: number }
  | {
      type: 'webhook.attempt';
      action: FreezeAction;
      url: string;
      attempt: number;
      ok: false;
      /** HTTP status, or undefined for a network error or timeout. */
      status: number | undefined;
      reason: string;
      durationMs: number;
      /** Milliseconds until the next attempt; undefined when none follows. */
      retryInMs: number | undefined;
    };

export interface FreezeWebhookOptions {
  readonly url: string;
  /** HMAC key (`cutover.producer_freeze_webhook_secret`); without it the request is unsigned. */
  readonly secret?: string | undefined;
  readonly action: FreezeAction;
  readonly migrationId: string;
  /** Extra fields for the body (e.g. max_freeze_seconds, partitions); cannot override the fixed ones. */
  readonly details?: Record<string, unknown>;
  /** Per attempt, response body included. */
  readonly timeoutMs: number;
  /** Attempts after the first. */
  readonly retries: number;
  /** Delay before the first retry, doubled each time, at most 8× (default 500 ms). */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly onEvent?: (event: FreezeWebhookEvent) => void;
}

export interface FreezeWebhookResult {
  readonly status: number;
  readonly attempts: number;
  readonly deliveryId: string;
  /** The exact body sent (for the journal and the evidence). */
  readonly body: string;
  readonly sentAt: string;
}

/** The URL as it may be shown: no user info, query string replaced by `?…`, no fragment. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search === '' ? '' : '?…'}`;
  } catch {
    return '(invalid URL)';
  }
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const RESERVED = ['action', 'migration_id', 'sent_at', 'delivery_id'];

export async function callFreezeWebhook(options: FreezeWebhookOptions): Promise<FreezeWebhookResult> {
  const shown = displayUrl(options.url);
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    parsed = new URL('invalid:');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MigrationError({
      code: 'CONFIG_INVALID',
      message: `cutover.producer_freeze_webhook is not an http(s) URL: ${shown}`,
      hint: 'Set it to the https URL of the endpoint that freezes and unfreezes your producers.',
    });
  }
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());
  const sentAt = now();
  const deliveryId = randomUUID();
  const extra = Object.fromEntries(Object.entries(options.details ?? {}).filter(([key]) => !RESERVED.includes(key)));
  const body = JSON.stringify({
    action: options.action,
    migration_id: options.migrationId,
    sent_at: sentAt.toISOString(),
    delivery_id: deliveryId,
    ...extra,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'kafka-backup-msk-kraft',
    [ACTION_HEADER]: options.action,
    [DELIVERY_HEADER]: deliveryId,
    [TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
  };
  if (options.secret !== undefined && options.secret !== '') headers[SIGNATURE_HEADER] = signBody(options.secret, body);
  // fetch refuses URLs with user info: send it as HTTP Basic instead.
  if (parsed.username !== '' || parsed.password !== '') {
    const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    headers['authorization'] = `Basic ${Buffer.from(user, 'utf8').toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  const target = parsed.toString();

  const attempts = 1 + Math.max(0, Math.floor(options.retries));
  const base = options.backoffMs ?? 500;
  let last: { status: number | undefined; reason: string; retriable: boolean } = { status: undefined, reason: 'not sent', retriable: true };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await doFetch(target, { method: 'POST', headers, body, signal: controller.signal, redirect: 'manual' });
      await response.arrayBuffer().catch(() => undefined);
      if (controller.signal.aborted) throw new Error('aborted');
      if (response.status >= 200 && response.status < 300) {
        options.onEvent?.({ type: 'webhook.attempt', action: options.action, url: shown, attempt, ok: true, status: response.status, durationMs: Date.now() - started });
        return { status: response.status, attempts: attempt, deliveryId, body, sentAt: sentAt.toISOString() };
      }
      const retriable = response.status >= 500 || response.status === 408 || response.status === 429;
      last = { status: response.status, reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, retriable };
    } catch (error) {
      last = {
        status: undefined,
        reason: controller.signal.aborted ? `no answer within ${options.timeoutMs} ms` : `network error: ${networkReason(error)}`,
        retriable: true,
      };
    } finally {
      clearTimeout(timer);
    }
    const retryInMs = last.retriable && attempt < attempts ? Math.min(base * 2 ** (attempt - 1), base * 8) : undefined;
    options.onEvent?.({
      type: 'webhook.attempt',
      action: options.action,
      url: shown,
      attempt,
      ok: false,
      status: last.status,
      reason: last.reason,
      durationMs: Date.now() - started,
      retryInMs,
    });
    if (retryInMs === undefined) {
      throw failure(options.action, shown, last, attempt);
    }
    await sleep(retryInMs);
  }
  throw failure(options.action, shown, last, attempts);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

function failure(action: FreezeAction, shown: string, last: { status: number | undefined; reason: string; retriable: boolean }, attempts: number): MigrationError {
  return new MigrationError({
    code: 'CONTROL_PLANE',
    message: `producer ${action} webhook ${shown} failed: ${last.reason}${last.status === undefined ? '' : ` (status ${last.status})`} after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
    hint:
      action === 'freeze'
        ? 'Producers may not be frozen. Check the webhook endpoint (cutover.producer_freeze_webhook), then run cutover again.'
        : 'Producers may still be frozen: resume them on the source by hand now, then check the webhook endpoint.',
    retriable: last.retriable,
  });
}
