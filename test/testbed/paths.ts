/** Where the test bed keeps things: downloads in the git-ignored `.cache/`, everything of one run in `.testbed/`. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Downloads that survive `down`: the Kafka classpaths and moto's virtualenv. */
export const CACHE_DIR = join(REPO_ROOT, '.cache');
/** One bed: logs, pids, data, certificates, generated configs and the env file. */
export const BED_DIR = join(REPO_ROOT, '.testbed');

export const LOGS_DIR = join(BED_DIR, 'logs');
export const PIDS_DIR = join(BED_DIR, 'pids');
/** Removed by `down`. */
export const DATA_DIR = join(BED_DIR, 'data');
export const CONFIG_DIR = join(BED_DIR, 'config');
export const CERTS_DIR = join(BED_DIR, 'certs');

export const ENV_FILE = join(BED_DIR, 'env');
export const STATE_FILE = join(BED_DIR, 'state.json');
export const MIGRATION_CONFIG_FILE = join(BED_DIR, 'migration.yaml');
export const MIGRATION_BOOTSTRAP_CONFIG_FILE = join(BED_DIR, 'migration-bootstrap.yaml');
export const FAKE_MSK_CONFIG_FILE = join(BED_DIR, 'fake-msk.json');
export const LOCK_FILE = join(BED_DIR, 'lock');
/** Test runs (vitest global setups) currently using the bed, one file per process id. */
export const USERS_DIR = join(BED_DIR, 'users');
/** Present while the running bed was started by a test run, which is then to be stopped by the last such run. */
export const STARTED_BY_TEST_RUN = join(BED_DIR, 'started-by-test-run');

export const MAVEN_DIR = join(REPO_ROOT, 'test', 'testbed', 'maven');
export const FAKE_MSK_MAIN = join(REPO_ROOT, 'test', 'fake-msk', 'main.ts');

export function logFileOf(part: string): string {
  return join(LOGS_DIR, `${part}.log`);
}

export function pidFileOf(part: string): string {
  return join(PIDS_DIR, `${part}.pid`);
}
