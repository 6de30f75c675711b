import { formatTransitionLine } from '../../engine/journal/index.js';
import { acknowledgeCutover } from '../../engine/orchestrator/index.js';
import type { CommandHandler } from './context.js';
import { journalDirOf, nextCommandLine, s3ClientFor } from './execute-run.js';
import { configFrom } from './shared.js';

/** awaiting_client_switch -> validating: journals who acknowledged the client switch, from where and when. */
export const cutoverAck: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const journalDir = journalDirOf(context);
  const s3 = journalDir === undefined ? s3ClientFor(context, config) : undefined;
  try {
    const by = context.flags['by'];
    const result = await acknowledgeCutover({ config, migrationId: String(context.flags['migration-id']), journalDir, s3, by: typeof by === 'string' ? by : undefined });
    const line = formatTransitionLine(result.transition);
    if (context.json) context.io.stdout.write(`${JSON.stringify({ migrationId: result.migrationId, state: 'validating', line, ack: result.ack }, null, 2)}\n`);
    else context.io.stdout.write(`${line}\n`);
    context.io.stderr.write(`${nextCommandLine(context, 'finalize', result.migrationId)}\n`);
    return 0;
  } finally {
    s3?.destroy();
  }
};
