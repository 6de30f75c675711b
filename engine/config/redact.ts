/** A printable copy of the config: every secret replaced by `<redacted>`, unset keys left out, plain JSON values only. */
import type { KeyPath } from './problems.js';
import { isSecretPath, REDACTED } from './secrets.js';
import type { MigrationConfig } from './types.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type RedactedConfig = { [key: string]: JsonValue };

export function redactConfig(config: MigrationConfig): RedactedConfig {
  return redactNode(config, []) as RedactedConfig;
}

function redactNode(node: unknown, path: KeyPath): JsonValue | undefined {
  if (node === undefined) return undefined;
  if (isSecretPath(path) && path.length > 0) return REDACTED;
  if (node === null || typeof node === 'string' || typeof node === 'boolean') return node;
  if (typeof node === 'number') return Number.isFinite(node) ? node : String(node);
  if (Array.isArray(node)) return node.map((item, index) => redactNode(item, [...path, index]) ?? null);
  if (typeof node === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, value] of Object.entries(node)) {
      const redacted = redactNode(value, [...path, key]);
      if (redacted !== undefined) out[key] = redacted;
    }
    return out;
  }
  return String(node);
}
