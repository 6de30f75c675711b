/** Turns zod issues into config problems that name the key, show the value (secrets hidden) and say what was expected. */
import type { z } from 'zod';
import { closestKey } from './edit-distance.js';
import { decodeKnownKeys } from './fields.js';
import { formatKeyPath, type ConfigProblem, type KeyPath, type PathSegment } from './problems.js';
import { isSecretPath, REDACTED } from './secrets.js';
import { stripUrlCredentials } from './validators.js';

export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], tree: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = decodeKnownKeys(issue.message) ?? [];
      for (const key of issue.keys) problems.push({ path: [...path, key], detail: unknownKeyDetail(key, known) });
      continue;
    }
    const value = valueAt(tree, path);
    const detail =
      value === undefined
        ? `missing; expected ${issue.message}`
        : `got ${renderValue(value, path)}; expected ${issue.message}`;
    problems.push({ path, detail });
  }
  return firstPerPath(problems);
}

function unknownKeyDetail(key: string, known: readonly string[]): string {
  const suggestion = closestKey(key, known);
  if (suggestion !== undefined) return `unknown key; did you mean \`${suggestion}\`?`;
  return known.length === 0 ? 'unknown key' : `unknown key; expected one of: ${known.join(', ')}`;
}

/** A key's own check and a rule spanning keys can both fire on one key; the first (the key's own) is the useful one. */
function firstPerPath(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function valueAt(tree: unknown, path: KeyPath): unknown {
  let node = tree;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

/** A value as it may appear in an error: secrets as `<redacted>`, URLs without credentials, long text cut. */
export function renderValue(value: unknown, path: KeyPath): string {
  if (isSecretPath(path)) return value === '' ? '"" (empty)' : REDACTED;
  if (typeof value === 'string') {
    const shown = stripUrlCredentials(value);
    return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 117)}...` : shown);
  }
  if (value instanceof Date) return `a date (${value.toISOString()})`;
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return String(value);
}

/** `migration.yaml:14: enterprise.msk_kraft_migration.cutover.drain_timeout: got "x"; expected ...` */
export function formatProblem(problem: ConfigProblem, fileLabel: string): string {
  const where = problem.line === undefined ? fileLabel : `${fileLabel}:${problem.line}`;
  return problem.path.length === 0 ? `${where}: ${problem.detail}` : `${where}: ${formatKeyPath(problem.path)}: ${problem.detail}`;
}
