/** The migration orchestrator: execute and resume up to drain_ready, phase by phase, journal first. */
export { executeMigration, resumeMigration, type ExecuteOptions, type MigrationOutcome, type OrchestratorOptions, type ResumeOptions } from './migrate.js';
export { defaultPorts, type DefaultPortsOptions } from './default-ports.js';
export { safeListener, type OrchestratorEvent, type OrchestratorEventType, type OrchestratorListener } from './events.js';
export { DEFAULT_COPY_TIMINGS, type CopyTimings, type MigrationRun, type OrchestratorPorts } from './run-context.js';
export { copyTopologyStep, fallbackTopologyCopy, type TopologyStep, type TopologyStepInput, type TopologyStepResult } from './topology-step.js';
export { TOPOLOGY_AFTER_SEED, TOPOLOGY_APPLIED, TOPOLOGY_CREATING, applyAfterSeed, topicsCreatedBy } from './topology-phase.js';
export { plannedPartitions, type DrainResult } from './copy-phases.js';
export { clusterConnection } from './connections.js';
export { runCutover, type CutoverOptions, type CutoverOutcome } from './cutover.js';
export { rehearseCutover, type CutoverRehearsal, type RehearsalStep } from './cutover-rehearse.js';
export { acknowledgeCutover, type CutoverAckOptions, type CutoverAckResult } from './cutover-ack.js';
export { CUTOVER_STEPS, type CutoverEvent, type CutoverListener, type CutoverRunEvent, type CutoverStepName } from './events.js';
