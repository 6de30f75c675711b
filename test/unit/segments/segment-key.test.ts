/** Segment keys: the documented layout, offset order equals key order, and names that are not Kafka topics refused. */
import { describe, expect, it } from 'vitest';
import { parseSegmentFileName, segmentFileName, segmentKey } from '../../../engine/segments/index.js';

describe('segment keys', () => {
  it('lays out <prefix>/<migration>/segments/<topic>/<partition>/<first:20>-<last:20>.seg', () => {
    expect(segmentKey('migrations', 'mig-1', 'orders.v1', 7, 0n, 41n)).toBe('migrations/mig-1/segments/orders.v1/7/00000000000000000000-00000000000000000041.seg');
    expect(segmentKey('', 'mig-1', 'a_b-C', 0, 9n, 9n)).toBe('mig-1/segments/a_b-C/0/00000000000000000009-00000000000000000009.seg');
    expect(segmentFileName(2n ** 63n - 1n, 2n ** 63n - 1n)).toBe('09223372036854775807-09223372036854775807.seg');
  });

  it('sorts keys as text in offset order (S3 lists in key order)', () => {
    const ranges: Array<[bigint, bigint]> = [[1000n, 1999n], [2n ** 53n, 2n ** 53n + 5n], [0n, 999n], [10n ** 12n, 10n ** 12n], [2000n, 2000n]];
    const names = ranges.map(([a, b]) => segmentFileName(a, b)).sort();
    expect(names.map((name) => parseSegmentFileName(name)?.firstOffset)).toEqual([0n, 1000n, 2000n, 10n ** 12n, 2n ** 53n]);
  });

  it('parses only its own file names', () => {
    expect(parseSegmentFileName('00000000000000000005-00000000000000000009.seg')).toEqual({ firstOffset: 5n, lastOffset: 9n });
    for (const name of ['5-9.seg', '00000000000000000009-00000000000000000005.seg', '00000000000000000005-00000000000000000009.seg.tmp', 'x/00000000000000000005-00000000000000000009.seg']) {
      expect(parseSegmentFileName(name)).toBeUndefined();
    }
  });

  it('refuses topic names Kafka would refuse, instead of escaping them into a key', () => {
    for (const topic of ['', '.', '..', 'a/b', 'a b', 'é', 'x'.repeat(250)]) {
      expect(() => segmentKey('p', 'm', topic, 0, 0n, 0n), JSON.stringify(topic)).toThrow(/not a legal Kafka topic name/);
    }
    expect(() => segmentKey('p', 'm', 't', -1, 0n, 0n)).toThrow(/partition -1/);
    expect(() => segmentKey('p', 'm', 't', 0, -1n, 0n)).toThrow(/negative/);
  });
});
