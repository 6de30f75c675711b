import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../../engine/config/index.js';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['7y', 7 * 365 * 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    [' 45s ', 45_000],
    ['90', 90_000],
    [90, 90_000],
    [0, 0],
  ] as const)('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30 minutes', '-5s', '5w', '1.5ms', '30m30m', 'm', true, null, -1])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats in the largest exact unit, so the text reads like the file', () => {
    expect(formatDuration(1_800_000)).toBe('30m');
    expect(formatDuration(5_400_000)).toBe('90m');
    expect(formatDuration(7 * 365 * 86_400_000)).toBe('7y');
    expect(formatDuration(1_500)).toBe('1500ms');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('sizes', () => {
  it.each([
    ['32MiB', 32 * 1024 * 1024],
    ['1GiB', 1024 ** 3],
    ['512KiB', 512 * 1024],
    ['1MB', 1_000_000],
    ['1kb', 1_000],
    ['32 MiB', 32 * 1024 * 1024],
    ['0.5MiB', 512 * 1024],
    ['1048576', 1_048_576],
    [4096, 4096],
  ] as const)('%j is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', '32 MB/s', '1.5B', '-1MiB', '10 parsecs', 1.5, -3, 'MiB'])('%j is not a size', (text) => {
    expect(parseSize(text)).toBeUndefined();
  });

  it('formats binary units first, then decimal, else bytes', () => {
    expect(formatSize(32 * 1024 * 1024)).toBe('32MiB');
    expect(formatSize(1_000_000)).toBe('1MB');
    expect(formatSize(1_000_001)).toBe('1000001B');
  });
});
