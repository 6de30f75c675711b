/** The errors a config file raises: CONFIG_INVALID (with every problem, one per line) and CONFIG_NOT_FOUND. */
import { MigrationError } from '../errors.js';
import { formatProblem } from './issues.js';
import type { ConfigProblem } from './problems.js';
import { scrubSecrets } from './secrets.js';

export const CONFIG_HINT = 'Fix the keys listed above; docs/config.md describes every key, and examples/migration.yaml is a complete example.';

/** A `MigrationError` with code CONFIG_INVALID that also carries the problems, for `--json` output. */
export class ConfigInvalidError extends MigrationError {
  readonly problems: readonly ConfigProblem[];
  readonly file: string;

  constructor(file: string, problems: readonly ConfigProblem[], secrets: readonly string[] = []) {
    const sorted = [...problems].sort(byLine);
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    const lines = sorted.map((problem) => `  ${scrubSecrets(formatProblem(problem, file), secrets)}`);
    super({
      code: 'CONFIG_INVALID',
      message: `Config ${file} is not valid (${count}):\n${lines.join('\n')}`,
      hint: CONFIG_HINT,
    });
    this.name = 'ConfigInvalidError';
    this.file = file;
    this.problems = sorted.map((problem) => ({ ...problem, detail: scrubSecrets(problem.detail, secrets) }));
  }
}

function byLine(a: ConfigProblem, b: ConfigProblem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

export function configNotFound(path: string, cause: unknown): MigrationError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read (permission denied)'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot be read (${code ?? 'unknown error'})`;
  return new MigrationError({
    code: 'CONFIG_NOT_FOUND',
    message: `Config file ${path} ${reason}`,
    hint: 'Pass the path of your migration YAML with --config; examples/migration.yaml is a complete example.',
    cause,
  });
}
