import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../engine/errors.js';
import {
  allowedTransitionsFrom,
  assertTransition,
  canTransition,
  MIGRATION_STATES,
  type MigrationState,
  type StateContext,
} from '../../../engine/state/index.js';

/** The specification, written out by hand: every transition allowed without extra conditions. */
const ALLOWED: ReadonlyArray<readonly [MigrationState, MigrationState]> = [
  ['planned', 'precheck'],
  ['precheck', 'topology_copy'],
  ['topology_copy', 'seed'],
  ['seed', 'tail'],
  ['tail', 'drain_ready'],
  ['drain_ready', 'cutover'],
  ['cutover', 'awaiting_client_switch'],
  ['awaiting_client_switch', 'validating'],
  ['validating', 'finalized'],
  ['planned', 'rolled_back'],
  ['precheck', 'rolled_back'],
  ['topology_copy', 'rolled_back'],
  ['seed', 'rolled_back'],
  ['tail', 'rolled_back'],
  ['drain_ready', 'rolled_back'],
  ['planned', 'failed'],
  ['precheck', 'failed'],
  ['topology_copy', 'failed'],
  ['seed', 'failed'],
  ['tail', 'failed'],
  ['drain_ready', 'failed'],
  ['cutover', 'failed'],
  ['awaiting_client_switch', 'failed'],
  ['validating', 'failed'],
];

/** Allowed only with a condition: [from, to, the context that allows it, a context that does not]. */
const CONDITIONAL: ReadonlyArray<readonly [MigrationState, MigrationState, StateContext, StateContext]> = [
  ['failed', 'validating', { failedFrom: 'validating' }, { failedFrom: 'seed' }],
  ['seed', 'seed', { forceRestart: true }, {}],
  ['tail', 'seed', { forceRestart: true }, {}],
  ['cutover', 'failed', { pastPointOfNoReturn: false }, { pastPointOfNoReturn: true }],
];

const key = (from: MigrationState, to: MigrationState): string => `${from} -> ${to}`;
const allowedKeys = new Set(ALLOWED.map(([from, to]) => key(from, to)));
const conditionalKeys = new Set(CONDITIONAL.map(([from, to]) => key(from, to)));

const allPairs = MIGRATION_STATES.flatMap((from) => MIGRATION_STATES.map((to) => [from, to] as const));

function refusal(run: () => void): MigrationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error('expected a refusal');
}

describe('state transitions', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  const illegal = allPairs.filter(([from, to]) => !allowedKeys.has(key(from, to)) && !conditionalKeys.has(key(from, to)));
  it('has 144 pairs of which 27 are allowed (cutover -> failed only before the point of no return)', () => {
    expect(allPairs).toHaveLength(144);
    expect(new Set([...allowedKeys, ...conditionalKeys]).size).toBe(27);
    expect(illegal).toHaveLength(144 - 27);
  });

  it.each(illegal)('refuses %s -> %s with a STATE error naming both states and what is allowed', (from, to) => {
    // Even with every condition granted, these are not transitions.
    expect(canTransition(from, to, { failedFrom: 'validating', forceRestart: true })).toBe(false);
    const error = refusal(() => assertTransition(from, to, { failedFrom: 'validating', forceRestart: true }));
    expect(error.code).toBe('STATE');
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`from ${from} to ${to}`);
    expect(error.message).toMatch(new RegExp(`Allowed from ${from}: `));
  });

  it.each(CONDITIONAL)('allows %s -> %s only under its condition', (from, to, yes, no) => {
    expect(canTransition(from, to, yes)).toBe(true);
    expect(canTransition(from, to, no)).toBe(false);
    expect(refusal(() => assertTransition(from, to, no)).code).toBe('STATE');
  });

  it('says why a conditional step was refused', () => {
    expect(refusal(() => assertTransition('tail', 'seed')).message).toContain('needs --force-restart');
    expect(refusal(() => assertTransition('failed', 'validating', { failedFrom: 'tail' })).message).toContain('this one failed in tail');
    expect(refusal(() => assertTransition('cutover', 'failed', { pastPointOfNoReturn: true })).message).toContain('point of no return');
    expect(refusal(() => assertTransition('awaiting_client_switch', 'rolled_back')).message).toContain(
      'the cutover committed consumer offsets on the target (the point of no return)',
    );
  });

  it('lists nothing after a final state', () => {
    expect(allowedTransitionsFrom('finalized')).toEqual([]);
    expect(allowedTransitionsFrom('rolled_back')).toEqual([]);
    expect(allowedTransitionsFrom('failed', { failedFrom: 'seed' })).toEqual([]);
    expect(allowedTransitionsFrom('failed', { failedFrom: 'validating' })).toEqual(['validating']);
    expect(refusal(() => assertTransition('finalized', 'validating')).message).toContain('Allowed from finalized: nothing (it is over).');
  });

  it('lists the next step, rollback and failure from a copying state', () => {
    expect(allowedTransitionsFrom('tail')).toEqual(['drain_ready', 'rolled_back', 'failed']);
    expect(allowedTransitionsFrom('tail', { forceRestart: true })).toEqual(['drain_ready', 'rolled_back', 'failed', 'seed']);
  });
});
