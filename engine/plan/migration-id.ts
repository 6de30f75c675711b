/**
 * Migration ids: `mig-YYYYMMDD-HHMMSS-xxxx` (UTC time, four hex digits of randomness). They sort by creation time and
 * are safe in S3 keys, file names and shell commands. Kept apart from `buildPlan`, which takes the id as an input.
 */

/** What `--migration-id` may be: it becomes part of S3 keys, file paths and commands. */
const MIGRATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const MIGRATION_ID_EXPECTATION =
  'a migration id of 1-64 characters: letters, digits, dot, underscore or hyphen, starting with a letter or digit';

/** A new id from the given clock reading and random source (`Math.random` in production, fixed in tests). */
export function generateMigrationId(now: Date, random: () => number): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('generateMigrationId: invalid date');
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const date = `${pad(now.getUTCFullYear(), 4)}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const draw = random();
  const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 0.999_999_999) : 0;
  const suffix = Math.floor(unit * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `mig-${date}-${time}-${suffix}`;
}

/** Undefined when `id` can be used as a migration id, else what was expected. */
export function checkMigrationId(id: string): string | undefined {
  return MIGRATION_ID.test(id) && !id.includes('..') ? undefined : MIGRATION_ID_EXPECTATION;
}
