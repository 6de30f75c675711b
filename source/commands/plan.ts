import path from 'node:path';
import { MigrationError } from '../../engine/errors.js';
import type { Inventory } from '../../engine/inventory/types.js';
import {
  PLAN_ARTIFACT_FILES,
  PLAN_FORMAT_FILES,
  buildPlan,
  generateMigrationId,
  renderPlanArtifacts,
  writePlanArtifacts,
  type PlanArtifactFile,
} from '../../engine/plan/index.js';
import type { PlanFormat } from '../cli-spec.js';
import type { CommandHandler } from './context.js';
import { configFrom, discoverFor } from './shared.js';

/** A plan needs both clusters' answers: without them it would describe nothing real. */
function assertReachable(inventory: Inventory): void {
  for (const cluster of [inventory.source, inventory.target]) {
    if (!cluster.reachable) {
      throw new MigrationError({
        code: 'CLUSTER_UNREACHABLE',
        message: `the ${cluster.role} cluster could not be read: ${cluster.error?.message ?? 'no answer'}; no plan was written`,
        hint: 'Run `kafka-backup migrate msk-kraft precheck --config <PATH>` for the full list of problems.',
        retriable: true,
      });
    }
  }
}

export const plan: CommandHandler = async (context) => {
  const { flags, io } = context;
  const format = String(flags['format'] ?? 'json') as PlanFormat;
  const config = await configFrom(context);
  const inventory = await discoverFor(context, config);
  assertReachable(inventory);
  const migrationId = typeof flags['migration-id'] === 'string' ? flags['migration-id'] : generateMigrationId(new Date(), Math.random);
  const built = buildPlan(inventory, config, { migrationId, configPath: String(flags['config']) });
  const files: readonly PlanArtifactFile[] = format === 'all' ? PLAN_ARTIFACT_FILES : PLAN_FORMAT_FILES[format];
  const rendered = renderPlanArtifacts(built, files);

  const outDir = flags['out-dir'];
  if (typeof outDir === 'string') {
    const written = await writePlanArtifacts(rendered, path.resolve(io.cwd, outDir), { force: flags['force'] === true });
    if (context.json) {
      io.stdout.write(`${JSON.stringify({ migrationId, files: written }, null, 2)}\n`);
    } else {
      io.stdout.write(`migration_id: ${migrationId}\n`);
      for (const file of written) io.stdout.write(`wrote ${path.relative(io.cwd, file) || file}\n`);
    }
    return 0;
  }
  // One format, no --out-dir: the file goes to stdout (iam-policy has two: the concrete one, then the templated one).
  for (const file of files) io.stdout.write(rendered[file] ?? '');
  return 0;
};
