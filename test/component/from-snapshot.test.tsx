import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/Dashboard.js';
import type { StatusSnapshot } from '../../engine/status/index.js';
import { reduceDashboard } from '../../source/ui/dashboard-state.js';
import { dashboardFromSnapshot } from '../../source/ui/from-snapshot.js';
import { progress, syntheticLags } from '../fixtures/events/synthetic.js';

afterEach(() => cleanup());

const snapshot: StatusSnapshot = {
  migrationId: 'mig-20260425-061500-ab12',
  state: 'tail',
  since: '2026-04-25T06:20:00.000000Z',
  timeInStateMs: 60_000,
  failedFrom: null,
  failureReason: null,
  lease: null,
  sourceOffsets: 'live',
  checkpoint: { at: '2026-04-25T06:21:00.000000Z', seq: 9, phase: 'tail', generation: 1 },
  partitions: [
    { topic: 'orders', partition: 0, nextSourceOffset: 900, targetEnd: 900, recordsCopied: 900, bytesCopied: 90_000, sourceEnd: 1_000, lag: 100 },
    { topic: 'orders', partition: 1, nextSourceOffset: 1_000, targetEnd: 1_000, recordsCopied: 1_000, bytesCopied: 100_000, sourceEnd: 1_000, lag: 0 },
  ],
  totals: { partitions: 2, totalLag: 100, maxLag: 100, behind: 1, recordsCopied: 1_900, bytesCopied: 190_000 },
  recordsPerSecond: 50,
  etaSeconds: 2,
  notes: [],
  nextCommand: null,
  nextAction: 'a process is copying: wait for drain_ready',
  transitions: [
    '2026-04-25T06:15:07.512121Z planned -> precheck',
    '2026-04-25T06:15:07.612121Z precheck -> topology_copy',
    '2026-04-25T06:15:08.512121Z topology_copy -> seed',
    '2026-04-25T06:20:00.000000Z seed -> tail',
  ],
};

describe('dashboardFromSnapshot', () => {
  it('starts the dashboard where status says the migration stands', () => {
    const state = dashboardFromSnapshot(snapshot);
    expect(state).toMatchObject({ migrationId: snapshot.migrationId, state: 'tail', phase: 'tail', etaSeconds: 2, nextCommand: null, failure: null });
    expect(state.stateSinceMs).toBe(Date.parse('2026-04-25T06:20:00.000Z'));
    expect(state.timeline.map((t) => t.state)).toEqual(['planned', 'precheck', 'topology_copy', 'seed', 'tail']);
    expect(state.rows.map((r) => [r.partition, r.lag, r.state])).toEqual([
      [0, 100, 'waiting'],
      [1, 0, 'caught-up'],
    ]);
    const { lastFrame } = render(<Dashboard state={state} now={Date.parse('2026-04-25T06:21:00Z')} width={100} color={false} isActive={false} />);
    const frame = lastFrame() ?? '';
    expect(frame.split('\n')[0]).toBe('mig-20260425-061500-ab12  TAIL for 1m00s  elapsed 5m52s');
    expect(frame).toContain('› a process is copying: wait for drain_ready');
    expect(frame).toContain('2026-04-25T06:20:00.000000Z seed -> tail');
  });

  it('then takes the resumed run\'s events like any other state', () => {
    const lags = syntheticLags(2, 1, 2);
    const state = reduceDashboard(dashboardFromSnapshot(snapshot), progress(lags, 'tail'), Date.parse('2026-04-25T06:21:01Z'));
    expect(state.rows).toHaveLength(2);
    expect(state.samples).toHaveLength(0); // no earlier progress of this process to measure against
    expect(state.phase).toBe('tail');
  });
});
