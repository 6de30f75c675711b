/** Small text helpers for finding details: approximate durations, byte counts and name lists. */

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/** `7d`, `36h`, `1.5h`, `45min`, `30s`, `250ms`: exact when a unit divides, else one decimal of the largest unit ≥ 1. */
export function formatApproxDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unlimited';
  for (const [unit, size] of UNITS) {
    if (ms >= size) {
      const value = ms / size;
      const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
      return `${text}${unit}`;
    }
  }
  return `${Math.round(ms)}ms`;
}

const BYTE_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
];

/** `1.5 GiB`, `976 KiB`, `12 bytes`. */
export function formatApproxBytes(bytes: number): string {
  for (const [unit, size] of BYTE_UNITS) {
    if (bytes >= size) {
      const value = bytes / size;
      const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
      return `${text} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/** `a, b and c`; past `max` names: `a, b, c and 12 more`. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
