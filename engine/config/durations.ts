/**
 * Durations in the config file: `500ms`, `30s`, `30m`, `2h`, `7d`, `7y` (y = 365 days), compounds such as `1h30m`,
 * or a bare number of seconds. Everything is carried as whole milliseconds.
 */

const UNIT_MS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  y: 365 * 86_400_000,
} as const;

type DurationUnit = keyof typeof UNIT_MS;

/** Largest first, so that formatting picks the largest unit that divides exactly. */
const UNITS_DESCENDING: readonly DurationUnit[] = ['y', 'd', 'h', 'm', 's', 'ms'];

export const DURATION_EXPECTATION =
  'a duration such as 500ms, 30s, 30m, 2h, 7d or 7y (y = 365 days), or a bare number of seconds';

const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|y)/y;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/** Milliseconds, or `undefined` when the text is not a duration. Negative values are never durations. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? wholeMs(value * 1_000) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (BARE_NUMBER.test(text)) return wholeMs(Number(text) * 1_000);

  let total = 0;
  let index = 0;
  const seen = new Set<string>();
  while (index < text.length) {
    PART.lastIndex = index;
    const match = PART.exec(text);
    if (match === null) return undefined;
    const unit = match[2] as DurationUnit;
    if (seen.has(unit)) return undefined;
    seen.add(unit);
    total += Number(match[1]) * UNIT_MS[unit];
    index = PART.lastIndex;
    while (text[index] === ' ') index += 1;
  }
  return wholeMs(total);
}

function wholeMs(ms: number): number | undefined {
  if (!Number.isFinite(ms) || ms > Number.MAX_SAFE_INTEGER) return undefined;
  const rounded = Math.round(ms);
  // Accept float noise (0.1h), refuse real fractions of a millisecond (0.5ms).
  return Math.abs(rounded - ms) < 1e-6 ? rounded : undefined;
}

/** The shortest exact spelling in the largest unit that divides it: 1800000 → `30m`, 5400000 → `90m`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  for (const unit of UNITS_DESCENDING) {
    const size = UNIT_MS[unit];
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
