/** The exact command lines for this migration, as the runbook prints them. */
import type { RunbookCommand } from './exit-codes.js';
import type { MigrationPlan } from './plan-types.js';
import { shellQuote } from './shell-quote.js';

export const CLI = 'kafka-backup migrate msk-kraft';

/** The config path the commands use: the one the plan was made from, else `migration.yaml`. */
export function configArgument(plan: MigrationPlan): string {
  return shellQuote(plan.config.path ?? 'migration.yaml');
}

export function commandLine(plan: MigrationPlan, command: RunbookCommand, outDir = './migration-plan'): string {
  const config = `--config ${configArgument(plan)}`;
  const id = `--migration-id ${shellQuote(plan.migrationId)}`;
  const journal = plan.locations.journal.kind === 'local' ? ` --journal-dir ${shellQuote(plan.locations.journal.uri)}` : '';
  switch (command) {
    case 'plan':
      return `${CLI} plan ${config} ${id} --format all --out-dir ${shellQuote(outDir)} --force`;
    case 'precheck':
      return `${CLI} precheck ${config}`;
    default:
      return `${CLI} ${command} ${config} ${id}${journal}`;
  }
}
