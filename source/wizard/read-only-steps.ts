/**
 * The wizard's precheck and plan: the same engine calls as the `precheck` and `plan` commands, with one discovery
 * shared by both and progress reported as words for the screen (nothing is written to stderr under Ink).
 */
import path from 'node:path';
import { credentialsFromEnv } from '../../engine/aws/credentials.js';
import type { MigrationConfig } from '../../engine/config/index.js';
import { discover } from '../../engine/discovery/index.js';
import type { Inventory } from '../../engine/inventory/types.js';
import { PLAN_ARTIFACT_FILES, buildPlan, estimateCost, renderPlanArtifacts, writePlanArtifacts, type MigrationPlan } from '../../engine/plan/index.js';
import { evaluatePrecheck, runStorageProbes, type PrecheckReport } from '../../engine/precheck/index.js';
import { discoveryProgressLine } from '../commands/shared.js';

export interface PrecheckResult {
  readonly inventory: Inventory;
  readonly report: PrecheckReport;
}

export async function runPrecheck(config: MigrationConfig, env: NodeJS.ProcessEnv, progress: (detail: string) => void): Promise<PrecheckResult> {
  const credentials = credentialsFromEnv(env);
  const [inventory, probes] = await Promise.all([
    discover(config, {
      env,
      onProgress: (event) => {
        const line = discoveryProgressLine(event);
        if (line !== undefined) progress(line.replace(/^discovery: /, ''));
      },
    }),
    runStorageProbes(config, credentials === undefined ? {} : { credentials }),
  ]);
  return { inventory, report: evaluatePrecheck(inventory, config, probes) };
}

export interface PlanResult {
  readonly plan: MigrationPlan;
  readonly costUsd: number;
  readonly files: readonly string[];
}

/** The six plan files for `migrationId` into `outDir` (never over existing files). */
export async function writePlan(inventory: Inventory, config: MigrationConfig, options: { migrationId: string; configPath: string; outDir: string }): Promise<PlanResult> {
  const plan = buildPlan(inventory, config, { migrationId: options.migrationId, configPath: options.configPath });
  const files = await writePlanArtifacts(renderPlanArtifacts(plan, PLAN_ARTIFACT_FILES), path.resolve(options.outDir), { force: false });
  return { plan, costUsd: estimateCost(plan).totalUsd, files };
}
