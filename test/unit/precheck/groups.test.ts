import { describe, expect, it } from 'vitest';
import { run, withCode } from './builders.js';

describe('B16 selected group active on the target', () => {
  it('fires for a selected group with members on the target', () => {
    const report = run({
      inventory: (inv) => void inv.target.groups.push({ groupId: 'billing', state: 'Stable', protocolType: 'consumer', memberCount: 3, offsets: [] }),
    });
    const [b16] = withCode(report, 'B16');
    expect(b16?.subject).toBe('billing');
    expect(b16?.severity).toBe('blocker');
    expect(b16?.detail).toContain('state Stable, 3 members');
  });
  it('fires for a rebalancing group even when the member count reads 0', () => {
    const report = run({
      inventory: (inv) => void inv.target.groups.push({ groupId: 'audit', state: 'PreparingRebalance', protocolType: 'consumer', memberCount: 0, offsets: [] }),
    });
    expect(withCode(report, 'B16').map((item) => item.subject)).toEqual(['audit']);
  });
  it('does not fire for an empty group, nor for an active group that is not selected', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.groups.push({ groupId: 'billing', state: 'Empty', protocolType: 'consumer', memberCount: 0, offsets: [] });
        inv.target.groups.push({ groupId: 'target-only-app', state: 'Stable', protocolType: 'consumer', memberCount: 5, offsets: [] });
      },
    });
    expect(withCode(report, 'B16')).toEqual([]);
  });
});
