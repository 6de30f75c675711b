import { executeMigration } from '../../engine/orchestrator/index.js';
import type { CommandHandler } from './context.js';
import { nextCommandLine, orchestratorOptions } from './execute-run.js';
import { configFrom } from './shared.js';

/** Runs the migration to drain_ready: exit 0 there, 1 on a failure or precheck blockers (journaled as failed). */
export const execute: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const { options, endDisplay, close } = orchestratorOptions(context, config);
  try {
    const migrationId = context.flags['migration-id'];
    const outcome = await executeMigration({
      ...options,
      migrationId: typeof migrationId === 'string' ? migrationId : undefined,
      forceRestart: context.flags['force-restart'] === true,
    }).finally(endDisplay);
    const { io } = context;
    if (outcome.kind === 'interrupted') io.stderr.write(`${nextCommandLine(context, 'resume', outcome.migrationId)}\n`);
    if (outcome.kind === 'failed' || outcome.kind === 'interrupted') throw outcome.error;
    if (context.json) {
      io.stdout.write(`${JSON.stringify({ migrationId: outcome.migrationId, state: outcome.state, outcome: outcome.kind })}\n`);
    } else {
      io.stdout.write(`state: ${outcome.state}\n`);
    }
    if (outcome.state === 'drain_ready') io.stderr.write(`${nextCommandLine(context, 'cutover', outcome.migrationId)}\n`);
    return 0;
  } finally {
    close();
  }
};
