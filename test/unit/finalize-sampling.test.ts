import { describe, expect, it } from 'vitest';
import { compareRecords, sameRecord } from '../../engine/finalize/compare-records.js';
import { chooseSamples } from '../../engine/finalize/sampling.js';
import { scanRange } from '../../engine/finalize/scan-range.js';
import { MemoryCluster, record } from './finalize-fixtures.js';

describe('chooseSamples', () => {
  const runs = [
    [0, 100, 50],
    [60, 150, 40],
  ] as const;

  it('takes the earliest, the latest and N distinct others, each at the target offset the offset map gives', () => {
    const spots = chooseSamples(runs, 5, 'mig:orders:0');
    expect(spots).toHaveLength(7);
    expect(spots[0]).toEqual({ role: 'earliest', sourceOffset: 0, targetOffset: 100 });
    expect(spots.at(-1)).toEqual({ role: 'latest', sourceOffset: 99, targetOffset: 189 });
    expect(new Set(spots.map((s) => s.sourceOffset)).size).toBe(7);
    for (const spot of spots) {
      // Every sample is a copied offset (never in the 50..59 gap) and maps inside its run.
      expect(spot.sourceOffset < 50 || spot.sourceOffset >= 60).toBe(true);
      expect(spot.targetOffset).toBe(spot.sourceOffset < 50 ? 100 + spot.sourceOffset : 150 + spot.sourceOffset - 60);
    }
  });

  it('is repeatable for one seed and differs between partitions', () => {
    expect(chooseSamples(runs, 5, 'mig:orders:0')).toEqual(chooseSamples(runs, 5, 'mig:orders:0'));
    expect(chooseSamples(runs, 5, 'mig:orders:1').map((s) => s.sourceOffset)).not.toEqual(chooseSamples(runs, 5, 'mig:orders:0').map((s) => s.sourceOffset));
  });

  it('leaves the sentinel out and takes every record when there are few', () => {
    expect(chooseSamples([[0, 0, 4]], 3, 's', new Set([3])).map((s) => [s.role, s.sourceOffset])).toEqual([
      ['earliest', 0],
      ['sample', 1],
      ['latest', 2],
    ]);
    expect(chooseSamples([[7, 0, 1]], 3, 's', new Set([7]))).toEqual([]);
    expect(chooseSamples([], 3, 's')).toEqual([]);
  });
});

describe('compareRecords', () => {
  it('tells null from empty in keys, values and header values', () => {
    const base = record(1, 'a');
    expect(compareRecords(base, { ...base, key: null }).map((d) => d.field)).toEqual(['key']);
    expect(compareRecords({ ...base, value: new Uint8Array() }, { ...base, value: null }).map((d) => d.field)).toEqual(['value']);
    expect(compareRecords(base, { ...base, headers: [base.headers[0]!, { key: 'h', value: new Uint8Array() }] })[0]?.detail).toBe(
      'header 2 ("h"): value null on the source differs from 0 bytes on the target',
    );
    expect(compareRecords(base, { ...base, headers: base.headers.slice(0, 1) })[0]?.detail).toBe('source has 2 headers, target 1');
    expect(sameRecord(base, { ...base, offset: 99n })).toBe(true);
  });

  it('a timestamp difference is a real difference unless both sides stamp LogAppendTime', () => {
    const base = record(1, 'a');
    expect(compareRecords(base, { ...base, timestamp: 5n })).toEqual([expect.objectContaining({ field: 'timestamp', expected: false })]);
    const stamped = { ...base, timestampType: 'LogAppendTime' as const };
    expect(sameRecord(stamped, { ...stamped, timestamp: 5n })).toBe(true);
  });
});

describe('scanRange', () => {
  it('counts committed records over a range with gaps, paging through the reader, keeping only what was asked', async () => {
    const cluster = new MemoryCluster(2);
    const ref = { topic: 't', partition: 0 };
    cluster.set(ref, { logStart: 0, end: 20, records: [0, 1, 2, 5, 6, 9, 12, 13, 19].map((o) => record(o, String(o))) });
    const scan = await scanRange(cluster, ref, { logStart: 0, end: 20, from: 1, to: 13 }, new Set([2, 3, 12]), { maxBytes: 1024 });
    expect(scan.count).toBe(6);
    expect(scan.first?.offset).toBe(1n);
    expect(scan.last?.offset).toBe(12n);
    expect([...scan.kept.keys()]).toEqual([2, 12]);
    expect(cluster.fetches).toBeGreaterThan(2);
  });

  it('gives up with a named error when the reader stops moving forward', async () => {
    const stuck = new MemoryCluster();
    const ref = { topic: 't', partition: 3 };
    stuck.set(ref, { logStart: 0, end: 10, records: [] });
    stuck.fetch = async () => ({ records: [], nextOffset: 4n, highWatermark: 10n, lastStableOffset: 4n, logStartOffset: 0n });
    await expect(scanRange(stuck, ref, { logStart: 0, end: 10, from: 4, to: 10 }, new Set(), { maxBytes: 1, maxStalls: 2 })).rejects.toThrow(
      'reading t-3 stopped moving at offset 4 (expected records up to 9; high watermark 10, last stable offset 4)',
    );
  });
});
