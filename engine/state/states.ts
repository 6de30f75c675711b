/**
 * The migration's states, in the order a successful migration walks them, plus the two ends it can stop at early.
 * Names are snake_case as they appear in the journal and in `status` output.
 */

/** The happy path, in order: each state moves only to the next one (or to rolled_back / failed). */
export const FORWARD_PATH = [
  'planned',
  'precheck',
  'topology_copy',
  'seed',
  'tail',
  'drain_ready',
  'cutover',
  'awaiting_client_switch',
  'validating',
  'finalized',
] as const;

/** Every state: the happy path, then the two ends a migration can stop at early. */
export const MIGRATION_STATES = [...FORWARD_PATH, 'rolled_back', 'failed'] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

/** States in which nothing has touched the clients yet: `execute` works here and `rollback` may stop it. */
export const PRE_CUTOVER_STATES = ['planned', 'precheck', 'topology_copy', 'seed', 'tail', 'drain_ready'] as const satisfies readonly MigrationState[];
export type PreCutoverState = (typeof PRE_CUTOVER_STATES)[number];

/** No command moves a migration out of these (the one exception: finalize retried after a failed validation). */
export const TERMINAL_STATES = ['finalized', 'rolled_back', 'failed'] as const satisfies readonly MigrationState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];

export function isMigrationState(value: unknown): value is MigrationState {
  return typeof value === 'string' && (MIGRATION_STATES as readonly string[]).includes(value);
}

export function isTerminalState(state: MigrationState): state is TerminalState {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

export function isPreCutoverState(state: MigrationState): state is PreCutoverState {
  return (PRE_CUTOVER_STATES as readonly string[]).includes(state);
}
