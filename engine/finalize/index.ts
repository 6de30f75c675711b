/** `finalize`: the five validation checks and the signed evidence bundle. See docs/finalize.md. */
export { finalizeMigration, failureReason, type FinalizeOptions, type FinalizeResult } from './finalize.js';
export { connectFinalizePorts } from './connect.js';
export { FINALIZE_CHECK, FINALIZE_EVIDENCE, FINALIZE_VALIDATION } from './checkpoints.js';
export type { FinalizeEvent, FinalizeListener } from './events.js';
export type { FinalizePorts } from './ports.js';
export type { StoredEvidence } from './store-evidence.js';
export { runChecks } from './run-checks.js';
export { gatherFacts, type GatherOptions } from './gather.js';
export { validationInputs, type ValidationInputs } from './inputs.js';
export { CHECK_NAMES, CHECK_TITLES, summaryLines, type CheckName, type CheckOutcome, type CheckProblem, type CheckResult, type CountsSummary, type ValidationReport } from './types.js';
