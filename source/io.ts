/** The process's streams and environment, passed in so that commands can be run (and tested) in-process. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/**
 * Interactive only when stdin and stdout are both TTYs and CI is unset, and never with --non-interactive.
 */
export function isInteractive(io: Pick<CliIO, 'stdin' | 'stdout' | 'env'>, nonInteractive: boolean): boolean {
  if (nonInteractive) return false;
  const ci = io.env['CI'];
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return io.stdin.isTTY === true && io.stdout.isTTY === true;
}
