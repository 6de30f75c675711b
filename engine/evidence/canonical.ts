/**
 * The one canonical JSON used for evidence: `canonicalJson` from engine/config (object keys sorted at every level,
 * no whitespace), applied to a value first reduced to plain JSON (undefined dropped, dates as ISO strings, exactly
 * what `JSON.stringify` keeps). A part's hash is SHA-256 over these UTF-8 bytes.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../config/index.js';
import { MigrationError } from '../errors.js';

/** `value` as plain JSON; a value JSON cannot hold (a function, a bigint, a cycle) is refused, naming `what`. */
export function toJsonValue(value: unknown, what: string): JsonValue {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new MigrationError({
      code: 'INTERNAL',
      message: `Evidence ${what} cannot be written as JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  if (text === undefined) {
    throw new MigrationError({ code: 'INTERNAL', message: `Evidence ${what} has no JSON value (undefined or a function)` });
  }
  return JSON.parse(text) as JsonValue;
}

export function canonicalOf(value: unknown, what: string): string {
  return canonicalJson(toJsonValue(value, what));
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export { canonicalJson };
