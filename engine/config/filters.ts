/**
 * Topic and group name filters: each pattern is a glob (`*` any run of characters, `?` one character, the whole name
 * must match) or a regular expression between slashes (`/^orders\.(eu|us)$/`, optional `i` flag, searched anywhere
 * in the name unless anchored). A name is selected when it matches an include pattern and no exclude pattern.
 */

export interface FilterPatterns {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

const REGEX_PATTERN = /^\/(.+)\/(i?)$/s;

/** `undefined` when the pattern is usable, else what was expected. */
export function checkPattern(pattern: string): string | undefined {
  if (pattern === '') return 'a non-empty glob (* and ?) or /regex/';
  const regex = REGEX_PATTERN.exec(pattern);
  if (regex === null) return undefined;
  try {
    new RegExp(regex[1] as string, regex[2]);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `a valid regular expression between slashes (${reason})`;
  }
}

export function compilePattern(pattern: string): RegExp {
  const regex = REGEX_PATTERN.exec(pattern);
  if (regex !== null) return new RegExp(regex[1] as string, regex[2]);
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** A predicate for names; compile once, call per topic or group. */
export function compileFilter(filter: FilterPatterns): (name: string) => boolean {
  const include = filter.include.map(compilePattern);
  const exclude = filter.exclude.map(compilePattern);
  return (name) => include.some((re) => re.test(name)) && !exclude.some((re) => re.test(name));
}
