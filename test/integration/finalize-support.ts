/**
 * For the finalize integration tests: a migration brought to `validating` through the documented commands only
 * (execute -> cutover with a webhook test server -> cutover-ack), on topics and groups named for one test run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { cli, journalEntries, scopedConfig } from './execute-support.js';

/** A webhook receiver that answers 200 and records each action it was sent. */
export async function startWebhook(): Promise<{ url: string; actions: string[]; server: Server }> {
  const actions: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      try {
        actions.push(String((JSON.parse(body) as { action?: unknown }).action));
      } catch {
        actions.push('unparsable');
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/freeze`, actions, server };
}

export interface ValidatingMigration {
  readonly config: string;
  /** Empty when the journal is in the backup bucket. */
  readonly journalDir: string;
  readonly migrationId: string;
  readonly args: string[];
}

/**
 * execute to drain_ready for the topics under `prefix`; asserts the exit code. The journal is local unless
 * `journal: 's3'` (then in the backup bucket under the config's backup.s3_prefix).
 */
export async function migrateToDrainReady(
  prefix: string,
  cutover: Record<string, unknown> = {},
  mutate: (block: Record<string, any>) => void = () => undefined,
  journal: 'local' | 's3' = 'local',
): Promise<ValidatingMigration> {
  const journalDir = journal === 'local' ? mkdtempSync(path.join(tmpdir(), `kb-finalize-${prefix}-`)) : '';
  const where = journal === 'local' ? ['--journal-dir', journalDir] : [];
  const config = scopedConfig(prefix, { drain_stable_window: '2s', ...cutover }, mutate);
  const executed = await cli(['execute', '--config', config, ...where]);
  expect(executed.code, executed.err).toBe(0);
  const migrationId = /^migration_id: (mig-[\w-]+)$/m.exec(executed.out)?.[1] ?? '';
  expect(migrationId).not.toBe('');
  return { config, journalDir, migrationId, args: ['--config', config, '--migration-id', migrationId, ...where] };
}

/** execute -> cutover (webhook) -> cutover-ack for the topics under `prefix`; asserts each step's exit code. */
export async function migrateToValidating(
  prefix: string,
  webhook: string,
  mutate: (block: Record<string, any>) => void = () => undefined,
  journal: 'local' | 's3' = 'local',
): Promise<ValidatingMigration> {
  const m = await migrateToDrainReady(prefix, { producer_freeze_webhook: webhook, producer_freeze_webhook_secret: 'finalize-webhook-secret-8f3a1c' }, mutate, journal);
  const { migrationId, args } = m;
  const cutover = await cli(['cutover', ...args]);
  expect(cutover.code, cutover.err + cutover.out).toBe(0);
  const ack = await cli(['cutover-ack', ...args]);
  expect(ack.code, ack.err + ack.out).toBe(0);
  expect(ack.out + ack.err).toMatch(/awaiting_client_switch -> validating/);
  return m;
}

/** The latest checkpoint payload of `name` in a local journal. */
export function checkpointOf(journalDir: string, migrationId: string, name: string): any {
  return journalEntries(journalDir, migrationId).filter((e) => e['kind'] === 'checkpoint' && e['name'] === name).at(-1)?.['payload'];
}
