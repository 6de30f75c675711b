/**
 * How producers are frozen for this cutover: the webhook when `cutover.producer_freeze_webhook` is set, else a
 * confirmation the operator answers on a terminal. With neither, the cutover is refused before anything is touched:
 * the tool never assumes producers are frozen.
 */
import type { CutoverSettings } from '../config/types.js';
import { MigrationError } from '../errors.js';
import type { FreezeMethod } from './checkpoints.js';

/** A question the front end asks the operator (plain readline in the CLI, an Ink prompt in the wizard). */
export interface ConfirmRequest {
  readonly kind: 'freeze-producers';
  readonly migrationId: string;
  /** What the operator is asked to do, in one sentence. */
  readonly message: string;
  /** The source topics whose producers must stop. */
  readonly topics: readonly string[];
  readonly maxFreezeMs: number;
}

/** The prompt port: resolves true when the operator confirms. */
export type ConfirmPort = (request: ConfirmRequest) => Promise<boolean>;

export type FreezeChoice =
  | { readonly method: Extract<FreezeMethod, 'webhook'>; readonly url: string; readonly secret: string | undefined }
  | { readonly method: Extract<FreezeMethod, 'prompt'>; readonly confirm: ConfirmPort };

/** The freeze method, or a CONFIG_INVALID refusal naming `cutover.producer_freeze_webhook`. */
export function chooseFreezeMethod(cutover: Pick<CutoverSettings, 'producerFreezeWebhook' | 'producerFreezeWebhookSecret'>, confirm: ConfirmPort | undefined): FreezeChoice {
  if (cutover.producerFreezeWebhook !== undefined) {
    return { method: 'webhook', url: cutover.producerFreezeWebhook, secret: cutover.producerFreezeWebhookSecret };
  }
  if (confirm !== undefined) return { method: 'prompt', confirm };
  throw new MigrationError({
    code: 'CONFIG_INVALID',
    message:
      'cutover cannot freeze the producers: cutover.producer_freeze_webhook is not set and there is no terminal to confirm the freeze on (non-interactive run); nothing was changed',
    hint: 'Set cutover.producer_freeze_webhook to the URL of the endpoint that stops and resumes your producers (docs/freeze-webhook.md), or run cutover on a terminal without --non-interactive and confirm the freeze by hand.',
  });
}
