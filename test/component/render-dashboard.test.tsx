import { describe, expect, it } from 'vitest';
import { createEventChannel } from '../../source/ui/event-source.js';
import { renderDashboard } from '../../source/ui/render-dashboard.js';
import { loadRecordedRun, timedEvents } from '../fixtures/events/recorded.js';
import { FakeClock, settle } from './fake-clock.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';

describe('renderDashboard', () => {
  it('mounts the live dashboard on the given streams, shows the events, follows a resize, and unmounts (keys off when stdin is not a TTY)', async () => {
    const run = loadRecordedRun();
    const events = timedEvents(run);
    const clock = new FakeClock(events[0]!.atMs);
    const channel = createEventChannel();
    const stdout = new FakeStdout();
    const dashboard = renderDashboard({
      events: channel,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: new FakeStdin(false) as unknown as NodeJS.ReadStream,
      env: { NO_COLOR: '1' },
      clock,
    });
    await settle(); // the dashboard subscribes in an effect, after its first frame
    for (const { event } of run.events) channel.emit(event);
    // Move the clock on until Ink (at most 30 frames a second) has written the run's end; 10 s at most on a loaded machine.
    for (let waited = 0; waited < 10_000 && !stdout.frames.join('').includes('DRAIN_READY'); waited += 20) {
      clock.advance(100);
      await settle(20);
    }
    const output = stdout.frames.join('');
    expect(output).toContain('DRAIN_READY');
    expect(output).toContain('next: kafka-backup migrate msk-kraft cutover');
    expect(output).not.toMatch(/\u001B\[3\dm/); // NO_COLOR: no foreground colours
    // A resize to 60 columns: the next frame uses the narrow layout.
    stdout.columns = 60;
    stdout.emit('resize');
    for (let waited = 0; waited < 10_000 && !stdout.frames.join('').includes('(6/10)'); waited += 20) await settle(20);
    expect(stdout.frames.join('')).toContain('✓✓✓✓✓ ● drain_ready ○○○○ (6/10)');
    const exited = dashboard.waitUntilExit();
    dashboard.unmount();
    await exited;
  });
});
