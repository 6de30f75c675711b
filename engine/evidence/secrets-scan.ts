/**
 * The last check before evidence leaves the process: does any secret from the config (passwords, the webhook secret)
 * appear in the text, raw or JSON-escaped? Hits say where, never what.
 */

/** Secrets shorter than this are not searched for (they would match hex digests by chance); as `scrubSecrets`. */
export const MIN_SECRET_LENGTH = 4;

export interface SecretHit {
  /** Index of the secret in the list passed in (the value itself is never returned). */
  readonly secretIndex: number;
  /** Character offset of the first occurrence. */
  readonly offset: number;
}

export function scanForSecrets(text: string, secrets: readonly string[]): SecretHit[] {
  const hits: SecretHit[] = [];
  secrets.forEach((secret, secretIndex) => {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
    const offsets = [...forms].map((form) => text.indexOf(form)).filter((offset) => offset !== -1);
    if (offsets.length > 0) hits.push({ secretIndex, offset: Math.min(...offsets) });
  });
  return hits;
}
