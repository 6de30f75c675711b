/**
 * Freezing and unfreezing producers, by webhook (freeze-webhook.ts) or by asking the operator (the ConfirmPort). A
 * failed freeze is a WEBHOOK error (or a declined confirmation); unfreezing never throws: it says whether producers
 * were released, so every failure path can report it and still exit with its own error.
 */
import { MigrationError, isMigrationError } from '../errors.js';
import type { FreezeMethod } from './checkpoints.js';
import { callFreezeWebhook, displayUrl, type FreezeWebhookEvent } from './freeze-webhook.js';
import type { FreezeChoice } from './freeze-method.js';

export interface FreezeConfirmed {
  readonly frozenAt: Date;
  readonly deliveryId?: string | undefined;
}

export interface UnfreezeResult {
  /** `webhook`: the endpoint confirmed; `operator`: the operator was told to release them; `failed`: they may still be frozen. */
  readonly how: 'webhook' | 'operator' | 'failed';
  readonly detail: string;
}

export type UnfreezeOutcome = 'ready_for_client_switch' | 'cutover_failed';

export interface Freezer {
  readonly method: FreezeMethod;
  /** Where (shown safely): the webhook URL without secrets, or `operator prompt`. */
  readonly where: string;
  freeze(): Promise<FreezeConfirmed>;
  unfreeze(outcome: UnfreezeOutcome, reason?: string): Promise<UnfreezeResult>;
}

export interface FreezerOptions {
  readonly migrationId: string;
  readonly maxFreezeMs: number;
  /** Source topics whose producers must stop (shown in the prompt, sent to the webhook). */
  readonly topics: readonly string[];
  readonly onWebhookEvent?: (event: FreezeWebhookEvent) => void;
  /** Per attempt. */
  readonly webhookTimeoutMs?: number;
  readonly webhookBackoffMs?: number;
}

export function createFreezer(choice: FreezeChoice, options: FreezerOptions): Freezer {
  if (choice.method === 'prompt') {
    let confirmed = false;
    return {
      method: 'prompt',
      where: 'operator prompt',
      async freeze() {
        confirmed = await choice.confirm({
          kind: 'freeze-producers',
          migrationId: options.migrationId,
          topics: options.topics,
          maxFreezeMs: options.maxFreezeMs,
          message: `Stop every producer writing to the source topics (${options.topics.join(', ')}) now, and confirm once they are stopped (not merely asked to stop). They may stay stopped at most ${Math.round(options.maxFreezeMs / 1000)} s.`,
        });
        if (!confirmed) {
          throw new MigrationError({
            code: 'STATE',
            message: 'the producer freeze was not confirmed, so the cutover stopped before publishing anything; nothing was changed on either cluster',
            hint: 'Run cutover again when the producers can be stopped.',
          });
        }
        return { frozenAt: new Date() };
      },
      async unfreeze(outcome) {
        return {
          how: 'operator',
          detail: !confirmed
            ? 'producers were not frozen (the freeze was not confirmed)'
            : outcome === 'ready_for_client_switch'
              ? 'release your producers now, pointed at the target cluster'
              : 'release your producers on the source now: the cutover stopped (the error says what to run next)',
        };
      },
    };
  }
  const call = (action: 'freeze' | 'unfreeze', retries: number, details: Record<string, unknown>) =>
    callFreezeWebhook({
      url: choice.url,
      secret: choice.secret,
      action,
      migrationId: options.migrationId,
      details,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      retries,
      ...(options.webhookBackoffMs === undefined ? {} : { backoffMs: options.webhookBackoffMs }),
      ...(options.onWebhookEvent === undefined ? {} : { onEvent: options.onWebhookEvent }),
    });
  return {
    method: 'webhook',
    where: displayUrl(choice.url),
    async freeze() {
      try {
        const answer = await call('freeze', 3, { max_freeze_seconds: Math.ceil(options.maxFreezeMs / 1000), topics: options.topics });
        return { frozenAt: new Date(), deliveryId: answer.deliveryId };
      } catch (error) {
        if (!isMigrationError(error)) throw error;
        throw new MigrationError({ code: 'WEBHOOK', message: error.message, hint: error.hint, retriable: error.retriable, cause: error });
      }
    },
    async unfreeze(outcome, reason) {
      try {
        await call('unfreeze', 5, { outcome, ...(reason === undefined ? {} : { reason }) });
        return { how: 'webhook', detail: `producers unfrozen by ${displayUrl(choice.url)}` };
      } catch (error) {
        return { how: 'failed', detail: `${error instanceof Error ? error.message : String(error)}: producers may still be frozen; resume them by hand now` };
      }
    },
  };
}
