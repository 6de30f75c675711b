/**
 * What changed between two configs, one human line per changed key, in the file's terms:
 * `cutover.drain_timeout: 30m -> 10m`. Secrets are never shown: `source.auth.password: <redacted> changed`.
 */
import { fileKeyOf, formatFieldValue } from './file-keys.js';
import { isPlainObject } from './interpolate.js';
import { isSecretPath, REDACTED } from './secrets.js';
import type { MigrationConfig } from './types.js';

export function diffConfigs(a: MigrationConfig, b: MigrationConfig): string[] {
  const lines: string[] = [];
  walk(a, b, [], lines);
  return lines;
}

function walk(a: unknown, b: unknown, path: string[], lines: string[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))];
    for (const key of keys) walk(a[key], b[key], [...path, key], lines);
    return;
  }
  if (sameValue(a, b)) return;
  const field = path[path.length - 1] ?? '';
  const where = path.map(fileKeyOf).join('.');
  if (isSecretPath(path)) {
    if (a === undefined) lines.push(`${where}: (unset) -> ${REDACTED}`);
    else if (b === undefined) lines.push(`${where}: ${REDACTED} -> (unset)`);
    else lines.push(`${where}: ${REDACTED} changed`);
    return;
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    // One side is a mapping and the other is not (cannot happen between two normalized configs); compare leaves.
    walk(isPlainObject(a) ? a : {}, isPlainObject(b) ? b : {}, path, lines);
    return;
  }
  lines.push(`${where}: ${formatFieldValue(field, a)} -> ${formatFieldValue(field, b)}`);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
