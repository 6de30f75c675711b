/** Shared pieces of the journal unit tests: a clock the test moves, a config with secrets, temp folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { parseConfig, type MigrationConfig } from '../../../engine/config/index.js';
import { isMigrationError, type MigrationError } from '../../../engine/errors.js';
import { formatIsoMicros, type Actor, type JournalClock } from '../../../engine/journal/index.js';

export const SECRETS = { SCRAM_USERNAME: 'svc-migrator', SCRAM_PASSWORD: 'pw-Zk7#qLm!9vR2', FREEZE_HMAC_SECRET: 'hmac-Jx83mWq0pLs' } as const;

export const CONFIG_TEXT = `source:
  bootstrap_servers: 127.0.0.1:19092
  auth: { mode: scram-sha-512, username: \${SCRAM_USERNAME}, password: \${SCRAM_PASSWORD} }
target:
  bootstrap_servers: 127.0.0.1:29092
backup:
  s3_bucket: kb-backup
  s3_prefix: migrations
evidence:
  s3_bucket: kb-evidence
cutover:
  drain_timeout: 30m
`;

export function testConfig(text: string = CONFIG_TEXT, env: NodeJS.ProcessEnv = SECRETS): MigrationConfig {
  return parseConfig(text, { env, filePath: '/cfg/migration.yaml' });
}

export interface ManualClock extends JournalClock {
  advance(ms: number): void;
}

/** Starts at 2026-04-25T06:15:07.512Z; moves only when told (entry times still step by one microsecond). */
export function manualClock(startMs = Date.parse('2026-04-25T06:15:07.512Z')): ManualClock {
  let ms = startMs;
  let lastMicros = 0;
  return {
    nowMs: () => ms,
    isoMicros: () => {
      lastMicros = Math.max(lastMicros + 1, ms * 1000);
      return formatIsoMicros(lastMicros);
    },
    advance: (delta) => {
      ms += delta;
    },
  };
}

export function actorFor(host: string, pid: number, user = 'ops'): (command: string) => Actor {
  return (command) => ({ user, host, pid, command });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-journal-'));
  dirs.push(dir);
  return dir;
}

export async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    expect(isMigrationError(error), String(error)).toBe(true);
    return error as MigrationError;
  }
  throw new Error('expected a rejection');
}

export function thrown(run: () => unknown): MigrationError {
  try {
    run();
  } catch (error) {
    expect(isMigrationError(error), String(error)).toBe(true);
    return error as MigrationError;
  }
  throw new Error('expected a throw');
}

export const SAMPLE_PLAN = { schemaVersion: 1, migrationId: 'mig-test', topics: [{ name: 'orders', partitions: 3 }], note: undefined };
export const SAMPLE_PRECHECK = { schemaVersion: 1, findings: [], summary: { blockers: 0, warnings: 0, infos: 0 }, passed: true };
