import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../source/io.js';
import { startDashboardFrontEnd } from '../../source/ui/dashboard-front-end.js';
import { loadRecordedRun } from '../fixtures/events/recorded.js';
import { FakeStdin, FakeStdout, waitFor } from './fake-terminal.js';

function terminal() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin(true);
  let err = '';
  const io: CliIO = { stdout: stdout as never, stderr: { write: (chunk: string) => (err += chunk) }, stdin: stdin as never, env: { NO_COLOR: '1' }, cwd: '/' };
  return { io, stdout, stdin, err: () => err };
}

describe('the dashboard as a run front end (execute/resume on a TTY)', () => {
  it('shows the run, hands Ctrl-C (a raw-mode key) to the command instead of exiting, and prints migration_id after unmounting with raw mode off', async () => {
    const run = loadRecordedRun();
    const { io, stdout, stdin, err } = terminal();
    let interrupts = 0;
    const frontEnd = startDashboardFrontEnd(io, { onInterrupt: () => (interrupts += 1) });
    for (const { event } of run.events) frontEnd.onEvent(event);
    await waitFor(() => stdout.text().includes('DRAIN_READY'));
    expect(stdout.text()).toContain('DRAIN_READY');
    expect(stdin.rawMode).toBe(true); // keys reach the dashboard

    stdin.press('\u0003');
    await waitFor(() => interrupts > 0, 2000);
    expect(interrupts).toBe(1);
    frontEnd.notice('interrupting: checkpointing the copy and releasing the lease (press Ctrl-C again to stop at once)');
    await waitFor(() => stdout.text().includes('interrupting: checkpointing'));
    expect(stdout.text()).toContain('interrupting: checkpointing');

    const framesBefore = stdout.frames.length;
    await Promise.all([frontEnd.stop(), frontEnd.stop()]); // a second stop waits for the first
    const id = run.events.find((e) => e.event.type === 'migration.started')!.event as { migrationId: string };
    const after = stdout.frames.slice(framesBefore).join('');
    expect(after.endsWith(`migration_id: ${id.migrationId}\n`)).toBe(true);
    expect(after.match(/migration_id:/g)).toHaveLength(1);
    expect(stdin.rawMode).toBe(false); // the terminal is back in cooked mode
    expect(stdout.text()).not.toMatch(/\u001B\[3\dm/); // NO_COLOR
    expect(err()).toBe(''); // nothing on stderr while the dashboard owns the screen
  });

  it('without a migration.started event (the run failed before it had an id) prints no migration_id line', async () => {
    const { io, stdout, stdin } = terminal();
    const frontEnd = startDashboardFrontEnd(io, { onInterrupt: () => undefined });
    await frontEnd.stop();
    expect(stdout.text()).not.toContain('migration_id:');
    expect(stdin.rawMode).toBe(false);
  });
});
