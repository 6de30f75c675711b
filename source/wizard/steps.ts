/**
 * The wizard's steps, and where a migration in a given state picks up: the state machine decides which command comes
 * next (`suggestedCommandsIn`), the wizard only names the step that runs it.
 */
import { isCommandAllowed, suggestedCommandsIn, type MigrationCommand, type MigrationState, type StateContext } from '../../engine/state/index.js';

export const WIZARD_STEPS = [
  { id: 'config', title: 'config' },
  { id: 'precheck', title: 'precheck' },
  { id: 'plan', title: 'plan' },
  { id: 'execute', title: 'execute' },
  { id: 'cutover', title: 'cutover' },
  { id: 'cutover-ack', title: 'client switch' },
  { id: 'finalize', title: 'finalize' },
] as const;

export type WizardStep = (typeof WIZARD_STEPS)[number]['id'];

/** The wizard step a command belongs to (`resume` continues the run: execute, or cutover when it is in cutover). */
export function stepOfCommand(command: MigrationCommand, state: MigrationState): WizardStep {
  switch (command) {
    case 'cutover':
    case 'cutover-ack':
    case 'finalize':
    case 'execute':
      return command;
    case 'resume':
      return state === 'cutover' ? 'cutover' : 'execute';
    default:
      return 'execute';
  }
}

/**
 * What to offer in `state`: the one forward command (of those the state machine suggests, `resume` over `execute`
 * for a run under way, `cutover` over `resume` once cutover started), and rollback when the state machine allows it.
 */
export function choicesIn(state: MigrationState, context: StateContext = {}): { forward: MigrationCommand | null; rollback: boolean } {
  const suggested: MigrationCommand[] = suggestedCommandsIn(state, context).filter((command) => command !== 'status' && command !== 'rollback');
  const rank: readonly MigrationCommand[] = ['cutover', 'cutover-ack', 'finalize', 'resume', 'execute'];
  const offered = (command: MigrationCommand) => suggested.includes(command);
  const forward = rank.find(offered) ?? null;
  return { forward, rollback: isCommandAllowed('rollback', state, context) };
}

/** What each forward command does, in the words of the reference. */
export const COMMAND_PURPOSE: Readonly<Record<MigrationCommand, string>> = {
  execute: 'copy topics, configs, ACLs and data until the target is caught up (drain_ready)',
  resume: 'continue the run from its last journal entry',
  cutover: 'freeze producers, publish sentinels, drain, translate and commit consumer offsets (to awaiting_client_switch)',
  'cutover-ack': 'record that every client now uses the target cluster (to validating)',
  finalize: 'run the five validation checks and write the signed evidence bundle (to finalized)',
  rollback: 'abort: unfreeze producers, mark the migration rolled back, upload the rollback report; the target is left as is',
  status: 'show where the migration stands',
};
