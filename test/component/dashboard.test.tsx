import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/Dashboard.js';
import { foldDashboard, reduceDashboard } from '../../source/ui/dashboard-state.js';
import { colorEnabled } from '../../source/ui/palette.js';
import { loadRecordedRun, timedEvents } from '../fixtures/events/recorded.js';
import { syntheticSeedRun, transition } from '../fixtures/events/synthetic.js';

afterEach(() => cleanup());

const events = timedEvents(loadRecordedRun());
const until = (predicate: (e: (typeof events)[number], i: number) => boolean) => events.slice(0, events.findIndex(predicate) + 1);
const secondProgress = until((e, i) => e.event.type === 'copy.progress' && events.slice(0, i).some((p) => p.event.type === 'copy.progress'));
const TRANSITION_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [a-z_]+ -> [a-z_]+( .+)?$/;

function frameOf(state: ReturnType<typeof foldDashboard>, width: number, now: number, height = 40): string {
  const { lastFrame } = render(<Dashboard state={state} now={now} width={width} height={height} color={false} isActive={false} />);
  return lastFrame() ?? '';
}

describe('Dashboard, the recorded execute run replayed', () => {
  it('mid-seed: id, SEED and time in it, the progress bar, the timeline mark, the worst partition first, the journal so far', () => {
    const state = foldDashboard(secondProgress);
    const now = secondProgress.at(-1)!.atMs;
    const frame = frameOf(state, 120, now);
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${state.migrationId}  SEED for \\d+s  elapsed \\d+s`));
    expect(lines[1]).toMatch(/^seed [█░]+ +\d+%  [\d,]+ records  [\d.]+ MB  lag [\d,]+ \(\d+\/13 behind\)/);
    expect(lines[2]).toMatch(/^[\d.]+ MB\/s [▁-█] +[\d.k]+ rec\/s [▁-█] +ETA \d+s/);
    expect(lines[3]).toBe('✓✓✓ ● seed › ○ tail › ○ drain_ready › ○ cutover › ○ awaiting_client_switch › ○ validating › ○ finalized');
    const worst = [...state.rows].sort((a, b) => b.lag - a.lag)[0]!;
    const header = lines.findIndex((line) => line.startsWith('TOPIC'));
    expect(lines[header + 1]).toMatch(new RegExp(`^${worst.topic.replace('.', '\\.')} +${worst.partition} .* ${worst.lag.toLocaleString('en-US')} ▇+ +[\\d.k]+ copying`));
    expect(frame).toContain('rows 1–13 of 13');
    expect(frame).toContain('Findings: 0 blocker(s), 1 warning(s), 1 info');
    expect(frame).toMatch(/WARNING W10 bootstrap:/);
    const journal = lines.slice(lines.indexOf('Journal') + 1).filter((line) => line.trim() !== '');
    expect(journal).toHaveLength(3);
    for (const line of journal) expect(line).toMatch(TRANSITION_LINE);
    expect(journal[2]).toMatch(/Z topology_copy -> seed$/);
  });

  it('at the end: DRAIN_READY, every state before it ticked, all partitions caught up, the drain-ready journal line', () => {
    const state = foldDashboard(events);
    const frame = frameOf(state, 120, events.at(-1)!.atMs + 5_000);
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/ DRAIN_READY for 5s  elapsed \d+s  next: kafka-backup migrate msk-kraft cutover$/);
    expect(lines[1]).toMatch(/100%/);
    expect(lines[2]).toContain('ETA caught up');
    expect(lines[3]).toMatch(/^✓✓✓✓✓ ● drain_ready › ○ cutover/);
    expect(lines.filter((line) => / caught-up$/.test(line))).toHaveLength(13);
    // The journal line is longer than 120 columns: it wraps rather than losing its end.
    const journal = lines.slice(lines.indexOf('Journal') + 1).join('\n');
    const last = journal.split('\n').slice(-2).join(' ');
    expect(last).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]{15}Z tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=\d+ bytes_replayed=\d+$/);
  });

  it('in 60 columns: no line wider than 60, fewer columns, the timeline shortened', () => {
    for (const slice of [secondProgress, events]) {
      const state = foldDashboard(slice);
      const frame = frameOf(state, 60, slice.at(-1)!.atMs);
      const lines = frame.split('\n');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
      const header = lines.find((line) => line.startsWith('TOPIC'))!;
      expect(header).not.toContain('COPIED TO');
      expect(header).not.toContain('SOURCE END');
      expect(header).toMatch(/LAG STATE/);
      expect(frame).toMatch(/[✓●○]+ \(\d+\/10\)/);
      expect(frame).toContain('↑↓ PgUp/Dn Home/End · / · c · Esc');
    }
    // The next command gets its own line rather than being cut off.
    expect(frameOf(foldDashboard(events), 60, events.at(-1)!.atMs).split('\n')[1]).toBe('next: kafka-backup migrate msk-kraft cutover');
  });

  it('in 80 columns: no line wider than 80, SOURCE END kept, COPIED TO dropped', () => {
    const frame = frameOf(foldDashboard(secondProgress), 80, secondProgress.at(-1)!.atMs);
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/SOURCE END +LAG/);
    expect(frame).not.toContain('COPIED TO');
  });

  it('a failure: the banner with the reason, ✗ where it stopped, FAILED after the path', () => {
    let state = foldDashboard(secondProgress);
    state = reduceDashboard(state, transition('seed', 'failed', 9_000, 9), 1);
    state = reduceDashboard(state, { type: 'migration.failed', state: 'seed', reason: 'COPY: the target refused a produce', journaled: true }, 2);
    const frame = frameOf(state, 120, secondProgress.at(-1)!.atMs);
    expect(frame).toContain('FAILED in seed: COPY: the target refused a produce (journaled)');
    expect(frame).toMatch(/✓✓✓ ✗ seed › ○ tail .*FAILED/);
    expect(frame.split('\n')[0]).toContain(' FAILED for ');
  });

  it('10,000 partitions: the worst first, only a window of rows rendered', () => {
    const run = syntheticSeedRun(10_000, 2);
    const state = foldDashboard(run);
    const frame = frameOf(state, 120, run.at(-1)!.atMs, 40);
    const lines = frame.split('\n');
    const header = lines.findIndex((line) => line.startsWith('TOPIC'));
    const footer = lines.findIndex((line) => line.startsWith('rows '));
    const worst = [...state.rows].sort((a, b) => b.lag - a.lag)[0]!;
    expect(lines[header + 1]).toMatch(new RegExp(`^${worst.topic} +${worst.partition} `));
    expect(footer - header - 1).toBeLessThan(40);
    expect(lines[footer]).toMatch(new RegExp(`^rows 1–${footer - header - 1} of 10,000`));
    expect(lines.length).toBeLessThanOrEqual(40);
  });
});

describe('colour', () => {
  it('is off with NO_COLOR set (chalk 5 does not read it), or FORCE_COLOR=0', () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' })).toBe(false);
  });
});
