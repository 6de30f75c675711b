import { createKafkajsOffsetReader } from '../../engine/copy/kafkajs-copier.js';
import { clusterConnection } from '../../engine/orchestrator/index.js';
import { migrationStatus, renderStatusLines } from '../../engine/status/index.js';
import type { CommandHandler } from './context.js';
import { journalDirOf, s3ClientFor } from './execute-run.js';
import { configFrom } from './shared.js';
import { watchStatus } from './status-watch.js';

/** State, time in state, per-partition lag (checkpoint vs live source end), totals, ETA, notes, next action. */
export const status: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const journalDir = journalDirOf(context);
  const s3 = journalDir === undefined ? s3ClientFor(context, config) : undefined;
  try {
    const load = () =>
      migrationStatus({
        config,
        migrationId: String(context.flags['migration-id']),
        journalDir,
        s3,
        offsetReader: (plan) => createKafkajsOffsetReader(clusterConnection('source', config, plan, 'kafka-backup-status-source')),
      });
    if (context.flags['watch'] === true) return await watchStatus(context, load);
    const snapshot = await load();
    context.io.stdout.write(context.json ? `${JSON.stringify(snapshot, null, 2)}\n` : renderStatusLines(snapshot));
    return 0;
  } finally {
    s3?.destroy();
  }
};
