/** POSIX shell quoting for values written into commands and scripts. */

const SAFE = /^[A-Za-z0-9_\-.,:/=@%+]+$/;

/** The value as one shell word: bare when it holds only safe characters, else in single quotes. */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
