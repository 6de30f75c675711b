import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveDashboard } from '../../components/LiveDashboard.js';
import { useDashboard } from '../../components/use-dashboard.js';
import { createEventChannel, type DashboardEventSource } from '../../source/ui/event-source.js';
import { loadRecordedRun } from '../fixtures/events/recorded.js';
import { progress, syntheticLags } from '../fixtures/events/synthetic.js';
import { FakeClock, settle } from './fake-clock.js';

afterEach(() => cleanup());

function Probe({ events, clock, onRender }: { events: DashboardEventSource; clock: FakeClock; onRender: () => void }) {
  const view = useDashboard(events, { clock });
  onRender();
  return <Text>{`events=${view.state.events} state=${view.state.state ?? '-'} now=${view.now}`}</Text>;
}

describe('useDashboard', () => {
  it('folds 1,000 events in one tick into one render, then at most one render per 100 ms', async () => {
    const clock = new FakeClock();
    const channel = createEventChannel();
    let renders = 0;
    const { lastFrame } = render(<Probe events={channel} clock={clock} onRender={() => (renders += 1)} />);
    await settle();
    expect(renders).toBe(1);
    const lags = syntheticLags(20, 1);
    for (let i = 0; i < 1_000; i += 1) channel.emit(progress(lags));
    await settle();
    expect(renders).toBe(1); // nothing until the clock lets the flush run
    clock.advance(0);
    await settle();
    expect(renders).toBe(2);
    expect(lastFrame()).toContain('events=1000');

    // Another burst right after a render waits for the rest of the 100 ms.
    for (let i = 0; i < 1_000; i += 1) channel.emit(progress(lags));
    clock.advance(99);
    await settle();
    expect(renders).toBe(2);
    clock.advance(1);
    await settle();
    expect(renders).toBe(3);
    expect(lastFrame()).toContain('events=2000');

    // 1,000 events spread over one second (React given a chance to render every 10 ms): about 10 renders.
    for (let i = 0; i < 1_000; i += 1) {
      channel.emit(progress(lags));
      clock.advance(1);
      if (i % 10 === 9) await settle(0);
    }
    await settle();
    expect(renders - 3).toBeLessThanOrEqual(11);
    expect(renders - 3).toBeGreaterThanOrEqual(9);
    expect(lastFrame()).toContain('events=3000');
  });

  it('moves the clock on once a second without events (time in state keeps counting)', async () => {
    const clock = new FakeClock(1_000_000);
    const channel = createEventChannel();
    let renders = 0;
    const { lastFrame } = render(<Probe events={channel} clock={clock} onRender={() => (renders += 1)} />);
    await settle();
    for (let i = 0; i < 3; i += 1) {
      clock.advance(1_000);
      await settle();
    }
    expect(renders).toBe(4);
    expect(lastFrame()).toContain('now=1003000');
  });

  it('unsubscribes and cancels its timers on unmount', async () => {
    const clock = new FakeClock();
    let listeners = 0;
    const source: DashboardEventSource = {
      subscribe: () => {
        listeners += 1;
        return () => (listeners -= 1);
      },
    };
    const { unmount } = render(<Probe events={source} clock={clock} onRender={() => undefined} />);
    await settle();
    expect(listeners).toBe(1);
    unmount();
    expect(listeners).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe('LiveDashboard replaying the recorded run through an event channel', () => {
  it('shows each state as the run reaches it, and the final journal lines', async () => {
    const run = loadRecordedRun();
    const t0 = Date.parse(run.recordedAt);
    const clock = new FakeClock(t0);
    const channel = createEventChannel();
    const { lastFrame, frames } = render(<LiveDashboard events={channel} clock={clock} color={false} columns={120} rows={40} isActive={false} />);
    await settle();
    expect(lastFrame()).toContain('(waiting for the run)');
    const seen = new Set<string>();
    for (const { atMs, event } of run.events) {
      clock.advance(Math.max(0, t0 + atMs - clock.now()));
      channel.emit(event);
      await settle(1);
      const state = lastFrame()?.split('\n')[0]?.match(/ ([A-Z_]+) for /)?.[1];
      if (state !== undefined) seen.add(state);
    }
    clock.advance(100);
    await settle();
    const frame = lastFrame() ?? '';
    expect(frame.split('\n')[0]).toMatch(/ DRAIN_READY for 0s/);
    expect(seen.has('SEED')).toBe(true);
    expect(seen.has('TAIL')).toBe(true);
    expect(frame).toMatch(/Z planned -> precheck\n/);
    expect(frame).toMatch(/Z seed -> tail\n/);
    // Far fewer frames than events: the replay's bursts were coalesced.
    expect(frames.length).toBeLessThan(run.events.length);
  });
});
