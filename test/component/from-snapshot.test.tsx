import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/Dashboard.js';
import { reduceDashboard } from '../../source/ui/dashboard-state.js';
import { dashboardFromSnapshot } from '../../source/ui/from-snapshot.js';
import { progress, syntheticLags } from '../fixtures/events/synthetic.js';
import { TAIL_SNAPSHOT as snapshot } from './status-snapshot.js';

afterEach(() => cleanup());

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
