/** What cutover and rollback do, in the reference's words, for the confirmation before each. */
import { formatDuration } from '../../engine/config/index.js';
import type { MigrationConfig } from '../../engine/config/index.js';

export function cutoverLines(config: MigrationConfig): string[] {
  const webhook = config.cutover.producerFreezeWebhook;
  return [
    webhook === undefined
      ? `producers are frozen by you: the tool asks you to stop every producer and confirm (at most ${formatDuration(config.cutover.maxProducerFreezeMs)} frozen)`
      : `producers are frozen through the producer-freeze webhook at ${hostOf(webhook)} (at most ${formatDuration(config.cutover.maxProducerFreezeMs)} frozen)`,
    'sentinel records are published to every partition on the source',
    'the final records are drained from the source to the target',
    'all consumer group offsets are snapshotted on the source, translated with the offset map and committed on the target',
    "the target's log-start offsets are checked against the copied data",
    'READY_FOR_CLIENT_SWITCH: then switch your clients to the target (producers are released)',
    'on a failure before offsets are committed, producers are unfrozen and the migration stays in cutover: fix the cause and run cutover again',
  ];
}

export function rollbackLines(): string[] {
  return [
    'producers are unfrozen (if frozen)',
    'the migration is marked rolled_back in the journal (it cannot be resumed)',
    'the rollback report is uploaded to the evidence bucket',
    'topics and data on the target are NOT deleted (clean them up by hand if you want)',
  ];
}

/** The webhook's host only: its path or query may carry a token. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured URL';
  }
}
