/** One thing wrong with a config file, before it is turned into text. */

export type PathSegment = string | number;
export type KeyPath = readonly PathSegment[];

export interface ConfigProblem {
  /** From the document root, e.g. `['enterprise', 'msk_kraft_migration', 'cutover', 'drain_timeout']`. */
  readonly path: KeyPath;
  /** What is wrong and what was expected, with the bad value already rendered safely. */
  readonly detail: string;
  /** 1-based line in the file, when known. */
  readonly line?: number | undefined;
}

/** `enterprise.msk_kraft_migration.topics.include[0]`; `(root)` for the empty path. */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(root)' : text;
}
