/**
 * finalizeMigration over a local journal walked to validating, in-memory clusters (the record port and the target
 * admin) and a recording S3 client: the verdict is journaled check by check, PASSED ends finalized with a signed bundle
 * stored in S3 and beside the journal, FAILED ends failed and a retry after the repair validates again.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { COPY_POSITIONS, SEED_BOUNDARY } from '../../engine/copy/checkpoints.js';
import { CUTOVER_REPORT } from '../../engine/cutover/checkpoints.js';
import { verifyEvidenceBundle } from '../../engine/evidence/index.js';
import { finalizeMigration, FINALIZE_CHECK } from '../../engine/finalize/index.js';
import { createJournal, openJournal } from '../../engine/journal/index.js';
import type { MigrationConfig } from '../../engine/config/types.js';
import { fakeConfig } from './orchestrator/fakes.js';
import { buildWorld, MIGRATION_ID, record, type World } from './finalize-fixtures.js';

const SECRET = 'unit-webhook-secret-5e1d';

function recordingS3() {
  const puts: Array<Record<string, unknown>> = [];
  const s3 = {
    send: async (command: { input: Record<string, unknown> }) => {
      if (command instanceof PutObjectCommand) {
        puts.push(command.input);
        return { VersionId: `v${puts.length}` };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  return { s3: s3 as unknown as S3Client, puts };
}

async function validatingMigration(world: World, migrationId: string): Promise<{ config: MigrationConfig; journalDir: string }> {
  const base = fakeConfig();
  const config: MigrationConfig = { ...base, cutover: { ...base.cutover, producerFreezeWebhook: 'https://hooks.example/freeze', producerFreezeWebhookSecret: SECRET } };
  const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-finalize-flow-'));
  const journal = await createJournal({ migrationId, journalDir, config, command: 'execute', toolVersion: '0.0.0-test', plan: world.inputs.plan });
  for (const state of ['precheck', 'topology_copy', 'seed'] as const) await journal.transition(state);
  await journal.checkpoint(SEED_BOUNDARY, { generation: 1, partitions: world.inputs.partitions.map((p) => ({ topic: p.topic, partition: p.partition, logStart: p.seedFrom ?? 0, end: p.position?.nextSourceOffset ?? 0 })) });
  await journal.checkpoint(COPY_POSITIONS, {
    generation: 1,
    phase: 'tail',
    complete: true,
    partitions: world.inputs.partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      nextSourceOffset: p.position?.nextSourceOffset ?? 0,
      targetEnd: p.position?.targetEnd ?? null,
      runs: (p.position?.runs ?? []).map(([s, t, n]) => [s, t, n] as [number, number, number]),
      records: 1,
      bytes: 10,
      tailRecords: 0,
      tailBytes: 0,
    })),
  });
  for (const state of ['tail', 'drain_ready', 'cutover'] as const) await journal.transition(state);
  await journal.markPointOfNoReturn();
  const cutover = world.inputs.cutover;
  if (cutover === undefined) throw new Error('fixture');
  await journal.checkpoint(CUTOVER_REPORT, cutover);
  await journal.transition('awaiting_client_switch');
  await journal.transition('validating');
  await journal.close();
  return { config, journalDir };
}

describe('finalizeMigration', () => {
  it('PASSED: journals each check, signs and stores the bundle in S3 and beside the journal, moves to finalized', async () => {
    const world = buildWorld({ emptyPartition: false });
    const migrationId = MIGRATION_ID;
    const { config, journalDir } = await validatingMigration(world, migrationId);
    const { s3, puts } = recordingS3();
    const events: string[] = [];
    const result = await finalizeMigration({ config, migrationId, journalDir, evidenceS3: s3, connect: async () => world.ports, toolVersion: '0.0.0-test', onEvent: (e) => events.push(e.type) });
    expect(result.report.checks.filter((c) => c.result !== 'PASSED')).toEqual([]);
    expect(result.state).toBe('finalized');
    expect(result.report.outcome).toBe('PASSED');
    expect(result.transitionLines.at(-1)).toMatch(/ validating -> finalized finalize: outcome=PASSED evidence=s3:\/\//);
    expect(puts.map((p) => p['Key'])).toEqual([`${config.evidence.s3Prefix}/${migrationId}/public-key.pem`, `${config.evidence.s3Prefix}/${migrationId}/evidence-bundle.json`]);
    const local = readFileSync(path.join(journalDir, migrationId, 'evidence-bundle.json'), 'utf8');
    expect(puts[1]?.['Body']).toBe(local);
    const verified = verifyEvidenceBundle(local, { publicKeyPem: readFileSync(path.join(journalDir, migrationId, 'public-key.pem'), 'utf8') });
    expect(verified.ok).toBe(true);
    expect(result.evidence?.generatedKey).toBe(true);
    expect(local.includes(SECRET)).toBe(false);
    expect(events).toContain('finalize.check');
    expect(events.filter((e) => e === 'warning')).toHaveLength(1);

    const journal = await openJournal({ migrationId, journalDir, config });
    expect(journal.state().state).toBe('finalized');
    const checks = journal.entries().flatMap((e) => (e.kind === 'checkpoint' && e.name === FINALIZE_CHECK.name ? [FINALIZE_CHECK.parse(e.payload)] : []));
    expect(checks.map((c) => `${c.attempt}:${c.name}:${c.result}`)).toEqual([
      '1:topic_parity:PASSED',
      '1:counts_and_offsets:PASSED',
      '1:spot_check_records:PASSED',
      '1:sentinel_presence:PASSED',
      '1:consumer_group_reconciliation:PASSED',
    ]);
    const bundle = JSON.parse(local);
    expect(bundle.parts.journal.at(-1)).toMatchObject({ kind: 'checkpoint', name: 'finalize.validation' });
    expect(bundle.parts['offset-translations'].offsetMaps).toHaveLength(3);
    expect(bundle.manifest.clusters).toEqual({
      source: { arn: null, bootstrapServers: ['source-1:9092'], kafkaClusterId: 'src-cluster' },
      target: { arn: null, bootstrapServers: ['target-1:9092'], kafkaClusterId: 'tgt-cluster' },
    });
    await journal.close();
  });

  it('FAILED: moves to failed with the failing check in the reason and stores no bundle; finalize after the repair validates again', async () => {
    const world = buildWorld({ emptyPartition: false });
    const migrationId = MIGRATION_ID;
    const { config, journalDir } = await validatingMigration(world, migrationId);
    const p1 = world.target.get({ topic: 'orders', partition: 1 });
    const original = p1.records[3];
    p1.records[3] = record(3, 'corrupted');
    const { s3, puts } = recordingS3();
    const failed = await finalizeMigration({ config, migrationId, journalDir, evidenceS3: s3, connect: async () => world.ports, toolVersion: 't' });
    expect(failed.state).toBe('failed');
    expect(failed.evidence).toBeNull();
    expect(puts).toHaveLength(0);
    expect(existsSync(path.join(journalDir, migrationId, 'evidence-bundle.json'))).toBe(false);
    const journal = await openJournal({ migrationId, journalDir, config });
    expect(journal.state()).toMatchObject({ state: 'failed', failedFrom: 'validating' });
    expect(journal.state().failureReason).toContain('validation FAILED: spot_check_records: orders-1: sampled record, source offset 3 -> target offset 3: key differs');
    await journal.close();

    if (original !== undefined) p1.records[3] = original;
    const retried = await finalizeMigration({ config, migrationId, journalDir, evidenceS3: s3, connect: async () => world.ports, toolVersion: 't' });
    expect(retried.state).toBe('finalized');
    expect(retried.transitionLines.map((l) => l.split(' ').slice(1, 4).join(' '))).toEqual(['failed -> validating', 'validating -> finalized']);
    const after = await openJournal({ migrationId, journalDir, config });
    expect(after.entries().some((e) => e.kind === 'operator.action' && e.action === 'finalize-retry')).toBe(true);
    await after.close();
  });

  it('refuses a migration that is not in validating, and an unreadable signing key, before anything is journaled', async () => {
    const world = buildWorld({ emptyPartition: false });
    const migrationId = MIGRATION_ID;
    const { config, journalDir } = await validatingMigration(world, migrationId);
    const { s3 } = recordingS3();
    const badKey = { ...config, evidence: { ...config.evidence, signingKeyPath: '/nonexistent/evidence-key.pem' } };
    await expect(finalizeMigration({ config: badKey, migrationId, journalDir, evidenceS3: s3, connect: async () => world.ports, toolVersion: 't' })).rejects.toThrow(
      'evidence.signing_key_path: cannot read /nonexistent/evidence-key.pem (ENOENT)',
    );
    await finalizeMigration({ config, migrationId, journalDir, evidenceS3: s3, connect: async () => world.ports, toolVersion: 't' });
    await expect(finalizeMigration({ config, migrationId, journalDir, evidenceS3: s3, connect: async () => world.ports, toolVersion: 't' })).rejects.toThrow(
      'finalize is not allowed in state finalized',
    );
  });
});
