/** The migration planner: `buildPlan` (pure), the six renderers (pure), and `writePlanArtifacts` (the one I/O helper). */
export { buildPlan, type BuildPlanOptions } from './build-plan.js';
export { generateMigrationId, checkMigrationId, MIGRATION_ID_EXPECTATION } from './migration-id.js';
export { migrationLocations, PRECHECK_PROBE_DIR, type LocationInputs } from './locations.js';
export {
  PLAN_ARTIFACT_FILES,
  PLAN_FORMAT_FILES,
  renderPlanArtifacts,
  renderIamPolicyConcrete,
  renderIamPolicyTemplated,
  type PlanArtifactFile,
} from './render-artifacts.js';
export { renderPlanJson } from './render-plan-json.js';
export { renderRunbook } from './render-runbook.js';
export { renderAwsCli } from './render-aws-cli.js';
export { buildRunnerPolicy, renderIamPolicy, RUNNER_POLICY_ACTIONS, type IamPolicyDocument, type IamStatement } from './iam-policy.js';
export { estimateCost, renderCostEstimate, PRICE_TABLE, type CostEstimate, type CostLine } from './cost.js';
export { writePlanArtifacts, type WriteArtifactsOptions } from './write-artifacts.js';
export { SEED_BYTES_PER_SECOND } from './assumptions.js';
export * from './plan-types.js';
