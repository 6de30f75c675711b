/**
 * The processes the copy bench starts (Kafka's tools, MirrorMaker 2, the copier child), tracked so an interrupted
 * bench stops every one of them (by its own pid) before deleting its topics: a ProducerPerformance left writing to a
 * deleted topic would block for minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

export function track<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM to every tracked process still running; resolves when they exited (SIGKILL after 10 s). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Runs a tool to completion: its output when it exits 0, else an error naming `what` with its last output lines. */
export function runTool(command: string, args: readonly string[], what: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    const keep = (text: string, chunk: Buffer) => (text + chunk.toString('utf8')).slice(-20_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    child.once('error', (error) => reject(new Error(`${what} failed: cannot run ${command}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) return resolve({ stdout, stderr });
      const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-20).join('\n');
      reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}):\n${tail}`));
    });
  });
}
