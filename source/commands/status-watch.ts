/**
 * `status --watch`: the status re-read from the journal and the live source offsets every few seconds. On a terminal
 * (interactive, no --json) the dashboard; otherwise the plain status lines (or one JSON object a line with --json)
 * after each read, until Ctrl-C/SIGTERM or the migration reaches a terminal state.
 */
import { render } from 'ink';
import { createElement } from 'react';
import { isTerminalState } from '../../engine/state/index.js';
import { renderStatusLines, type StatusSnapshot } from '../../engine/status/index.js';
import { StatusWatch } from '../../components/StatusWatch.js';
import { colorEnabled } from '../ui/palette.js';
import type { CommandContext } from './context.js';
import { showsDashboard } from './execute-run.js';

export const WATCH_INTERVAL_MS = 3000;

export async function watchStatus(context: CommandContext, load: () => Promise<StatusSnapshot>, intervalMs = WATCH_INTERVAL_MS): Promise<number> {
  const first = await load();
  if (showsDashboard(context)) {
    const { io } = context;
    const instance = render(createElement(StatusWatch, { initial: first, load, intervalMs, color: colorEnabled(io.env), isActive: io.stdin.isTTY === true }), {
      stdout: io.stdout as NodeJS.WriteStream,
      stdin: io.stdin as NodeJS.ReadStream,
      patchConsole: false,
    });
    await instance.waitUntilExit(); // Ctrl-C (Ink's default) unmounts it and restores the terminal
    return 0;
  }
  return plainWatch(context, first, load, intervalMs);
}

async function plainWatch(context: CommandContext, first: StatusSnapshot, load: () => Promise<StatusSnapshot>, intervalMs: number): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const print = (snapshot: StatusSnapshot) =>
    context.io.stdout.write(context.json ? `${JSON.stringify(snapshot)}\n` : renderStatusLines(snapshot));
  try {
    let snapshot = first;
    for (;;) {
      print(snapshot);
      if (isTerminalState(snapshot.state)) return 0;
      await pause(intervalMs, stop.signal);
      if (stop.signal.aborted) return 0;
      snapshot = await load();
      if (!context.json) context.io.stdout.write('\n');
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
