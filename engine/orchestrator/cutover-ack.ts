/**
 * `cutover-ack`: the operator says clients have switched to the target. Journals who (the OS user, or `by`), from
 * which host and when (`cutover.ack` checkpoint and an operator action), then awaiting_client_switch -> validating.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { CUTOVER_ACK, type CutoverAck } from '../cutover/checkpoints.js';
import { MigrationError } from '../errors.js';
import { openJournal, type StateTransitionEntry } from '../journal/index.js';

export interface CutoverAckOptions {
  readonly config: MigrationConfig;
  readonly migrationId: string;
  readonly journalDir?: string | undefined;
  readonly s3?: S3Client | undefined;
  /** Who acknowledges (default: the OS user running the command). */
  readonly by?: string | undefined;
}

export interface CutoverAckResult {
  readonly migrationId: string;
  readonly ack: CutoverAck;
  readonly transition: StateTransitionEntry;
}

export async function acknowledgeCutover(options: CutoverAckOptions): Promise<CutoverAckResult> {
  if (options.by !== undefined && options.by.trim() === '') {
    throw new MigrationError({ code: 'USAGE', message: '--by is empty', hint: 'Pass the name of the person acknowledging the client switch, or leave --by out to use the OS user.', exitCode: 2 });
  }
  const journal = await openJournal({ migrationId: options.migrationId, journalDir: options.journalDir, config: options.config, s3: options.s3 });
  try {
    journal.assertCommandAllowed('cutover-ack');
    const lease = await journal.acquireLease('cutover-ack');
    journal.assertCommandAllowed('cutover-ack');
    const ack: CutoverAck = { by: options.by?.trim() ?? lease.holder.user, host: lease.holder.host, at: new Date().toISOString() };
    await journal.recordAction('cutover-ack', `clients switched to the target; acknowledged by ${ack.by} on ${ack.host}`);
    await journal.checkpoint(CUTOVER_ACK, ack);
    const transition = await journal.transition('validating', { detail: `client switch acknowledged by ${ack.by} on ${ack.host}` });
    return { migrationId: journal.migrationId, ack, transition };
  } finally {
    await journal.close();
  }
}
