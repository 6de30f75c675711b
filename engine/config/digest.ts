/**
 * A fingerprint of what a config means: sha256 over canonical JSON (keys sorted, unset keys left out) of the
 * redacted, normalized config. Key order and spelling in the file (`30m` vs `1800`) do not change it; any changed
 * value does. Secrets are redacted first, so rotating a password keeps the digest (and the digest leaks nothing).
 */
import { createHash } from 'node:crypto';
import { redactConfig, type JsonValue } from './redact.js';
import type { MigrationConfig } from './types.js';

export function configDigest(config: MigrationConfig): string {
  return createHash('sha256').update(canonicalJson(redactConfig(config))).digest('hex');
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
