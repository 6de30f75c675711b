import { evaluatePrecheck, renderPrecheckJson, renderPrecheckLines, runStorageProbes } from '../../engine/precheck/index.js';
import { credentialsFromEnv } from '../../engine/aws/credentials.js';
import type { CommandHandler } from './context.js';
import { renderPrecheckForTerminal } from './precheck-terminal.js';
import { configFrom, discoverFor } from './shared.js';

/**
 * Read-only checks. On a terminal: findings grouped by severity; otherwise (or with --json) the JSON report on stdout
 * and the reference's one-line findings on stderr. Exit 0 without blockers, 1 with any.
 */
export const precheck: CommandHandler = async (context) => {
  const { io } = context;
  const config = await configFrom(context);
  const [inventory, probes] = await Promise.all([discoverFor(context, config), runStorageProbes(config, probeOptions(io.env))]);
  const report = evaluatePrecheck(inventory, config, probes);
  if (context.json || !context.interactive) {
    io.stdout.write(renderPrecheckJson(report));
    if (!context.json) {
      io.stderr.write(renderPrecheckLines(report));
    }
  } else {
    io.stdout.write(renderPrecheckForTerminal(report, {
        color: io.env['NO_COLOR'] === undefined,
        ...(io.stdout.columns === undefined ? {} : { columns: io.stdout.columns }),
      }));
  }
  return report.passed ? 0 : 1;
};

function probeOptions(env: NodeJS.ProcessEnv) {
  const credentials = credentialsFromEnv(env);
  return credentials === undefined ? {} : { credentials };
}
