/**
 * Exit codes of each subcommand, as the CLI reference documents them, for the runbook (engine/ cannot import the
 * command line's table in source/cli-spec.ts; a unit test keeps the two in step).
 */

export type RunbookCommand =
  | 'plan'
  | 'precheck'
  | 'execute'
  | 'resume'
  | 'status'
  | 'cutover'
  | 'cutover-ack'
  | 'rollback'
  | 'finalize';

export const COMMAND_EXIT_CODES: Readonly<Record<RunbookCommand, ReadonlyArray<readonly [number, string]>>> = {
  plan: [
    [0, 'Plan written'],
    [1, 'Plan failed (bad config, unreachable cluster, files exist without --force)'],
    [2, 'Usage error'],
  ],
  precheck: [
    [0, 'All checks passed (warnings are OK)'],
    [1, 'One or more blockers detected'],
    [2, 'Usage error'],
  ],
  execute: [
    [0, 'Migration reached drain_ready successfully'],
    [1, 'Migration failed (check logs and journal)'],
    [2, 'Usage error'],
  ],
  resume: [
    [0, 'Migration advanced or reached a terminal state'],
    [1, 'Resume failed'],
    [2, 'Usage error'],
    [10, 'Migration is waiting on operator action (check stderr for next_command)'],
  ],
  status: [
    [0, 'Status printed'],
    [1, 'Status could not be read'],
    [2, 'Usage error'],
  ],
  cutover: [
    [0, 'Cutover completed, ready for client switch'],
    [1, 'Cutover failed (producers are automatically unfrozen on failure)'],
    [2, 'Usage error'],
  ],
  'cutover-ack': [
    [0, 'Acknowledgement recorded'],
    [1, 'Not in awaiting_client_switch, or the journal could not be written'],
    [2, 'Usage error'],
  ],
  rollback: [
    [0, 'Migration rolled back, report uploaded'],
    [1, 'Rollback not allowed from the current state, or failed'],
    [2, 'Usage error'],
  ],
  finalize: [
    [0, 'Validation passed, evidence bundle uploaded'],
    [1, 'Validation failed (review the validation report)'],
    [2, 'Usage error'],
  ],
};

/** States rollback accepts (CLI reference); from `cutover` on, it is refused. */
export const ROLLBACK_STATES = ['planned', 'precheck', 'topology_copy', 'seed', 'tail', 'drain_ready'] as const;
