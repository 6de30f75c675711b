import { describe, expect, it } from 'vitest';
import { appendCopied, copiedCount, translateOffset, type OffsetRun } from '../../../engine/copy/offset-map.js';

describe('offset map runs', () => {
  it('one run for contiguous source offsets written contiguously', () => {
    const runs = appendCopied([], [0, 1, 2, 3], 0);
    expect(runs).toEqual([[0, 0, 4]]);
    expect(appendCopied(runs, [4, 5], 4)).toEqual([[0, 0, 6]]);
  });

  it('a new run at every source gap (compaction, transaction markers, aborted records)', () => {
    // source 10,11 then a marker at 12, then 13,14; then 20 after compaction
    const runs = appendCopied([], [10, 11, 13, 14, 20], 0);
    expect(runs).toEqual([
      [10, 0, 2],
      [13, 2, 2],
      [20, 4, 1],
    ]);
    expect(copiedCount(runs)).toBe(5);
  });

  it('a new run when the target offsets jump (e.g. a duplicate produced before a crash)', () => {
    const runs = appendCopied(appendCopied([], [0, 1], 0), [2, 3], 5);
    expect(runs).toEqual([
      [0, 0, 2],
      [2, 5, 2],
    ]);
  });

  it('refuses source offsets that go back into a copied run', () => {
    expect(() => appendCopied([[0, 0, 3]], [2], 3)).toThrow(/goes back/);
  });

  it('does not change its input', () => {
    const runs: OffsetRun[] = [[0, 0, 1]];
    appendCopied(runs, [1], 1);
    expect(runs).toEqual([[0, 0, 1]]);
  });

  it('translates a committed source offset exactly: first copied record at or after it, else the target end', () => {
    const runs: OffsetRun[] = [
      [10, 0, 2],
      [13, 2, 2],
      [20, 4, 1],
    ];
    expect(translateOffset(runs, 0, 5)).toBe(0); // before everything copied: the first record
    expect(translateOffset(runs, 10, 5)).toBe(0);
    expect(translateOffset(runs, 11, 5)).toBe(1);
    expect(translateOffset(runs, 12, 5)).toBe(2); // the marker's offset: the next copied record
    expect(translateOffset(runs, 14, 5)).toBe(3);
    expect(translateOffset(runs, 15, 5)).toBe(4); // compacted away: the next record that exists
    expect(translateOffset(runs, 20, 5)).toBe(4);
    expect(translateOffset(runs, 21, 5)).toBe(5); // at the copied end
    expect(translateOffset([], 7, 0)).toBe(0);
  });
});
