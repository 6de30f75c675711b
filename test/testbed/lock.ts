/** One `up` or `down` at a time: a lock file holding the pid of its owner; a dead owner's lock is taken over. */
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { BED_DIR, LOCK_FILE } from './paths.js';
import { sleep } from './processes.js';
import { say } from './say.js';

function holder(): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(LOCK_FILE, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withLock<T>(what: string, action: () => Promise<T>, waitMs = 15 * 60_000): Promise<T> {
  mkdirSync(BED_DIR, { recursive: true });
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holder();
      if (pid === undefined || pid === process.pid || !alive(pid)) {
        rmSync(LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${what}: another testbed command (pid ${pid}) holds ${LOCK_FILE}`);
      if (!told) say(`${what}: waiting for another testbed command (pid ${pid}) to finish`);
      told = true;
      await sleep(1_000);
    }
  }
  try {
    return await action();
  } finally {
    if (holder() === process.pid) rmSync(LOCK_FILE, { force: true });
  }
}
