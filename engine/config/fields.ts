/**
 * Zod building blocks for config values. Every issue they raise has a message that completes the sentence
 * "expected ...", so that `issues.ts` can say what the key holds (or that it is missing) and what it should hold.
 */
import { z } from 'zod';
import { DURATION_EXPECTATION, parseDuration, formatDuration } from './durations.js';
import { SIZE_EXPECTATION, parseSize, formatSize } from './sizes.js';
import { isPlainObject } from './interpolate.js';

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const expected = (text: string): Outcome<never> => ({ ok: false, expected: text });

type Ctx = z.core.$RefinementCtx;

export function addIssue(ctx: Ctx, expectation: string, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: 'custom', message: expectation, path });
}

/**
 * A value checked by `check`. Absent values (`undefined`) are reported as missing; wrap with `.optional()` or
 * `.default()` for keys that may be left out.
 */
export function field<T>(expectation: string, check: (value: unknown) => Outcome<T>) {
  return z.unknown().transform((value, ctx): T => {
    if (value === undefined) {
      addIssue(ctx, expectation);
      return z.NEVER;
    }
    const outcome = check(value);
    if (!outcome.ok) {
      addIssue(ctx, outcome.expected);
      return z.NEVER;
    }
    return outcome.value;
  });
}

/** A non-empty string, optionally checked further by `format` (returns what was expected, or undefined if fine). */
export function text(expectation: string, format?: (value: string) => string | undefined) {
  return field(expectation, (value) => {
    if (typeof value !== 'string') return expected(`${expectation} (a string; quote it in YAML)`);
    if (value.trim() === '') return expected(`${expectation} (not empty)`);
    const problem = format?.(value);
    return problem === undefined ? ok(value) : expected(problem);
  });
}

/** A string that may be empty (e.g. an S3 prefix meaning the bucket root). */
export function anyText(expectation: string) {
  return field(expectation, (value) =>
    typeof value === 'string' ? ok(value) : expected(`${expectation} (a string; quote it in YAML)`),
  );
}

export function oneOf<const T extends readonly string[]>(values: T) {
  const expectation = `one of: ${values.join(', ')}`;
  return field(expectation, (value) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? ok(value as T[number])
      : expected(expectation),
  );
}

export function flag(expectation = 'true or false') {
  return field(expectation, (value) => {
    if (value === true || value === 'true') return ok(true);
    if (value === false || value === 'false') return ok(false);
    return expected(expectation);
  });
}

export function integer(options: { min: number; max?: number; what: string }) {
  const range =
    options.max === undefined ? `at least ${options.min}` : `from ${options.min} to ${options.max}`;
  const expectation = `a whole number ${range} (${options.what})`;
  return field(expectation, (value) => {
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) return expected(expectation);
    if (number < options.min || (options.max !== undefined && number > options.max)) return expected(expectation);
    return ok(number);
  });
}

export interface RangeOptions {
  /** Inclusive lower bound; 0 by default. */
  readonly min?: number;
  readonly max?: number;
  /** Must be a whole number of days (S3 Object Lock retention). */
  readonly wholeDays?: boolean;
}

export function duration(options: RangeOptions = {}) {
  const min = options.min ?? 0;
  return field(DURATION_EXPECTATION, (value) => {
    const ms = parseDuration(value);
    if (ms === undefined) return expected(DURATION_EXPECTATION);
    if (ms < min) return expected(min === 1 ? 'a duration greater than zero' : `a duration of at least ${formatDuration(min)}`);
    if (options.max !== undefined && ms > options.max) return expected(`a duration of at most ${formatDuration(options.max)}`);
    if (options.wholeDays === true && ms % 86_400_000 !== 0) {
      return expected('a whole number of days, such as 30d or 7y (S3 Object Lock retention is set in days)');
    }
    return ok(ms);
  });
}

export function size(options: { min: number; max: number }) {
  return field(SIZE_EXPECTATION, (value) => {
    const bytes = parseSize(value);
    if (bytes === undefined) return expected(SIZE_EXPECTATION);
    if (bytes < options.min || bytes > options.max) {
      return expected(`a size from ${formatSize(options.min)} to ${formatSize(options.max)}`);
    }
    return ok(bytes);
  });
}

/** A list of strings; a single string is taken as a one-item list. Each item is checked by `format`. */
export function stringList(options: {
  what: string;
  minItems: number;
  /** Also accept one string of comma-separated items. */
  commaSeparated?: boolean;
  format?: (item: string) => string | undefined;
}) {
  const expectation = options.commaSeparated === true
    ? `a list of ${options.what}, or one string of them separated by commas`
    : `a list of ${options.what}`;
  return z.unknown().transform((value, ctx): string[] => {
    if (value === undefined) {
      addIssue(ctx, expectation);
      return z.NEVER;
    }
    const items =
      typeof value !== 'string'
        ? value
        : options.commaSeparated === true
          ? value.split(',').map((item) => item.trim())
          : [value];
    if (!Array.isArray(items)) {
      addIssue(ctx, expectation);
      return z.NEVER;
    }
    if (items.length < options.minItems) {
      addIssue(ctx, `${expectation} with at least ${options.minItems} item${options.minItems === 1 ? '' : 's'}`);
      return z.NEVER;
    }
    let failed = false;
    items.forEach((item, index) => {
      const fromString = typeof value === 'string';
      let problem: string | undefined;
      if (typeof item !== 'string') problem = `${options.what} (a string)`;
      else if (item.trim() === '') problem = `${options.what} (no empty entries)`;
      else problem = options.format?.(item);
      if (problem !== undefined) {
        const which = fromString && items.length > 1 ? `; entry ${index + 1} (${JSON.stringify(item)}) is not` : '';
        addIssue(ctx, problem + which, fromString ? [] : [index]);
        failed = true;
      }
    });
    return failed ? z.NEVER : (items as string[]).map((item) => item.trim());
  });
}

/** A mapping whose unknown keys are errors; the known keys travel in the issue message for "did you mean". */
export function section<S extends z.ZodRawShape>(shape: S, expectation = 'a mapping of keys') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return encodeKnownKeys(known);
      if (issue.code === 'invalid_type') return expectation;
      return undefined;
    },
  });
}

const KNOWN_KEYS_PREFIX = 'known-keys:';

function encodeKnownKeys(keys: readonly string[]): string {
  return KNOWN_KEYS_PREFIX + JSON.stringify(keys);
}

export function decodeKnownKeys(message: string): string[] | undefined {
  if (!message.startsWith(KNOWN_KEYS_PREFIX)) return undefined;
  return JSON.parse(message.slice(KNOWN_KEYS_PREFIX.length)) as string[];
}

/** Reads a value a cross-field rule may use: the parsed value when its own check passed, else undefined. */
export function valid<T>(value: unknown, guard: (v: unknown) => v is T): T | undefined {
  return guard(value) ? value : undefined;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isRecord = isPlainObject;
