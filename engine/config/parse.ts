/**
 * Text in, `MigrationConfig` out: YAML → `${VAR}` interpolation → zod validation → normalization. Every problem in
 * the file is collected and raised together as one `ConfigInvalidError` (code CONFIG_INVALID).
 */
import { basename, dirname, resolve } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { ConfigInvalidError } from './errors.js';
import { interpolateTree, isPlainObject, protectReferences } from './interpolate.js';
import { problemsFromIssues } from './issues.js';
import { normalize } from './normalize.js';
import type { ConfigProblem } from './problems.js';
import { enterpriseSchema, migrationSchema } from './schema.js';
import { collectSecretValues } from './secrets.js';
import type { MigrationConfig } from './types.js';
import { buildLineIndex } from './yaml-lines.js';

export interface ParseConfigOptions {
  /** Where `${VAR}` values come from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** The file the text came from: named in errors, and its folder anchors relative paths (else the working folder). */
  readonly filePath?: string | undefined;
}

export function parseConfig(source: string, opts: ParseConfigOptions = {}): MigrationConfig {
  const text = source.replace(/^\uFEFF/, '');
  const env = opts.env ?? process.env;
  const label = opts.filePath ?? 'config';
  const baseDir = opts.filePath === undefined ? process.cwd() : dirname(resolve(opts.filePath));

  const guarded = protectReferences(text);
  const document = loadYaml(guarded.text, label);
  const lines = buildLineIndex(guarded.text);
  const fail = (problems: ConfigProblem[], secrets: readonly string[] = []): never => {
    throw new ConfigInvalidError(
      label,
      problems.map((problem) => ({ ...problem, line: problem.line ?? lines.lineOf(problem.path) })),
      secrets,
    );
  };

  if (document === undefined || document === null) {
    fail([{ path: [], detail: 'the file is empty; expected a mapping with source, target, backup and evidence' }]);
  }
  const tree = dropNulls(document);
  const interpolated = interpolateTree(tree, env, guarded);
  const secrets = collectSecretValues(interpolated.value);

  const layout = isPlainObject(tree) && 'enterprise' in tree ? enterpriseSchema : migrationSchema;
  const result = layout.safeParse(interpolated.value);

  // A value whose interpolation failed is left as written; its zod issue would only repeat the problem.
  const failedPaths = new Set(interpolated.problems.map((problem) => JSON.stringify(problem.path)));
  const problems = [
    ...interpolated.problems,
    ...(result.success ? [] : problemsFromIssues(result.error.issues, interpolated.value)).filter(
      (problem) => !failedPaths.has(JSON.stringify(problem.path)),
    ),
  ];
  if (problems.length > 0 || !result.success) fail(problems, secrets);

  const data = result.data as Record<string, unknown>;
  const parsed = 'enterprise' in data ? (data as z.output<typeof enterpriseSchema>).enterprise.msk_kraft_migration : data;
  return normalize(parsed as z.output<typeof migrationSchema>, { env, baseDir });
}

function loadYaml(text: string, label: string): unknown {
  try {
    return yaml.load(text, { filename: basename(label) });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // Only the reason and position: js-yaml's own message quotes the surrounding lines, which may hold a secret.
      const mark = error.mark as { line: number; column: number } | undefined;
      const at = mark === undefined ? '' : ` at column ${mark.column + 1}`;
      throw new ConfigInvalidError(label, [
        { path: [], line: mark === undefined ? undefined : mark.line + 1, detail: `YAML syntax error${at}: ${error.reason}` },
      ]);
    }
    throw error;
  }
}

/** `key:` with nothing after it means "not set", the same as leaving the key out. Items in lists are kept. */
function dropNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropNulls);
  if (isPlainObject(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (value !== null) out[key] = dropNulls(value);
    }
    return out;
  }
  return node;
}
