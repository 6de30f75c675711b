/**
 * A migration keeps the config it was started with. `assertSameConfig` compares the config given now with the
 * digest in the journal's first entry and, when their meaning differs, refuses with one line per changed key
 * (secrets only as `<redacted> changed`). A rotated password is not a change: the digest covers the redacted config.
 * Keys that only steer the steps still to come and never what was copied (`cutover.*`, `validation.*`) may change:
 * an operator adds the producer-freeze webhook or tunes the drain before running `cutover`.
 */
import { configDigest, diffConfigs, redactConfig, type MigrationConfig } from '../config/index.js';
import { MigrationError } from '../errors.js';
import type { MigrationCreatedEntry } from './entry-types.js';

/** Top-level sections whose keys may change after `execute` (they shape cutover and finalize, not the copy). */
export const CHANGEABLE_SECTIONS = ['cutover', 'validation'] as const;

const changeable = (line: string): boolean => CHANGEABLE_SECTIONS.some((section) => line.startsWith(`${section}.`));

export function assertSameConfig(created: Pick<MigrationCreatedEntry, 'migrationId' | 'configDigest' | 'config'>, config: MigrationConfig): void {
  const digest = configDigest(config);
  if (digest === created.configDigest) return;
  // Both sides redacted, so that a secret can never be printed; diffConfigs walks them like configs.
  const all = diffConfigs(created.config as unknown as MigrationConfig, redactConfig(config) as unknown as MigrationConfig);
  if (all.length > 0 && all.every(changeable)) return;
  const lines = all.filter((line) => !changeable(line));
  const body = lines.length === 0 ? [`  (config digest ${created.configDigest.slice(0, 12)}… is now ${digest.slice(0, 12)}…)`] : lines.map((line) => `  ${line}`);
  throw new MigrationError({
    code: 'CONFIG_INVALID',
    message: `the config differs from the one migration ${created.migrationId} was started with (journal entry 1):\n${body.join('\n')}`,
    hint: `Run this command with the original config (the journal's first entry holds a redacted copy of it), or start a new migration with this config. Only ${CHANGEABLE_SECTIONS.map((section) => `${section}.*`).join(' and ')} keys may change during a migration.`,
    exitCode: 1,
  });
}
