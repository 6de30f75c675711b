/** Runs a short-lived command (mvn, pip, openssl, keytool, a Kafka tool) to completion. */
import { spawn } from 'node:child_process';

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** For messages: "resolving Kafka 3.9.2 with Maven". */
  what: string;
  timeoutMs?: number;
  /** Strings (passwords) replaced by *** in any output that ends up in an error message. */
  redact?: string[];
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

const MAX_KEPT_OUTPUT = 20_000;

/** Resolves with the output when the command exits 0; rejects with its last output otherwise. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const keep = (text: string, chunk: Buffer): string => (text + chunk.toString('utf8')).slice(-MAX_KEPT_OUTPUT);
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      rejectRun(new CommandError(`${options.what} failed: cannot run ${command}: ${error.message}`, ''));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolveRun({ stdout, stderr });
        return;
      }
      let output = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
      for (const secret of options.redact ?? []) if (secret) output = output.split(secret).join('***');
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      rejectRun(new CommandError(`${options.what} failed (${command}, ${how}):\n${output}`, output));
    });
  });
}
