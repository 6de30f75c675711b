/**
 * Test runs using the bed at the same time (each vitest global setup registers its pid in `.testbed/users/`), so that
 * the run that started the bed does not stop it under another run: the last user out stops a bed that a test run
 * started. A bed started by hand (`npm run testbed -- up`) is never stopped by a test run.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STARTED_BY_TEST_RUN, USERS_DIR } from './paths.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function registerUser(startedTheBed: boolean): void {
  mkdirSync(USERS_DIR, { recursive: true });
  writeFileSync(join(USERS_DIR, String(process.pid)), '');
  if (startedTheBed) writeFileSync(STARTED_BY_TEST_RUN, `${process.pid}\n`);
}

/** Unregisters this process; true when it was the last user of a bed that a test run started. */
export function unregisterUser(): boolean {
  rmSync(join(USERS_DIR, String(process.pid)), { force: true });
  const others = existsSync(USERS_DIR)
    ? readdirSync(USERS_DIR)
        .map(Number)
        .filter((pid) => Number.isInteger(pid) && pid !== process.pid && alive(pid))
    : [];
  return others.length === 0 && existsSync(STARTED_BY_TEST_RUN);
}

/** `npm run testbed -- up` by hand: whoever started the bed, test runs leave it up from now on. */
export function keepBedAfterTestRuns(): void {
  rmSync(STARTED_BY_TEST_RUN, { force: true });
}

export function forgetTestRunStart(): void {
  rmSync(STARTED_BY_TEST_RUN, { force: true });
  rmSync(USERS_DIR, { recursive: true, force: true });
}
