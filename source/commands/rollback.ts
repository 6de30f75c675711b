import { rollbackMigration } from '../../engine/rollback/index.js';
import type { CommandHandler } from './context.js';
import { journalDirOf, s3ClientFor } from './execute-run.js';
import { configFrom } from './shared.js';

/** Marks the migration rolled_back (allowed states only), uploads the rollback report; deletes nothing on the target. */
export const rollback: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const journalDir = journalDirOf(context);
  const s3 = s3ClientFor(context, config);
  try {
    const result = await rollbackMigration({
      config,
      migrationId: String(context.flags['migration-id']),
      journalDir,
      journalS3: journalDir === undefined ? s3 : undefined,
      evidenceS3: s3,
      onWarning: (message) => context.io.stderr.write(`warning: ${message}\n`),
    });
    const { io } = context;
    io.stderr.write(`${result.transitionLine}\n`);
    if (context.json) {
      io.stdout.write(`${JSON.stringify({ migrationId: result.migrationId, state: 'rolled_back', from: result.from, reportUri: result.reportUri, reportFile: result.reportFile, report: result.report }, null, 2)}\n`);
    } else {
      io.stdout.write(`state: rolled_back (from ${result.from})\nreport: ${result.reportUri}\n`);
      if (result.reportFile !== null) io.stdout.write(`report_file: ${result.reportFile}\n`);
      for (const step of result.report.cleanup) io.stdout.write(`cleanup: ${step}\n`);
    }
    return 0;
  } finally {
    s3.destroy();
  }
};
