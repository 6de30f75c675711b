/** Stand-ins for a terminal's streams, for mounting the Ink screens as the commands do (not through ink-testing-library). */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  columns = 100;
  rows = 40;
  readonly isTTY = true;
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  text(): string {
    return this.frames.join('');
  }
}

/** A keyboard: `press(data)` delivers bytes the way Ink reads them ('readable', then read()). */
export class FakeStdin extends EventEmitter {
  private pending: string[] = [];
  rawMode = false;
  constructor(readonly isTTY = true) {
    super();
  }
  press(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  setEncoding(): void {}
  setRawMode(on: boolean): void {
    this.rawMode = on;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Polls until `done()` or `ms` pass (Ink draws at most 30 frames a second; a loaded machine is slower). */
export async function waitFor(done: () => boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; waited < ms && !done(); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}
