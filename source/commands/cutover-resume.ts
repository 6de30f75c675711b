/**
 * `resume` on a cutover past the point of no return: it finishes the cutover (the same steps as `cutover` run again:
 * freeze, drain, re-commit the journaled offsets, READY_FOR_CLIENT_SWITCH). Before the point of no return, `resume`
 * says to run `cutover` (exit 10, next_command), as the state machine's next command is `cutover` there.
 */
import type { MigrationConfig } from '../../engine/config/index.js';
import { openJournal } from '../../engine/journal/index.js';
import { runCutover } from '../../engine/orchestrator/index.js';
import type { CommandContext } from './context.js';
import { cutoverSession, reportCutover } from './cutover-run.js';
import { journalDirOf, s3ClientFor } from './execute-run.js';

async function pastPointInCutover(context: CommandContext, config: MigrationConfig): Promise<boolean> {
  const journalDir = journalDirOf(context);
  const s3 = journalDir === undefined ? s3ClientFor(context, config) : undefined;
  try {
    const journal = await openJournal({ migrationId: String(context.flags['migration-id']), journalDir, config, s3 });
    const info = journal.state();
    await journal.close();
    return info.state === 'cutover' && info.pastPointOfNoReturn;
  } finally {
    s3?.destroy();
  }
}

/** The exit code when resume finished a cutover; undefined when the migration is not a cutover past the point. */
export async function resumeCutover(context: CommandContext, config: MigrationConfig): Promise<number | undefined> {
  if (!(await pastPointInCutover(context, config))) return undefined;
  const session = cutoverSession(context, config);
  try {
    return reportCutover(context, await runCutover(session.options, 'resume'));
  } finally {
    session.close();
  }
}
