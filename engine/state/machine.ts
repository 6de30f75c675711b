/**
 * The one place that knows which state may follow which, and which command may run in which state. The journal
 * checks every transition it records against `assertTransition`; every command checks `assertCommandAllowed`
 * before it does anything. Refusals are `MigrationError`s (code STATE, exit 1) that name the current state, why the
 * step is refused and what is allowed now.
 */
import { MigrationError } from '../errors.js';
import { isPastPointOfNoReturn, POINT_OF_NO_RETURN } from './point-of-no-return.js';
import {
  FORWARD_PATH,
  isPreCutoverState,
  isTerminalState,
  MIGRATION_STATES,
  PRE_CUTOVER_STATES,
  type MigrationState,
} from './states.js';

/** The `migrate msk-kraft` subcommands that read or move a migration's journal. */
export const MIGRATION_COMMANDS = ['execute', 'resume', 'cutover', 'cutover-ack', 'finalize', 'rollback', 'status'] as const;
export type MigrationCommand = (typeof MIGRATION_COMMANDS)[number];

/** What the journal knows beyond the state name; the journal's `state()` provides all of it. */
export interface StateContext {
  /** In `failed`: the state the migration failed in. */
  readonly failedFrom?: MigrationState | undefined;
  /** `execute --force-restart`: re-run the seed from seed or tail (accepting duplicate records on the target). */
  readonly forceRestart?: boolean | undefined;
  /** In `cutover` (or `failed` from it): the cutover journaled that it is committing offsets on the target. */
  readonly pastPointOfNoReturn?: boolean | undefined;
}

/** A condition an edge needs beyond its two ends. */
export type TransitionRequirement = 'force-restart' | 'failed-in-validating' | 'before-point-of-no-return';

export interface TransitionEdge {
  readonly from: MigrationState;
  readonly to: MigrationState;
  readonly requires?: TransitionRequirement;
}

const NON_TERMINAL_STATES = MIGRATION_STATES.filter((state) => !isTerminalState(state));

/** Every allowed transition. Anything not listed here is refused. */
export const TRANSITIONS: readonly TransitionEdge[] = Object.freeze([
  ...FORWARD_PATH.slice(1).map((to, index): TransitionEdge => ({ from: FORWARD_PATH[index] as MigrationState, to })),
  ...PRE_CUTOVER_STATES.map((from): TransitionEdge => ({ from, to: 'rolled_back' })),
  ...NON_TERMINAL_STATES.map(
    (from): TransitionEdge => (from === 'cutover' ? { from, to: 'failed', requires: 'before-point-of-no-return' } : { from, to: 'failed' }),
  ),
  { from: 'failed', to: 'validating', requires: 'failed-in-validating' },
  { from: 'seed', to: 'seed', requires: 'force-restart' },
  { from: 'tail', to: 'seed', requires: 'force-restart' },
]);

function requirementMet(requirement: TransitionRequirement | undefined, context: StateContext): boolean {
  switch (requirement) {
    case undefined:
      return true;
    case 'force-restart':
      return context.forceRestart === true;
    case 'failed-in-validating':
      return context.failedFrom === 'validating';
    case 'before-point-of-no-return':
      return context.pastPointOfNoReturn !== true;
  }
}

/** The states `from` may move to now (requirements checked against `context`). */
export function allowedTransitionsFrom(from: MigrationState, context: StateContext = {}): MigrationState[] {
  return TRANSITIONS.filter((edge) => edge.from === from && requirementMet(edge.requires, context)).map((edge) => edge.to);
}

export function canTransition(from: MigrationState, to: MigrationState, context: StateContext = {}): boolean {
  return TRANSITIONS.some((edge) => edge.from === from && edge.to === to && requirementMet(edge.requires, context));
}

/** Throws a STATE error unless `from -> to` is an allowed transition under `context`. */
export function assertTransition(from: MigrationState, to: MigrationState, context: StateContext = {}): void {
  if (canTransition(from, to, context)) return;
  const edge = TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === to);
  const why = edge === undefined ? transitionRefusal(from, to) : requirementRefusal(edge, context);
  const allowed = allowedTransitionsFrom(from, context);
  throw new MigrationError({
    code: 'STATE',
    message: `the migration cannot move from ${from} to ${to}: ${why}. Allowed from ${from}: ${allowed.length === 0 ? 'nothing (it is over)' : allowed.join(', ')}.`,
    hint: 'This is a bug in the command that asked for it, or the journal was changed by hand; run `status` to see the recorded states.',
    exitCode: 1,
  });
}

function transitionRefusal(from: MigrationState, to: MigrationState): string {
  if (isTerminalState(from)) return `${from} is a final state`;
  if (to === 'rolled_back') return isPastPointOfNoReturn(from) ? POINT_OF_NO_RETURN.reason : 'rollback is only possible up to drain_ready';
  return `${to} does not follow ${from}`;
}

function requirementRefusal(edge: TransitionEdge, context: StateContext): string {
  switch (edge.requires) {
    case 'force-restart':
      return 'going back to seed re-copies data and needs --force-restart';
    case 'failed-in-validating':
      return `only a migration that failed in validating may validate again (this one failed in ${context.failedFrom ?? 'an unknown state'})`;
    case 'before-point-of-no-return':
    case undefined:
      return 'the cutover has passed the point of no return (it is committing consumer offsets on the target), so it is finished by resume or cutover, never marked failed';
  }
}

