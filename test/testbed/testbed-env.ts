/** For integration tests: the running bed's addresses and credentials, typed. */
import { existsSync } from 'node:fs';
import { readEnvFile, type TestbedEnv } from './env-file.js';
import { ENV_FILE } from './paths.js';

export type { TestbedEnv, TestbedEnvKey } from './env-file.js';
export { ENV_KEYS } from './env-file.js';

/** Reads `.testbed/env`; fails with what to run when the bed was never brought up. */
export function loadTestbedEnv(): TestbedEnv {
  if (!existsSync(ENV_FILE)) {
    throw new Error(`${ENV_FILE} does not exist: bring the test bed up with \`npm run testbed -- up\``);
  }
  return readEnvFile(ENV_FILE);
}
