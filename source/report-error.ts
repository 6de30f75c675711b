import { isMigrationError } from '../engine/errors.js';
import type { CliIO } from './io.js';

/**
 * The one top-level handler: expected failures (MigrationError) print their message and hint and exit with their
 * code; anything else is a bug and says so.
 */
export function reportError(error: unknown, io: CliIO, json: boolean): number {
  if (isMigrationError(error)) {
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint ?? null, retriable: error.retriable } })}\n`,
      );
    }
    io.stderr.write(`error[${error.code}]: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`internal error: ${message}\n`);
  io.stderr.write('  This is a bug in kafka-backup. Nothing after this point ran; the journal holds the last safe step.\n');
  if (io.env['KAFKA_BACKUP_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 1;
}
