/** `npm run bench -- copy` options: sizes, counts and switches, and the errors an operator sees for bad ones. */
import { describe, expect, it } from 'vitest';
import { COPY_BENCH_DEFAULTS, CopyBenchUsageError, parseCopyBenchArgs, spreadPartitions } from '../../bench/copy/options.js';
import { planDataSet } from '../../bench/copy/data-set.js';

describe('copy bench options', () => {
  it('defaults to 256 MiB over 64 partitions, 1 KiB records, a 1,000-partition memory run, MM2 on', () => {
    expect(parseCopyBenchArgs([])).toEqual(COPY_BENCH_DEFAULTS);
    expect(COPY_BENCH_DEFAULTS).toMatchObject({ sizeBytes: 268_435_456, partitions: 64, recordBytes: 1024, rssPartitions: 1000, skipMm2: false, json: false });
  });

  it('reads sizes in binary and decimal units, counts and switches, with a space or =', () => {
    expect(parseCopyBenchArgs(['--size', '2GiB', '--partitions=128', '--record-bytes', '512', '--rss-partitions', '0', '--rss-size=1MB', '--tail-rate', '500', '--skip-mm2', '--json'])).toEqual({
      sizeBytes: 2 * 1024 ** 3,
      partitions: 128,
      recordBytes: 512,
      rssPartitions: 0,
      rssSizeBytes: 1_000_000,
      tailRate: 500,
      skipMm2: true,
      rssOnly: false,
      json: true,
    });
  });

  it.each([
    [['--size', 'lots'], '--size "lots" is not a size: expected a size such as 512KiB'],
    [['--size', '0'], '--size "0" is not a size'],
    [['--partitions', '3'], '--partitions "3" is not usable: expected a whole number of at least 4'],
    [['--partitions', '6.5'], '--partitions "6.5" is not usable'],
    [['--rss-partitions', '-1'], '--rss-partitions "-1" is not usable: expected 0 (no memory run) or a whole number of at least 4'],
    [['--size'], '--size needs a value'],
    [['--size', '--json'], '--size needs a value'],
    [['--record-bytes'], '--record-bytes needs a value'],
    [['--sise', '1GiB'], 'unknown option "--sise"'],
    [['--size', '1KiB', '--record-bytes', '2048'], '--record-bytes 2048 is larger than --size 1024'],
    [['--rss-only', '--rss-partitions', '0'], '--rss-only with --rss-partitions 0 runs nothing'],
  ])('rejects %j naming the option and the value', (args, message) => {
    expect(() => parseCopyBenchArgs(args)).toThrow(CopyBenchUsageError);
    expect(() => parseCopyBenchArgs(args)).toThrow(message);
  });

  it('spreads partitions over the four codecs, the first ones taking the remainder', () => {
    expect(spreadPartitions(64).map((s) => s.partitions)).toEqual([16, 16, 16, 16]);
    expect(spreadPartitions(1000).map((s) => `${s.codec}:${s.partitions}`)).toEqual(['snappy:250', 'lz4:250', 'zstd:250', 'gzip:250']);
    expect(spreadPartitions(6).map((s) => s.partitions)).toEqual([2, 2, 1, 1]);
  });

  it('plans a data set whose records add up to the size, in proportion to each topic\'s partitions', () => {
    const set = planDataSet('bench-copy-x', 256 * 1024 ** 2, 64, 1024);
    expect(set.topics.map((t) => t.name)).toEqual(['bench-copy-x.snappy', 'bench-copy-x.lz4', 'bench-copy-x.zstd', 'bench-copy-x.gzip']);
    expect(set.topics.reduce((sum, t) => sum + t.records, 0)).toBe(262_144);
    expect(set.batchBytes).toBe(256 * 1024);
    const uneven = planDataSet('p', 6 * 1024, 6, 1024);
    expect(uneven.topics.map((t) => t.records)).toEqual([2, 2, 1, 1]);
    // Small shares per partition get small batches, so the sticky partitioner reaches every partition.
    expect(planDataSet('p', 64 * 1024 ** 2, 1000, 1024).batchBytes).toBe(8389);
  });
});
