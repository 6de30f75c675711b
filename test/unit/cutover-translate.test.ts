import { describe, expect, it } from 'vitest';
import type { PartitionPosition } from '../../engine/copy/positions.js';
import { exactTargetOffset, offsetCount, offsetFloorViolations, readyDetail, sentinelTargets, translateGroups } from '../../engine/cutover/translate.js';
import type { OffsetRun } from '../../engine/copy/offset-map.js';

function position(topic: string, partition: number, runs: OffsetRun[], nextSourceOffset: number): PartitionPosition {
  const last = runs.at(-1);
  return { topic, partition, runs, nextSourceOffset, targetEnd: last === undefined ? null : last[1] + last[2], records: 0, bytes: 0, tailRecords: 0, tailBytes: 0 };
}

// orders-0: source 0..9 -> target 0..9, a gap at 10..11 (a transaction marker, aborted records), 12..19 -> 10..17.
const orders0 = position('orders', 0, [[0, 0, 10], [12, 10, 8]], 20);
// orders-1: the source log started at 100 (retention); 100..104 -> 0..4.
const orders1 = position('orders', 1, [[100, 0, 5]], 105);

describe('exactTargetOffset', () => {
  it('maps a copied source offset and refuses a gap or an offset past the copy', () => {
    expect(exactTargetOffset(orders0.runs, 0)).toBe(0);
    expect(exactTargetOffset(orders0.runs, 13)).toBe(11);
    expect(exactTargetOffset(orders0.runs, 10)).toBeUndefined();
    expect(exactTargetOffset(orders0.runs, 20)).toBeUndefined();
  });
});

describe('translateGroups', () => {
  it('translates each committed offset to the target offset of the first copied record at or after it', () => {
    const { groups, groupsWithoutOffsets, warnings } = translateGroups(
      [orders0, orders1],
      [
        { groupId: 'zeta', offsets: [{ topic: 'orders', partition: 0, offset: 11 }, { topic: 'orders', partition: 1, offset: 50 }] },
        { groupId: 'alpha', offsets: [{ topic: 'orders', partition: 1, offset: 103 }, { topic: 'orders', partition: 0, offset: 20 }] },
        { groupId: 'idle', offsets: [{ topic: 'other', partition: 0, offset: 5 }] },
      ],
    );
    expect(groups).toEqual([
      {
        groupId: 'alpha',
        offsets: [
          // Caught up: the copied end.
          { topic: 'orders', partition: 0, sourceOffset: 20, targetOffset: 18 },
          { topic: 'orders', partition: 1, sourceOffset: 103, targetOffset: 3 },
        ],
      },
      {
        groupId: 'zeta',
        offsets: [
          // Inside the gap: the next copied record (source 12, target 10); nothing re-read, nothing skipped.
          { topic: 'orders', partition: 0, sourceOffset: 11, targetOffset: 10 },
          // Below the log start the copy began at: the first copied record.
          { topic: 'orders', partition: 1, sourceOffset: 50, targetOffset: 0 },
        ],
      },
    ]);
    expect(groupsWithoutOffsets).toEqual(['idle']);
    expect(warnings).toEqual(['group idle: other-0 is not part of this migration (a partition added after the plan?); its offset 5 is not translated']);
    expect(offsetCount(groups)).toBe(4);
  });

  it('warns when a group committed past the copied data (producers were not frozen) and uses the copied end', () => {
    const { groups, warnings } = translateGroups([orders0], [{ groupId: 'fast', offsets: [{ topic: 'orders', partition: 0, offset: 25 }] }]);
    expect(groups[0]?.offsets[0]?.targetOffset).toBe(18);
    expect(warnings).toEqual(['group fast: orders-0 committed source offset 25 is past the copied data (next source offset 20); translated to the copied end']);
  });
});

describe('sentinelTargets', () => {
  it('gives each sentinel its target offset, and throws for a sentinel that is not in the offset map', () => {
    expect(sentinelTargets([orders0], [{ topic: 'orders', partition: 0, offset: 19 }])).toEqual([{ topic: 'orders', partition: 0, sourceOffset: 19, targetOffset: 17 }]);
    expect(() => sentinelTargets([orders0], [{ topic: 'orders', partition: 0, offset: 11 }])).toThrow('the sentinel at orders-0 offset 11 is not in the copy');
  });
});

describe('offsetFloorViolations', () => {
  it('reports a target partition whose log start passed the first copied target offset', () => {
    const copiedLater = position('orders', 2, [[0, 40, 10]], 10); // the target topic held 40 records before the copy
    expect(
      offsetFloorViolations(
        [orders0, orders1, copiedLater],
        [
          { topic: 'orders', partition: 0, logStart: 0 },
          { topic: 'orders', partition: 1, logStart: 2 },
          { topic: 'orders', partition: 2, logStart: 40 },
        ],
      ),
    ).toEqual([{ topic: 'orders', partition: 1, targetLogStart: 2, firstCopiedTargetOffset: 0 }]);
  });
});

describe('readyDetail', () => {
  it('is the reference line', () => {
    expect(readyDetail(3, 37, 0)).toBe('READY_FOR_CLIENT_SWITCH: groups_translated=3 offsets_committed=37 warnings=0');
  });
});
