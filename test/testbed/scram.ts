/**
 * Creates the SCRAM-SHA-512 user with Kafka's ConfigCommand, the password passed in a 0600 file
 * (`--add-config-file`) rather than on a command line that `ps` would show.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJavaTool } from './java.js';
import type { KafkaLibs } from './maven.js';
import { DATA_DIR } from './paths.js';
import type { BedState } from './state.js';

export const SCRAM_ITERATIONS = 4096;

/** `connection` is `['--zookeeper', host:port]` (before ZooKeeper-mode brokers start) or `['--bootstrap-server', ...]`. */
export async function addScramUser(libs: KafkaLibs, connection: string[], state: BedState, what: string): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, `scram-${libs.side}.properties`);
  writeFileSync(file, `SCRAM-SHA-512=iterations=${SCRAM_ITERATIONS},password=${state.scramPassword}\n`, { mode: 0o600 });
  try {
    await runJavaTool(
      libs,
      'kafka.admin.ConfigCommand',
      [...connection, '--alter', '--entity-type', 'users', '--entity-name', state.scramUsername, '--add-config-file', file],
      what,
      [state.scramPassword],
    );
  } finally {
    rmSync(file, { force: true });
  }
}
