/**
 * The generated values of one bed (SCRAM password, KRaft cluster id), kept in
 * `.testbed/state.json` (mode 0600) so that a repeated `up` and parts started later agree with those already running.
 * `down` removes it; the next fresh `up` generates new values.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BED_DIR, STATE_FILE } from './paths.js';

export const SCRAM_USERNAME = 'kb-admin';

export interface BedState {
  scramUsername: string;
  scramPassword: string;
  /** KRaft cluster id of the target (a Kafka Uuid in base64url). */
  targetClusterId: string;
}

export function loadState(): BedState | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as BedState;
}

export function newState(): BedState {
  const state: BedState = {
    scramUsername: SCRAM_USERNAME,
    // base64url: no quote, comma, bracket or '=' that could break a properties file or a SCRAM config string.
    scramPassword: randomBytes(18).toString('base64url'),
    targetClusterId: randomBytes(16).toString('base64url'),
  };
  mkdirSync(BED_DIR, { recursive: true });
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return state;
}

export function removeState(): void {
  rmSync(STATE_FILE, { force: true });
}
