import { describe, expect, it } from 'vitest';
import { RETENTION_RISK_FRACTION, SEED_THROUGHPUT_BYTES_PER_SECOND, estimateSeed } from '../../../engine/precheck/index.js';
import { entry, run, topic, withCode } from './builders.js';

const HOUR = 3_600_000;

describe('seed estimate', () => {
  it('uses the exported throughput (about 55 MB/s) over the known sizes', () => {
    expect(SEED_THROUGHPUT_BYTES_PER_SECOND).toBe(55_000_000);
    const estimate = estimateSeed([topic('a', { partitions: 2, partitionBytes: 55_000_000 }), topic('b', { partitionBytes: undefined })]);
    expect(estimate.knownBytes).toBe(110_000_000);
    expect(estimate.durationMs).toBe(2_000);
    expect(estimate.topicsWithUnknownSize).toEqual(['b']);
  });
});

describe('W02 retention racing the seed', () => {
  // 198 GB at 55 MB/s = 1h of seed.
  const big = (name: string, retentionMs: number) =>
    topic(name, { partitions: 3, partitionBytes: 66_000_000_000, configs: [entry('retention.ms', String(retentionMs))] });

  it('fires when the seed takes at least the risk fraction of a topic\'s retention', () => {
    const report = run({ inventory: (inv) => void (inv.source.topics = [big('clicks', 4 * HOUR)]) });
    const [w02] = withCode(report, 'W02');
    expect(w02?.subject).toBe('clicks');
    expect(w02?.detail).toContain('keeps records for 4h (retention.ms=14400000) and the seed is estimated at 1h');
    expect(w02?.remedy).toContain('raise retention.ms on source topic clicks to at least 21600000 (6h)');
  });
  it('does not fire when the seed is a small share of retention', () => {
    const report = run({ inventory: (inv) => void (inv.source.topics = [big('clicks', (1 / RETENTION_RISK_FRACTION) * HOUR + HOUR)]) });
    expect(withCode(report, 'W02')).toEqual([]);
  });
  it('does not fire for compacted or unlimited-retention topics', () => {
    const report = run({
      inventory: (inv) =>
        void (inv.source.topics = [
          topic('state', { partitionBytes: 66_000_000_000, configs: [entry('cleanup.policy', 'compact'), entry('retention.ms', '1000')] }),
          topic('forever', { partitionBytes: 66_000_000_000, configs: [entry('retention.ms', '-1')] }),
        ]),
    });
    expect(withCode(report, 'W02')).toEqual([]);
  });
  it('uses the source broker retention when the topic has none', () => {
    const report = run({
      inventory: (inv) => {
        inv.source.limits.logRetentionMs = 2 * HOUR;
        inv.source.topics = [topic('clicks', { partitionBytes: 66_000_000_000 })];
      },
    });
    expect(withCode(report, 'W02').map((item) => item.subject)).toEqual(['clicks']);
  });
  it('does not fire when no size is known (nothing to estimate)', () => {
    const report = run({ inventory: (inv) => void (inv.source.topics = [topic('clicks', { partitionBytes: undefined, configs: [entry('retention.ms', '60000')] })]) });
    expect(withCode(report, 'W02')).toEqual([]);
  });
});
