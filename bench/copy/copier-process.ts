/** The parent's side of the copier child: fork it (Node + tsx), exchange messages, read its peak RSS from /proc. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './copier-protocol.js';
import { track } from './processes.js';

const CHILD = fileURLToPath(new URL('./copier-child.ts', import.meta.url));

/** VmHWM (peak resident set) of a live process, in bytes; undefined when /proc does not say. */
export function peakRssOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

export class CopierProcess {
  private readonly child: ChildProcess;
  private readonly inbox: ChildMessage[] = [];
  private readonly waiters: Array<() => void> = [];
  private exited: string | undefined;

  constructor() {
    this.child = track(fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    this.child.on('message', (message: ChildMessage) => this.push(message));
    this.child.on('exit', (code, signal) => {
      this.exited = `the copier child exited (${signal ?? `code ${code}`})`;
      this.push(undefined);
    });
  }

  private push(message: ChildMessage | undefined): void {
    if (message !== undefined) this.inbox.push(message);
    this.waiters.splice(0).forEach((wake) => wake());
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  send(message: ParentMessage): void {
    this.child.send(message);
  }

  /** The next message of `type`; throws the child's failure, or its exit. */
  async next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    for (;;) {
      const failed = this.inbox.find((m) => m.type === 'failed');
      if (failed?.type === 'failed') throw new Error(`the copier failed: ${failed.message}`);
      const index = this.inbox.findIndex((m) => m.type === type);
      if (index >= 0) return this.inbox.splice(index, 1)[0] as Extract<ChildMessage, { type: T }>;
      if (this.exited !== undefined) throw new Error(this.exited);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Peak RSS while the child is still alive (call after `done`, before `exit`). */
  peakRss(): number | undefined {
    return peakRssOf(this.pid);
  }

  async exit(): Promise<void> {
    if (this.exited !== undefined) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies ParentMessage);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
}
