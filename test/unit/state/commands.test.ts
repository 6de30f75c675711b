import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../engine/errors.js';
import {
  allowedCommandsIn,
  assertCommandAllowed,
  commandTable,
  isCommandAllowed,
  MIGRATION_COMMANDS,
  MIGRATION_STATES,
  nextCommandFor,
  type MigrationCommand,
  type MigrationState,
  type StateContext,
} from '../../../engine/state/index.js';

/** The specification, by hand: which commands run in which state (failed here failed in seed). */
const TABLE: Record<MigrationState, MigrationCommand[]> = {
  planned: ['execute', 'resume', 'rollback', 'status'],
  precheck: ['execute', 'resume', 'rollback', 'status'],
  topology_copy: ['execute', 'resume', 'rollback', 'status'],
  seed: ['execute', 'resume', 'rollback', 'status'],
  tail: ['execute', 'resume', 'rollback', 'status'],
  drain_ready: ['execute', 'resume', 'cutover', 'rollback', 'status'],
  cutover: ['resume', 'cutover', 'status'],
  awaiting_client_switch: ['resume', 'cutover-ack', 'status'],
  validating: ['resume', 'finalize', 'status'],
  finalized: ['status'],
  rolled_back: ['status'],
  failed: ['status'],
};

function refusal(run: () => void): MigrationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error('expected a refusal');
}

const failedInSeed: StateContext = { failedFrom: 'seed' };
const cases = MIGRATION_STATES.flatMap((state) => MIGRATION_COMMANDS.map((command) => [command, state] as const));

describe('which command may run in which state', () => {
  it('matches the table for every state', () => {
    expect(commandTable(failedInSeed)).toEqual(TABLE);
  });

  it.each(cases)('%s in %s: allowed exactly when the table says so', (command, state) => {
    const allowed = TABLE[state].includes(command);
    expect(isCommandAllowed(command, state, failedInSeed)).toBe(allowed);
    if (allowed) {
      expect(() => assertCommandAllowed(command, state, failedInSeed)).not.toThrow();
      return;
    }
    const error = refusal(() => assertCommandAllowed(command, state, failedInSeed));
    expect(error.code).toBe('STATE');
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(new RegExp(`^${command} is not allowed in state ${state}: .+\\. Allowed now: [a-z, -]+\\.$`));
    expect(error.hint).toBeTruthy();
  });

  it('refuses rollback after the cutover with the point-of-no-return message', () => {
    const error = refusal(() => assertCommandAllowed('rollback', 'awaiting_client_switch'));
    expect(error.message).toBe(
      'rollback is not allowed in state awaiting_client_switch: the cutover committed consumer offsets on the target (the point of no return). Allowed now: cutover-ack, status.',
    );
    expect(error.hint).toBe('The next step is `cutover-ack`.');
    expect(refusal(() => assertCommandAllowed('rollback', 'validating')).message).toContain('(the point of no return). Allowed now: finalize, status.');
  });

  it('refuses rollback in cutover, saying whether the point of no return was crossed', () => {
    expect(refusal(() => assertCommandAllowed('rollback', 'cutover', { pastPointOfNoReturn: true })).message).toBe(
      'rollback is not allowed in state cutover: the cutover committed consumer offsets on the target (the point of no return). Allowed now: resume, cutover, status.',
    );
    expect(refusal(() => assertCommandAllowed('rollback', 'cutover')).message).toContain('a started cutover is finished, not rolled back');
  });

  it('allows finalize from failed only when validation failed', () => {
    expect(isCommandAllowed('finalize', 'failed', { failedFrom: 'validating' })).toBe(true);
    expect(allowedCommandsIn('failed', { failedFrom: 'validating' })).toEqual(['finalize', 'status']);
    const error = refusal(() => assertCommandAllowed('finalize', 'failed', { failedFrom: 'tail' }));
    expect(error.message).toBe(
      'finalize is not allowed in state failed: finalize can be retried after a failure only when validation failed, and this migration failed in tail. Allowed now: status.',
    );
  });

  it('allows execute --force-restart in seed and tail, not in drain_ready', () => {
    expect(isCommandAllowed('execute', 'seed', { forceRestart: true })).toBe(true);
    expect(isCommandAllowed('execute', 'tail', { forceRestart: true })).toBe(true);
    const error = refusal(() => assertCommandAllowed('execute', 'drain_ready', { forceRestart: true }));
    expect(error.message).toMatch(/^execute --force-restart is not allowed in state drain_ready: .*only in seed or tail/);
    expect(error.message).toContain('Allowed now: execute, cutover, rollback, status.');
  });

  it('says what a refused command needs in words an operator knows', () => {
    expect(refusal(() => assertCommandAllowed('cutover', 'tail')).message).toContain('cutover needs the data caught up first (state drain_ready)');
    expect(refusal(() => assertCommandAllowed('cutover-ack', 'drain_ready')).message).toContain('READY_FOR_CLIENT_SWITCH');
    expect(refusal(() => assertCommandAllowed('execute', 'validating')).message).toContain('past it');
    expect(refusal(() => assertCommandAllowed('resume', 'finalized')).message).toBe(
      'resume is not allowed in state finalized: the migration is finalized. Allowed now: status.',
    );
  });
});

describe('nextCommandFor', () => {
  const expected: Record<MigrationState, MigrationCommand | null> = {
    planned: null,
    precheck: null,
    topology_copy: null,
    seed: null,
    tail: null,
    drain_ready: 'cutover',
    // Before the point of no return a stopped cutover is run again by `cutover`.
    cutover: 'cutover',
    awaiting_client_switch: 'cutover-ack',
    validating: 'finalize',
    finalized: null,
    rolled_back: null,
    failed: null,
  };
  it.each(MIGRATION_STATES)('%s', (state) => {
    expect(nextCommandFor(state, failedInSeed)).toBe(expected[state]);
  });
  it('is none in cutover past the point of no return (resume or cutover finishes it)', () => {
    expect(nextCommandFor('cutover', { pastPointOfNoReturn: true })).toBeNull();
  });
  it('is finalize after a failed validation', () => {
    expect(nextCommandFor('failed', { failedFrom: 'validating' })).toBe('finalize');
  });
  it('names only commands that are allowed in that state', () => {
    for (const state of MIGRATION_STATES) {
      const next = nextCommandFor(state, failedInSeed);
      if (next !== null) expect(isCommandAllowed(next, state, failedInSeed)).toBe(true);
    }
  });
});
