/**
 * vitest globalSetup of the `integration` project: reuses a running bed (and leaves it running), otherwise brings it
 * up and takes it down again at the end. The env values go into `process.env` before the workers start, and are
 * also provided as `inject('testbedEnv')`.
 */
import type { TestProject } from 'vitest/node';
import { down } from './down.js';
import type { TestbedEnv } from './env-file.js';
import { ALL_PARTS } from './parts.js';
import { runningPid } from './processes.js';
import { say } from './say.js';
import { up } from './up.js';
import { forgetTestRunStart, registerUser, unregisterUser } from './users.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testbedEnv: TestbedEnv;
  }
}

export async function setup(project: TestProject): Promise<void> {
  const runningBefore = ALL_PARTS.filter((name) => runningPid(name) !== undefined);
  // `up` is idempotent: on a running bed it only checks that every part answers and rewrites the env files.
  const result = await up();
  const startedTheBed = runningBefore.length === 0;
  registerUser(startedTheBed);
  say(
    startedTheBed
      ? 'integration tests: started the test bed; it is taken down after the tests'
      : 'integration tests: reusing the running test bed; it stays up after the tests',
  );
  Object.assign(process.env, result.env);
  project.provide('testbedEnv', result.env);
}

export async function teardown(): Promise<void> {
  if (!unregisterUser()) return;
  say('integration tests: taking down the test bed they started');
  forgetTestRunStart();
  await down();
}
