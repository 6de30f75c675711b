/** Which keys hold secrets. Their values never appear in errors, logs, `redactConfig` output or digests. */
import type { KeyPath } from './problems.js';

export const REDACTED = '<redacted>';

/** Key names (separators and case ignored) that end like these are secrets: `password`, `producer_freeze_webhook_secret`, ... */
const SECRET_ENDINGS = ['password', 'secret', 'passphrase', 'token'];

/**
 * True when the key at the end of `keyPath` holds a secret. Accepts a dotted string (`source.auth.password`), a
 * path array, snake_case file keys or camelCase config fields (`producerFreezeWebhookSecret`).
 */
export function isSecretPath(keyPath: string | KeyPath): boolean {
  const segments = typeof keyPath === 'string' ? keyPath.split('.') : keyPath;
  const last = [...segments].reverse().find((segment) => typeof segment === 'string');
  if (last === undefined) return false;
  const name = String(last).toLowerCase().replace(/[_\-\s]/g, '');
  return SECRET_ENDINGS.some((ending) => name.endsWith(ending));
}

/** Every string held at a secret key in `tree` (used to scrub them from any text as a second line of defence). */
export function collectSecretValues(tree: unknown, path: KeyPath = []): string[] {
  if (typeof tree === 'string') return isSecretPath(path) && tree !== '' ? [tree] : [];
  if (Array.isArray(tree)) return tree.flatMap((item, index) => collectSecretValues(item, [...path, index]));
  if (typeof tree === 'object' && tree !== null) {
    return Object.entries(tree).flatMap(([key, value]) => collectSecretValues(value, [...path, key]));
  }
  return [];
}

/** Replaces every occurrence of each secret (4 characters or longer) in `text` with `<redacted>`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
