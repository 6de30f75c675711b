import { describe, expect, it } from 'vitest';
import { decideDrain, describeBehind, drainReadyDetail, lagTotals, partitionLag } from '../../../engine/copy/lag.js';

const settings = { maxPartitionLag: 100, stableWindowMs: 30_000, timeoutMs: 1_800_000 };

describe('lag', () => {
  it('is source end minus the next offset to copy, never negative', () => {
    expect(partitionLag('t', 0, 500, 200).lag).toBe(300);
    expect(partitionLag('t', 0, 500, 500).lag).toBe(0);
    expect(partitionLag('t', 0, 500, 510).lag).toBe(0);
  });

  it('totals: sum, max, partitions behind', () => {
    const totals = lagTotals([partitionLag('a', 0, 10, 4), partitionLag('a', 1, 10, 10), partitionLag('b', 0, 30, 0)]);
    expect(totals).toEqual({ partitions: 3, totalLag: 36, maxLag: 30, behind: 2 });
  });
});

describe('drain decision', () => {
  const within = [partitionLag('a', 0, 1000, 950), partitionLag('a', 1, 10, 10)];
  const over = [partitionLag('a', 0, 1000, 800), partitionLag('a', 1, 10, 10)];

  it('starts the stable window when every partition is within the limit, and is ready once it has lasted', () => {
    const first = decideDrain({ nowMs: 1_000, startedMs: 0, withinSinceMs: null, lags: within }, settings);
    expect(first).toMatchObject({ kind: 'waiting', withinSinceMs: 1_000, maxLag: 50 });
    const early = decideDrain({ nowMs: 30_999, startedMs: 0, withinSinceMs: 1_000, lags: within }, settings);
    expect(early.kind).toBe('waiting');
    const ready = decideDrain({ nowMs: 31_000, startedMs: 0, withinSinceMs: 1_000, lags: within }, settings);
    expect(ready).toEqual({ kind: 'ready', maxLag: 50 });
  });

  it('a partition over the limit resets the window', () => {
    const decision = decideDrain({ nowMs: 20_000, startedMs: 0, withinSinceMs: 1_000, lags: over }, settings);
    expect(decision).toMatchObject({ kind: 'waiting', withinSinceMs: null, maxLag: 200 });
    if (decision.kind === 'waiting') expect(decision.over.map((lag) => lag.partition)).toEqual([0]);
  });

  it('a zero window is ready at once; a zero limit needs lag 0', () => {
    expect(decideDrain({ nowMs: 5, startedMs: 0, withinSinceMs: null, lags: within }, { ...settings, stableWindowMs: 0 }).kind).toBe('ready');
    expect(decideDrain({ nowMs: 5, startedMs: 0, withinSinceMs: null, lags: within }, { ...settings, stableWindowMs: 0, maxPartitionLag: 0 }).kind).toBe('waiting');
  });

  it('times out after the drain timeout, naming the partitions behind, largest first', () => {
    const lags = [partitionLag('a', 0, 1000, 800), partitionLag('b', 3, 5000, 1000), partitionLag('c', 0, 5, 5)];
    const decision = decideDrain({ nowMs: 1_800_000, startedMs: 0, withinSinceMs: null, lags }, settings);
    expect(decision.kind).toBe('timed-out');
    if (decision.kind !== 'timed-out') return;
    expect(decision.over.map((lag) => `${lag.topic}-${lag.partition}`)).toEqual(['b-3', 'a-0']);
    expect(describeBehind(decision.over)).toBe('b-3 (4000 behind: next 1000, source end 5000), a-0 (200 behind: next 800, source end 1000)');
  });

  it('the drain_ready detail has the reference shape', () => {
    expect(drainReadyDetail(0, 12, 3456)).toBe('drain ready: max_partition_lag=0 records_replayed=12 bytes_replayed=3456');
  });
});
