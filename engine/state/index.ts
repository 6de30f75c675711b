/** The migration's state machine: states, allowed transitions, which command runs in which state, the point of no return. */
export {
  FORWARD_PATH,
  MIGRATION_STATES,
  PRE_CUTOVER_STATES,
  TERMINAL_STATES,
  isMigrationState,
  isPreCutoverState,
  isTerminalState,
  type MigrationState,
  type PreCutoverState,
  type TerminalState,
} from './states.js';
export { POINT_OF_NO_RETURN, isPastPointOfNoReturn, type PointOfNoReturnFacts } from './point-of-no-return.js';
export {
  COMMAND_STATES,
  MIGRATION_COMMANDS,
  TRANSITIONS,
  allowedCommandsIn,
  allowedTransitionsFrom,
  assertCommandAllowed,
  assertTransition,
  canTransition,
  commandRefusal,
  commandTable,
  isCommandAllowed,
  nextCommandFor,
  suggestedCommandsIn,
  type MigrationCommand,
  type StateContext,
  type TransitionEdge,
  type TransitionRequirement,
} from './machine.js';
