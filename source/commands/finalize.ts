import { connectFinalizePorts, finalizeMigration } from '../../engine/finalize/index.js';
import type { CommandHandler } from './context.js';
import { journalDirOf, nextCommandLine, s3ClientFor } from './execute-run.js';
import { progressLine, resultLines } from './finalize-render.js';
import { configFrom } from './shared.js';
import { readVersion } from '../version.js';

/** Runs the five checks; exit 0 with the evidence bundle stored (PASSED or WARNING), 1 with the report (FAILED). */
export const finalize: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const journalDir = journalDirOf(context);
  const s3 = s3ClientFor(context, config);
  const { io } = context;
  try {
    const result = await finalizeMigration({
      config,
      migrationId: String(context.flags['migration-id']),
      journalDir,
      journalS3: journalDir === undefined ? s3 : undefined,
      evidenceS3: s3,
      connect: (plan) => connectFinalizePorts(config, plan),
      toolVersion: readVersion(),
      onEvent: (event) => {
        const line = progressLine(event);
        if (line !== undefined) io.stderr.write(`${line}\n`);
      },
    });
    for (const line of result.transitionLines) io.stderr.write(`${line}\n`);
    if (context.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout.write(`${resultLines(result).join('\n')}\n`);
    if (result.state === 'failed') {
      io.stderr.write('validation FAILED: repair what the failed checks name, then run finalize again\n');
      io.stderr.write(`${nextCommandLine(context, 'finalize', result.migrationId)}\n`);
      return 1;
    }
    return 0;
  } finally {
    s3.destroy();
  }
};
