/**
 * The bed's long-running processes: spawned detached (their own process group) with output to
 * `.testbed/logs/<name>.log` and the pid in `.testbed/pids/<name>.pid`; stopped by that pid only.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LOGS_DIR, PIDS_DIR, logFileOf, pidFileOf } from './paths.js';
import { PARTS, type PartName } from './parts.js';

export interface SpawnPartOptions {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Parts this process started, so that a failed `up` can stop exactly those. */
export const startedByThisProcess = new Set<PartName>();

export function spawnPart(name: PartName, options: SpawnPartOptions): number {
  mkdirSync(LOGS_DIR, { recursive: true });
  mkdirSync(PIDS_DIR, { recursive: true });
  const logFile = logFileOf(name);
  const out = openSync(logFile, 'a');
  writeFileSync(out, `\n==== ${new Date().toISOString()} testbed starts ${name}\n`);
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    if (child.pid === undefined) throw new Error(`could not start ${name} (${options.command}); see ${logFile}`);
    child.unref();
    writeFileSync(pidFileOf(name), `${child.pid}\n`);
    startedByThisProcess.add(name);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

function readPid(name: PartName): number | undefined {
  const file = pidFileOf(name);
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** The pid of the part when its pid file names a live process that is that part; otherwise undefined. */
export function runningPid(name: PartName): number | undefined {
  const pid = readPid(name);
  if (pid === undefined) return undefined;
  const commandLine = commandLineOf(pid);
  if (commandLine === undefined || isZombie(pid)) return undefined;
  return commandLine.includes(PARTS[name].marker) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Spawned detached, so the part leads its own process group: this reaches its children too.
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

export type StopOutcome = 'not-running' | 'stopped' | 'killed';

/** SIGTERM, then SIGKILL after `graceMs`; removes the pid file. */
export async function stopPart(name: PartName, graceMs: number): Promise<StopOutcome> {
  const pid = runningPid(name);
  rmSync(pidFileOf(name), { force: true });
  if (pid === undefined) return 'not-running';
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  signalGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 10_000;
  while (Date.now() < killDeadline && isAlive(pid)) await sleep(100);
  return 'killed';
}

/** The last lines of a part's log, for error messages. */
export function logTail(name: PartName, lines = 15): string {
  try {
    const text = readFileSync(logFileOf(name), 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface WaitOptions {
  /** What is awaited, for messages: "source broker 1". */
  what: string;
  timeoutMs: number;
  /** The parts whose death ends the wait early, and whose logs the error points at. */
  parts?: PartName[];
  intervalMs?: number;
}

/** Polls `probe` until it returns true; fails with a message naming the log files on timeout or death. */
export async function waitUntil(probe: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const parts = options.parts ?? [];
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    const dead = parts.find((name) => runningPid(name) === undefined);
    if (dead !== undefined) {
      throw new Error(
        `${options.what}: ${dead} exited before it was ready; see ${logFileOf(dead)}\n` +
          `--- last lines of ${logFileOf(dead)} ---\n${logTail(dead)}`,
      );
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const logs = parts.length > 0 ? `; see ${parts.map(logFileOf).join(', ')}` : '';
      throw new Error(`${options.what} was not ready after ${Math.round(options.timeoutMs / 1000)} s${detail}${logs}`);
    }
    await sleep(options.intervalMs ?? 1_000);
  }
}
