import { describe, expect, it } from 'vitest';
import type { PartitionPosition } from '../../engine/copy/positions.js';
import { notLanded } from '../../engine/orchestrator/cutover-drain.js';
import type { CutoverRehearsal } from '../../engine/orchestrator/index.js';
import { rehearsalText } from '../../source/commands/cutover-rehearsal-text.js';
import { cutoverProgressLine } from '../../source/commands/cutover-run.js';

const at = '2026-11-25T12:00:00.000001Z';

describe('cutoverProgressLine', () => {
  it('prints finished steps, the freeze, the sentinel count and the unfreeze; not the READY transition (stdout has it)', () => {
    expect(cutoverProgressLine({ type: 'cutover.step', step: 'drain', status: 'started' })).toBeUndefined();
    expect(cutoverProgressLine({ type: 'cutover.step', step: 'commit', status: 'done', detail: '7 offset(s) for 3 group(s)' })).toBe('cutover: commit done: 7 offset(s) for 3 group(s)');
    expect(cutoverProgressLine({ type: 'cutover.step', step: 'freeze', status: 'failed', detail: 'HTTP 503' })).toBe('cutover: freeze failed: HTTP 503');
    expect(cutoverProgressLine({ type: 'cutover.freeze', method: 'webhook', frozenAt: '2026-11-25T12:00:00.000Z', maxMs: 60_000 })).toBe(
      'cutover: producers frozen at 2026-11-25T12:00:00.000Z (webhook); ready within 60 s or the cutover stops',
    );
    expect(cutoverProgressLine({ type: 'cutover.sentinels', landed: 2, total: 3 })).toBe('cutover: sentinels on the target: 2/3');
    expect(cutoverProgressLine({ type: 'cutover.unfreeze', how: 'failed', detail: 'producers may still be frozen; resume them by hand now' })).toBe('WARNING: producers may still be frozen; resume them by hand now');
    const entry = { kind: 'state.transition', seq: 9, at, migrationId: 'm', prevHash: '', hash: '', from: 'cutover', to: 'awaiting_client_switch', detail: 'READY_FOR_CLIENT_SWITCH: groups_translated=0 offsets_committed=0 warnings=0' } as const;
    expect(cutoverProgressLine({ type: 'state.changed', entry })).toBeUndefined();
    expect(cutoverProgressLine({ type: 'state.changed', entry: { ...entry, from: 'drain_ready', to: 'cutover', detail: 'cutover started' } })).toBe(`${at} drain_ready -> cutover cutover started`);
  });
});

describe('notLanded', () => {
  it('lists the partitions whose copy has not reached the offset they need', () => {
    const position = (partition: number, next: number): PartitionPosition => ({ topic: 't', partition, nextSourceOffset: next, targetEnd: next, runs: [[0, 0, next]], records: next, bytes: 0, tailRecords: 0, tailBytes: 0 });
    expect(notLanded([position(0, 11), position(1, 10)], [{ topic: 't', partition: 0, offset: 11 }, { topic: 't', partition: 1, offset: 11 }])).toEqual([{ topic: 't', partition: 1, offset: 11 }]);
  });
});

describe('rehearsalText', () => {
  it('lists the steps, the sentinels, each group offset (estimates marked) and what would stop the cutover', () => {
    const rehearsal: CutoverRehearsal = {
      migrationId: 'mig-1',
      state: 'drain_ready',
      positionsAt: at,
      freeze: { method: 'refused', where: 'none' },
      maxProducerFreezeMs: 60_000,
      steps: [{ step: 'commit', action: 'commit 2 offset(s) on the target (the point of no return)' }],
      sentinels: [{ topic: 'orders', partition: 0, sourceOffset: 40, targetOffset: 40 }],
      groups: [{ groupId: 'app', offsets: [{ topic: 'orders', partition: 0, sourceOffset: 5, targetOffset: 5 }, { topic: 'orders', partition: 1, sourceOffset: 45, targetOffset: 41 }] }],
      groupsWithoutOffsets: ['idle'],
      estimated: ['orders-1'],
      offsetFloorViolations: [],
      warnings: [],
      problems: ['cutover cannot freeze the producers'],
    };
    expect(rehearsalText(rehearsal)).toBe(
      [
        'rehearsal of cutover for migration mig-1 (state drain_ready); nothing was frozen, published, committed or journaled',
        `copy positions from the journal checkpoint of ${at}`,
        '',
        'steps:',
        '  1. commit: commit 2 offset(s) on the target (the point of no return)',
        '',
        'sentinels (1):',
        '  orders-0: source offset 40 -> target offset 40',
        '',
        'groups to commit (1):',
        '  app:',
        '    orders-0: source 5 -> target 5',
        '    orders-1: source 45 -> target 41 (estimate: records still to copy)',
        'groups with nothing to commit: idle',
        'would fail: cutover cannot freeze the producers',
        'rehearsal: cutover would stop (1 problem(s))',
        '',
      ].join('\n'),
    );
  });
});
