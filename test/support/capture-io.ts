import { PassThrough } from 'node:stream';
import type { CliIO } from '../../source/io.js';

export interface CapturedIO extends CliIO {
  out(): string;
  err(): string;
}

/** In-memory streams for running the command line in-process. */
export function captureIO(options: { tty?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CapturedIO {
  let out = '';
  let err = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  return {
    stdout: { write: (chunk: string) => (out += chunk), isTTY: options.tty ?? false, columns: 120 },
    stderr: { write: (chunk: string) => (err += chunk), isTTY: options.tty ?? false },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
