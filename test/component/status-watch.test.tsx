import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusWatch } from '../../components/StatusWatch.js';
import type { StatusSnapshot } from '../../engine/status/index.js';
import { waitFor } from './fake-terminal.js';
import { TAIL_SNAPSHOT } from './status-snapshot.js';

afterEach(() => cleanup());

const drained: StatusSnapshot = {
  ...TAIL_SNAPSHOT,
  state: 'drain_ready',
  partitions: TAIL_SNAPSHOT.partitions.map((p) => ({ ...p, nextSourceOffset: p.sourceEnd, lag: 0 })),
  totals: { ...TAIL_SNAPSHOT.totals, totalLag: 0, maxLag: 0, behind: 0 },
  nextCommand: 'cutover',
  transitions: [...TAIL_SNAPSHOT.transitions, '2026-04-25T06:26:19.079610Z tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=0 bytes_replayed=0'],
};

describe('StatusWatch (status --watch on a terminal)', () => {
  it('shows the first snapshot, then what each refresh reads', async () => {
    const reads: StatusSnapshot[] = [drained];
    const { lastFrame } = render(<StatusWatch initial={TAIL_SNAPSHOT} load={async () => reads[0]!} intervalMs={50} color={false} columns={120} rows={40} />);
    expect(lastFrame()).toContain('TAIL');
    expect(lastFrame()).toContain('status --watch: read 0s ago (source offsets: live)');
    await waitFor(() => lastFrame()!.includes('DRAIN_READY'), 3000);
    expect(lastFrame()).toContain('DRAIN_READY');
    expect(lastFrame()).toContain('tail -> drain_ready');
    expect(lastFrame()).toContain('kafka-backup migrate msk-kraft cutover');
  });

  it('keeps the last snapshot and says so when a refresh fails, and recovers on the next one', async () => {
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 1) throw new Error('journal read failed: EACCES');
      return drained;
    };
    const { lastFrame } = render(<StatusWatch initial={TAIL_SNAPSHOT} load={load} intervalMs={40} color={false} columns={120} rows={40} />);
    await waitFor(() => lastFrame()!.includes('refresh failed'), 3000);
    expect(lastFrame()).toContain('status --watch: refresh failed, retrying in 0s: journal read failed: EACCES');
    expect(lastFrame()).toContain('TAIL');
    await waitFor(() => lastFrame()!.includes('DRAIN_READY'), 3000);
    expect(lastFrame()).not.toContain('refresh failed');
  });

  it('fits a 60-column terminal', () => {
    const { lastFrame } = render(<StatusWatch initial={TAIL_SNAPSHOT} load={async () => TAIL_SNAPSHOT} intervalMs={60_000} color={false} columns={60} rows={30} />);
    const lines = lastFrame()!.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(60);
    expect(lastFrame()).toContain('status --watch');
  });
});