/** States in which each command may run (before `context` is considered). */
export const COMMAND_STATES: Readonly<Record<MigrationCommand, readonly MigrationState[]>> = Object.freeze({
  execute: PRE_CUTOVER_STATES,
  resume: NON_TERMINAL_STATES,
  cutover: ['drain_ready', 'cutover'],
  'cutover-ack': ['awaiting_client_switch'],
  finalize: ['validating', 'failed'],
  rollback: PRE_CUTOVER_STATES,
  status: MIGRATION_STATES,
});

/** Whether `command` may run in `state` under `context`; `refusal` says why not, in the operator's terms. */
export function commandRefusal(command: MigrationCommand, state: MigrationState, context: StateContext = {}): string | undefined {
  if (command === 'status') return undefined;
  if (command === 'finalize' && state === 'failed') {
    return context.failedFrom === 'validating'
      ? undefined
      : `finalize can be retried after a failure only when validation failed, and this migration failed in ${context.failedFrom ?? 'an unknown state'}`;
  }
  if (command === 'execute' && context.forceRestart === true && state === 'drain_ready') {
    return '--force-restart re-runs the seed, which is possible only in seed or tail, and the data is already caught up';
  }
  if (COMMAND_STATES[command].includes(state)) return undefined;
  if (isTerminalState(state)) return terminalReason(state, context);
  switch (command) {
    case 'rollback':
      return isPastPointOfNoReturn(state, { crossed: context.pastPointOfNoReturn })
        ? POINT_OF_NO_RETURN.reason
        : 'the cutover has begun (producers may be frozen) and a started cutover is finished, not rolled back';
    case 'execute':
      return 'execute runs the migration up to drain_ready, and this migration is past it';
    case 'resume':
      return 'there is nothing left to resume';
    case 'cutover':
      return isPreCutoverState(state) ? 'cutover needs the data caught up first (state drain_ready); execute or resume gets it there' : 'the cutover is done';
    case 'cutover-ack':
      return state === 'validating'
        ? 'the client switch was already acknowledged'
        : 'cutover-ack acknowledges the client switch once cutover has reported READY_FOR_CLIENT_SWITCH (state awaiting_client_switch)';
    case 'finalize':
      return 'finalize validates the target after cutover-ack (state validating)';
  }
}

function terminalReason(state: MigrationState, context: StateContext): string {
  if (state === 'finalized') return 'the migration is finalized';
  if (state === 'rolled_back') return 'the migration was rolled back';
  return `the migration failed${context.failedFrom === undefined ? '' : ` in ${context.failedFrom}`}`;
}

export function isCommandAllowed(command: MigrationCommand, state: MigrationState, context: StateContext = {}): boolean {
  return commandRefusal(command, state, context) === undefined;
}

/** Every command that may run now, in workflow order. */
export function allowedCommandsIn(state: MigrationState, context: StateContext = {}): MigrationCommand[] {
  // --force-restart only narrows execute; the list answers "what can I run", so it is computed without it.
  const base = { ...context, forceRestart: false };
  return MIGRATION_COMMANDS.filter((command) => isCommandAllowed(command, state, base));
}

/**
 * The commands worth suggesting now: the allowed ones, without `resume` when resume would only point at the
 * operator's next command (it exits 10 with that command).
 */
export function suggestedCommandsIn(state: MigrationState, context: StateContext = {}): MigrationCommand[] {
  const next = nextCommandFor(state, context);
  return allowedCommandsIn(state, context).filter((command) => command !== 'resume' || next === null);
}

/** Throws a STATE error naming the state, why `command` cannot run in it and what can. */
export function assertCommandAllowed(command: MigrationCommand, state: MigrationState, context: StateContext = {}): void {
  const why = commandRefusal(command, state, context);
  if (why === undefined) return;
  const suggested = suggestedCommandsIn(state, context);
  const next = nextCommandFor(state, context);
  throw new MigrationError({
    code: 'STATE',
    message: `${command}${context.forceRestart === true && command === 'execute' ? ' --force-restart' : ''} is not allowed in state ${state}: ${why}. Allowed now: ${suggested.join(', ')}.`,
    hint:
      next !== null
        ? `The next step is \`${next}\`.`
        : isTerminalState(state)
          ? 'This migration is over; `status` shows how it ended. Start a new migration to migrate again.'
          : '`resume` continues this migration from its journal.',
    exitCode: 1,
  });
}

/**
 * The command the operator runs next, or null when no operator command is due: a process continues the work
 * (`execute`/`resume` while copying, `resume`/`cutover` past the point of no return), or the migration is over. In
 * cutover before the point of no return it is `cutover`: a cutover that failed there stays in cutover and is run again.
 * `resume` prints it as its exit-10 `next_command:` line.
 */
export function nextCommandFor(state: MigrationState, context: StateContext = {}): MigrationCommand | null {
  switch (state) {
    case 'drain_ready':
      return 'cutover';
    case 'cutover':
      // A cutover that stopped before the point of no return is run again by `cutover`; past it, a process
      // (`resume` or `cutover`) finishes it.
      return context.pastPointOfNoReturn === true ? null : 'cutover';
    case 'awaiting_client_switch':
      return 'cutover-ack';
    case 'validating':
      return 'finalize';
    case 'failed':
      return context.failedFrom === 'validating' ? 'finalize' : null;
    default:
      return null;
  }
}

/** For tests and docs: every state paired with the commands allowed in it. */
export function commandTable(context: StateContext = {}): Record<MigrationState, MigrationCommand[]> {
  return Object.fromEntries(MIGRATION_STATES.map((state) => [state, allowedCommandsIn(state, context)])) as Record<MigrationState, MigrationCommand[]>;
}

