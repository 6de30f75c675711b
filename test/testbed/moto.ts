/**
 * moto's server (S3 and KMS) from a pinned PyPI release, in a virtualenv at `.cache/moto-venv`. A marker naming the
 * pinned version, written after a complete install, makes later runs skip pip.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command.js';
import { CACHE_DIR, REPO_ROOT } from './paths.js';
import { HOST, PORTS } from './ports.js';
import { spawnPart, waitUntil } from './processes.js';
import { say } from './say.js';

export const MOTO_REQUIREMENT = 'moto[server]==5.2.5';
export const MOTO_VENV = join(CACHE_DIR, 'moto-venv');
const MARKER = join(MOTO_VENV, '.testbed-complete');

export const MOTO_ENDPOINT = `http://${HOST}:${PORTS.moto}`;

export async function ensureMotoVenv(): Promise<void> {
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8').trim() === MOTO_REQUIREMENT) {
    say(`moto: ${MOTO_REQUIREMENT} already in ${MOTO_VENV} (pip not called)`);
    return;
  }
  say(`moto: installing ${MOTO_REQUIREMENT} from PyPI into ${MOTO_VENV} ...`);
  rmSync(MOTO_VENV, { recursive: true, force: true });
  await runCommand('python3', ['-m', 'venv', MOTO_VENV], { what: 'creating the moto virtualenv' });
  await runCommand(
    join(MOTO_VENV, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', MOTO_REQUIREMENT],
    { what: `installing ${MOTO_REQUIREMENT} with pip` },
  );
  writeFileSync(MARKER, `${MOTO_REQUIREMENT}\n`);
  say(`moto: installed ${MOTO_REQUIREMENT}`);
}

export function startMoto(): number {
  return spawnPart('moto', {
    command: join(MOTO_VENV, 'bin', 'moto_server'),
    args: ['-H', HOST, '-p', String(PORTS.moto)],
    cwd: REPO_ROOT,
  });
}

export async function motoAnswers(): Promise<boolean> {
  // moto's own dashboard API: any HTTP answer means the server is serving.
  const response = await fetch(`${MOTO_ENDPOINT}/moto-api/data.json`, { signal: AbortSignal.timeout(3_000) });
  return response.status === 200;
}

export async function waitForMoto(timeoutMs: number): Promise<void> {
  await waitUntil(motoAnswers, { what: 'moto', parts: ['moto'], timeoutMs, intervalMs: 500 });
}
