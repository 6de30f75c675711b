/** The six files of `plan --format all`, each a pure function of the plan. */
import { renderCostEstimate } from './cost.js';
import { buildRunnerPolicy, renderIamPolicy } from './iam-policy.js';
import type { MigrationPlan } from './plan-types.js';
import { renderAwsCli } from './render-aws-cli.js';
import { renderPlanJson } from './render-plan-json.js';
import { renderRunbook } from './render-runbook.js';

export const PLAN_ARTIFACT_FILES = [
  'plan.json',
  'runbook.md',
  'aws-cli.sh',
  'iam-policy-templated.json',
  'iam-policy-concrete.json',
  'cost-estimate.json',
] as const;
export type PlanArtifactFile = (typeof PLAN_ARTIFACT_FILES)[number];

/** Which files each `--format` writes (`all` writes every one). */
export const PLAN_FORMAT_FILES: Readonly<Record<'json' | 'runbook' | 'aws-cli' | 'iam-policy' | 'cost', readonly PlanArtifactFile[]>> = {
  json: ['plan.json'],
  runbook: ['runbook.md'],
  'aws-cli': ['aws-cli.sh'],
  'iam-policy': ['iam-policy-concrete.json', 'iam-policy-templated.json'],
  cost: ['cost-estimate.json'],
};

export function renderIamPolicyConcrete(plan: MigrationPlan): string {
  return renderIamPolicy(buildRunnerPolicy(plan, { templated: false }));
}

export function renderIamPolicyTemplated(plan: MigrationPlan): string {
  return renderIamPolicy(buildRunnerPolicy(plan, { templated: true }));
}

const RENDERERS: Readonly<Record<PlanArtifactFile, (plan: MigrationPlan) => string>> = {
  'plan.json': renderPlanJson,
  'runbook.md': renderRunbook,
  'aws-cli.sh': renderAwsCli,
  'iam-policy-templated.json': renderIamPolicyTemplated,
  'iam-policy-concrete.json': renderIamPolicyConcrete,
  'cost-estimate.json': renderCostEstimate,
};

/** File name → contents, for the given files (all six by default), in PLAN_ARTIFACT_FILES order. */
export function renderPlanArtifacts(
  plan: MigrationPlan,
  files: readonly PlanArtifactFile[] = PLAN_ARTIFACT_FILES,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of PLAN_ARTIFACT_FILES) {
    if (files.includes(file)) out[file] = RENDERERS[file](plan);
  }
  return out;
}
