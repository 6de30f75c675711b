import { resumeMigration } from '../../engine/orchestrator/index.js';
import type { CommandHandler } from './context.js';
import { nextCommandLine, orchestratorOptions } from './execute-run.js';
import { configFrom } from './shared.js';
import { resumeCutover } from './cutover-resume.js';

/**
 * Exit 0 when the migration advanced (to drain_ready, or a cutover past the point of no return finished), 10 when it
 * waits on the operator (next_command on stderr), 1 on failure.
 */
export const resume: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const finishedCutover = await resumeCutover(context, config);
  if (finishedCutover !== undefined) return finishedCutover;
  const { options, endDisplay, close } = orchestratorOptions(context, config);
  try {
    const outcome = await resumeMigration({ ...options, migrationId: String(context.flags['migration-id']) }).finally(endDisplay);
    const { io } = context;
    switch (outcome.kind) {
      case 'failed':
        throw outcome.error;
      case 'interrupted':
        io.stderr.write(`${nextCommandLine(context, 'resume', outcome.migrationId)}\n`);
        throw outcome.error;
      case 'waiting-for-operator':
        if (context.json) io.stdout.write(`${JSON.stringify({ migrationId: outcome.migrationId, state: outcome.state, outcome: outcome.kind, nextCommand: outcome.nextCommand })}\n`);
        else io.stdout.write(`state: ${outcome.state} (waiting for the operator)\n`);
        io.stderr.write(`${nextCommandLine(context, outcome.nextCommand, outcome.migrationId)}\n`);
        return 10;
      case 'advanced':
      case 'terminal':
        if (context.json) io.stdout.write(`${JSON.stringify({ migrationId: outcome.migrationId, state: outcome.state, outcome: outcome.kind })}\n`);
        else io.stdout.write(`state: ${outcome.state}\n`);
        if (outcome.state === 'drain_ready') io.stderr.write(`${nextCommandLine(context, 'cutover', outcome.migrationId)}\n`);
        return 0;
    }
  } finally {
    close();
  }
};
