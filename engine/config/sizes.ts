/**
 * Sizes in the config file: `512KiB`, `32MiB`, `1GiB` (powers of 1024), `1KB`, `1MB`, `1GB` (powers of 1000), `100B`,
 * or a bare number of bytes. Units are case-insensitive. Everything is carried as whole bytes.
 */

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1_000,
  mb: 1_000_000,
  gb: 1_000_000_000,
  tb: 1_000_000_000_000,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** For formatting: binary units first (the file's own examples use them), then decimal ones. */
const FORMAT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
  ['TB', 1_000_000_000_000],
  ['GB', 1_000_000_000],
  ['MB', 1_000_000],
  ['KB', 1_000],
];

export const SIZE_EXPECTATION = 'a size such as 512KiB, 32MiB, 1GiB or 1MB, or a bare number of bytes';

const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i;

/** Bytes, or `undefined` when the value is not a size (negative, fractional bytes, unknown unit). */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = SIZE.exec(value.trim());
  if (match === null) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const multiplier = UNIT_BYTES[unit];
  if (multiplier === undefined) return undefined;
  const bytes = Number(match[1]) * multiplier;
  const rounded = Math.round(bytes);
  if (!Number.isSafeInteger(rounded) || Math.abs(rounded - bytes) > 1e-6) return undefined;
  return rounded;
}

/** 33554432 → `32MiB`, 1000000 → `1MB`, 1000001 → `1000001B`. */
export function formatSize(bytes: number): string {
  if (bytes === 0) return '0B';
  for (const [unit, size] of FORMAT_UNITS) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`;
}
