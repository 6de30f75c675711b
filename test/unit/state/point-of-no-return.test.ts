import { describe, expect, it } from 'vitest';
import { isCommandAllowed, isPastPointOfNoReturn, MIGRATION_STATES, POINT_OF_NO_RETURN } from '../../../engine/state/index.js';

describe('the point of no return', () => {
  it('is the commit of translated offsets on the target during cutover', () => {
    expect(POINT_OF_NO_RETURN.state).toBe('cutover');
    expect(POINT_OF_NO_RETURN.step).toBe('commit-target-offsets');
    expect(POINT_OF_NO_RETURN.reason).toBe('the cutover committed consumer offsets on the target (the point of no return)');
    expect(Object.isFrozen(POINT_OF_NO_RETURN)).toBe(true);
  });

  it('is behind every state after cutover, ahead of every state before it, and in cutover once journaled', () => {
    const past = MIGRATION_STATES.filter((state) => isPastPointOfNoReturn(state));
    expect(past).toEqual(['awaiting_client_switch', 'validating', 'finalized']);
    expect(isPastPointOfNoReturn('cutover')).toBe(false);
    expect(isPastPointOfNoReturn('cutover', { crossed: true })).toBe(true);
    expect(isPastPointOfNoReturn('drain_ready', { crossed: true })).toBe(false);
  });

  it('is where rollback stops: no state past it allows rollback', () => {
    for (const state of MIGRATION_STATES) {
      if (isPastPointOfNoReturn(state, { crossed: true })) expect(isCommandAllowed('rollback', state, { pastPointOfNoReturn: true })).toBe(false);
    }
    expect(isCommandAllowed('rollback', 'drain_ready')).toBe(true);
  });
});
