/** Turning engine values into plain JSON for the journal, and keeping secrets out of it. */
import { canonicalJson, type JsonValue } from '../config/index.js';
import { REDACTED } from '../config/secrets.js';
import { MigrationError } from '../errors.js';

export { canonicalJson };
export type { JsonValue };

/**
 * A plain-JSON copy of `value` (as `JSON.stringify` would store it: undefined fields dropped, Dates as strings).
 * Throws INTERNAL for what JSON cannot hold (BigInt, cycles, a bare undefined).
 */
export function toJsonValue(value: unknown, what: string): JsonValue {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new MigrationError({ code: 'INTERNAL', message: `${what} cannot be written to the journal: ${(error as Error).message}`, cause: error });
  }
  if (text === undefined) throw new MigrationError({ code: 'INTERNAL', message: `${what} cannot be written to the journal: it is not a JSON value` });
  return JSON.parse(text) as JsonValue;
}

/** Replaces every occurrence of each secret (4 characters or more) in every string and key of `value`. */
export function scrubSecretValues(value: JsonValue, secrets: readonly string[]): JsonValue {
  const usable = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return value;
  const scrub = (text: string): string => usable.reduce((out, secret) => out.split(secret).join(REDACTED), text);
  const walk = (node: JsonValue): JsonValue => {
    if (typeof node === 'string') return scrub(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [scrub(key), walk(inner)]));
    }
    return node;
  };
  return walk(value);
}
