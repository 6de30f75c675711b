/**
 * finalize end to end against the real bed, by the documented commands only: execute -> cutover (webhook test server)
 * -> cutover-ack -> finalize. A repairable failure (a translated group offset removed on the target) gives FAILED and
 * exit 1, finalize after the repair gives PASSED with the signed bundle in the Object Lock evidence bucket and beside
 * the journal; `evidence verify` passes on it and fails on a tampered copy naming the part; no configured secret is
 * in it. An empty partition gives WARNING; records deleted from the target (deleteRecords: Kafka cannot rewrite a
 * record in place) give FAILED naming the partition and offsets.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePrefix } from '../support/s3-prefix.js';
import { bed, cli, journalEntries, kafka } from './execute-support.js';
import { checkpointOf, migrateToDrainReady, migrateToValidating, startWebhook, type ValidatingMigration } from './finalize-support.js';

const RUN = `finalize-${randomBytes(3).toString('hex')}`;
const A = `${RUN}-a`;
const B = `${RUN}-b`;
const C = `${RUN}-c`;
const D = `${RUN}-d`;
const TOPICS = { orders: `${A}.orders`, ledger: `${B}.ledger`, empty: `${B}.empty`, payments: `${C}.payments`, audit: `${D}.audit` };
const GROUP = `${A}-billing`;
const WEBHOOK_SECRET = 'finalize-webhook-secret-8f3a1c';

let sourceAdmin: Admin;
let targetAdmin: Admin;
let webhook: Awaited<ReturnType<typeof startWebhook>>;
const s3 = new S3Client({
  region: bed.AWS_REGION,
  endpoint: bed.S3_ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: bed.AWS_ACCESS_KEY_ID, secretAccessKey: bed.AWS_SECRET_ACCESS_KEY },
});

/**
 * The object's Object Lock as S3 reports it, and proof that it holds: deleting that version is refused. (HeadObject:
 * the bed's moto 5.2.5 answers GetObjectRetention, `GET ?retention`, with the object's body instead of the retention.)
 */
async function expectLocked(key: string): Promise<void> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bed.EVIDENCE_BUCKET, Key: key }));
  expect(head.ObjectLockMode).toBe('COMPLIANCE');
  expect(head.ObjectLockRetainUntilDate?.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  await expect(s3.send(new DeleteObjectCommand({ Bucket: bed.EVIDENCE_BUCKET, Key: key, VersionId: head.VersionId }))).rejects.toMatchObject({ name: 'AccessDenied' });
}

async function produce(topic: string, count: number, partitions: number) {
  const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: count }, (_, i) => ({
      partition: i % partitions,
      key: i % 7 === 0 ? null : `key-${i}`,
      value: i % 11 === 0 ? null : `value ${i} ${'x'.repeat(i % 40)}`,
      headers: { trace: `t-${i}`, empty: '' },
      timestamp: String(Date.now() - (count - i) * 1000),
    })),
  });
  await producer.disconnect();
}

/** The source SCRAM listener, so the config holds a SCRAM password the bundle must not contain. */
const scramSource = (block: Record<string, any>) => {
  block.source = { ...block.source, bootstrap_servers: bed.SOURCE_SCRAM_BOOTSTRAP.split(','), auth: { mode: 'scram-sha-512', username: '${SCRAM_USERNAME}', password: '${SCRAM_PASSWORD}' } };
};

beforeAll(async () => {
  webhook = await startWebhook();
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TOPICS.orders, numPartitions: 3, replicationFactor: 2 },
      { topic: TOPICS.ledger, numPartitions: 2, replicationFactor: 2 },
      { topic: TOPICS.empty, numPartitions: 1, replicationFactor: 2 },
      { topic: TOPICS.payments, numPartitions: 2, replicationFactor: 2 },
      { topic: TOPICS.audit, numPartitions: 1, replicationFactor: 2 },
    ],
  });
  await produce(TOPICS.orders, 300, 3);
  await produce(TOPICS.ledger, 40, 2);
  await produce(TOPICS.payments, 60, 2);
  await produce(TOPICS.audit, 25, 1);
  // A source group part-way through the orders: cutover translates and commits these on the target.
  await sourceAdmin.setOffsets({ groupId: GROUP, topic: TOPICS.orders, partitions: [{ partition: 0, offset: '40' }, { partition: 1, offset: '7' }, { partition: 2, offset: '100' }] });
}, 120_000);

afterAll(async () => {
  const topics = Object.values(TOPICS);
  await sourceAdmin?.deleteTopics({ topics }).catch(() => undefined);
  await targetAdmin?.deleteTopics({ topics }).catch(() => undefined);
  await sourceAdmin?.deleteGroups([GROUP]).catch(() => undefined);
  await targetAdmin?.deleteGroups([GROUP]).catch(() => undefined);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect()]);
  webhook?.server.close();
  s3.destroy();
});

const lines = (text: string) => text.split('\n');
const SUMMARY = /^partitions_checked=(\d+)\ntarget_behind_or_missing=(\d+)\nearliest_partitions_checked=(\d+)\nearliest_mismatches=(\d+)\nlatest_partitions_checked=(\d+)\nlatest_mismatches=(\d+)$/m;

describe('finalize: FAILED on a removed group offset, then PASSED after the repair, with the signed evidence', () => {
  let m: ValidatingMigration;

  it('reaches validating through execute, cutover (webhook) and cutover-ack', async () => {
    m = await migrateToValidating(A, webhook.url, scramSource);
    expect(webhook.actions).toContain('freeze');
  }, 300_000);

  it('a translated offset missing on the target fails group reconciliation (exit 1, state failed) naming group and partition', async () => {
    const report = checkpointOf(m.journalDir, m.migrationId, 'cutover.report');
    expect(report.groups).toEqual([expect.objectContaining({ groupId: GROUP })]);
    await targetAdmin.deleteGroups([GROUP]);
    const run = await cli(['finalize', ...m.args]);
    expect(run.code, run.err).toBe(1);
    expect(run.out).toContain('check consumer_group_reconciliation: FAILED');
    expect(run.out).toMatch(new RegExp(`FAIL group ${GROUP}, ${TOPICS.orders}-0: no offset committed on the target \\(translated: \\d+ from source 40\\)`));
    expect(run.out).toContain('outcome: FAILED');
    expect(run.err).toContain('validating -> failed');
    expect(run.err).toContain(`next_command: kafka-backup migrate msk-kraft finalize --config ${m.config} --migration-id ${m.migrationId}`);
  }, 120_000);

  it('after the repair, finalize passes: exit 0, the reference summary lines, the bundle in S3 under Object Lock and beside the journal', async () => {
    const report = checkpointOf(m.journalDir, m.migrationId, 'cutover.report');
    for (const group of report.groups) {
      await targetAdmin.setOffsets({ groupId: group.groupId, topic: TOPICS.orders, partitions: group.offsets.map((o: any) => ({ partition: o.partition, offset: String(o.targetOffset) })) });
    }
    const run = await cli(['finalize', ...m.args]);
    expect(run.code, run.err + run.out).toBe(0);
    for (const name of ['topic_parity', 'counts_and_offsets', 'spot_check_records', 'sentinel_presence', 'consumer_group_reconciliation']) {
      expect(run.out).toContain(`check ${name}: PASSED`);
    }
    const summary = SUMMARY.exec(run.out);
    expect(summary?.slice(1).map(Number)).toEqual([3, 0, 3, 0, 3, 0]);
    expect(run.out).toContain('outcome: PASSED');
    expect(run.out).toContain('state: finalized');
    // 300 records and one sentinel per partition on each side.
    expect(run.out).toContain('303 committed records on the source and 303 on the target in the copied ranges');
    expect(run.err).toMatch(/failed -> validating/);
    expect(run.err).toMatch(/validating -> finalized finalize: outcome=PASSED evidence=s3:\/\/kb-evidence\//);
    expect(run.err).toContain('warning: No evidence.signing_key_path');

    const evidence = checkpointOf(m.journalDir, m.migrationId, 'finalize.evidence');
    const key = String(evidence.bundleUri).replace(`s3://${bed.EVIDENCE_BUCKET}/`, '');
    await expectLocked(key);
    await expectLocked(String(evidence.publicKeyUri).replace(`s3://${bed.EVIDENCE_BUCKET}/`, ''));
    const stored = await (await s3.send(new GetObjectCommand({ Bucket: bed.EVIDENCE_BUCKET, Key: key }))).Body?.transformToString();
    const local = readFileSync(path.join(m.journalDir, m.migrationId, 'evidence-bundle.json'), 'utf8');
    expect(stored).toBe(local);
    expect(run.out).toContain(`evidence_file: ${path.join(m.journalDir, m.migrationId, 'evidence-bundle.json')}`);

    const bundle = JSON.parse(local);
    expect(Object.keys(bundle.parts).sort()).toEqual(['config', 'copy-statistics', 'cutover', 'journal', 'offset-translations', 'plan', 'precheck', 'topology', 'validation']);
    expect(bundle.parts.validation.outcome).toBe('PASSED');
    expect(bundle.parts.cutover.report.freezeWindowMs).toBeGreaterThan(0);
    expect(bundle.parts['offset-translations'].groups[0].offsets).toHaveLength(3);
    expect(bundle.parts['copy-statistics'].seed.records + bundle.parts['copy-statistics'].tail.records).toBeGreaterThanOrEqual(303);
    const journalTail = journalEntries(m.journalDir, m.migrationId).filter((e) => e['kind'] === 'checkpoint' && e['name'] === 'finalize.check');
    expect(journalTail.map((e) => `${e['payload'].attempt}:${e['payload'].name}:${e['payload'].result}`)).toEqual([
      '1:topic_parity:PASSED', '1:counts_and_offsets:PASSED', '1:spot_check_records:PASSED', '1:sentinel_presence:PASSED', '1:consumer_group_reconciliation:FAILED',
      '2:topic_parity:PASSED', '2:counts_and_offsets:PASSED', '2:spot_check_records:PASSED', '2:sentinel_presence:PASSED', '2:consumer_group_reconciliation:PASSED',
    ]);
  }, 120_000);

  it('evidence verify passes on the bundle with its public key, and fails on a tampered copy naming the part', async () => {
    const dir = path.join(m.journalDir, m.migrationId);
    const bundlePath = path.join(dir, 'evidence-bundle.json');
    const ok = await cli(['evidence', 'verify', bundlePath, '--public-key', path.join(dir, 'public-key.pem')]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('evidence verify: PASSED');
    const tampered = JSON.parse(readFileSync(bundlePath, 'utf8'));
    tampered.parts.validation.outcome = 'FAILED';
    const tamperedPath = path.join(dir, 'tampered-bundle.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered, null, 2));
    const bad = await cli(['evidence', 'verify', tamperedPath, '--public-key', path.join(dir, 'public-key.pem')]);
    expect(bad.code).toBe(1);
    expect(lines(bad.out)).toContainEqual(expect.stringMatching(/^FAIL {2}part validation: sha256 mismatch/));
    expect(bad.out).toContain('evidence verify: FAILED (1 of');
  }, 60_000);

  it('the bundle holds none of the configured secrets (the SCRAM password, the webhook secret)', () => {
    const text = readFileSync(path.join(m.journalDir, m.migrationId, 'evidence-bundle.json'), 'utf8');
    const config = readFileSync(m.config, 'utf8');
    // The secrets are really in play: the config names the SCRAM password and holds the webhook secret.
    expect(config).toContain('${SCRAM_PASSWORD}');
    expect(config).toContain(WEBHOOK_SECRET);
    expect(String(bed.SCRAM_PASSWORD).length).toBeGreaterThan(8);
    for (const secret of [String(bed.SCRAM_PASSWORD), WEBHOOK_SECRET]) {
      expect(text.includes(secret)).toBe(false);
      expect(text.includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
    }
  });
});

describe('finalize: WARNING for an empty partition, still finalized, signed with the configured key', () => {
  it('passes everything but the spot check, which warns that the empty partition had nothing to sample (exit 0)', async () => {
    const keyDir = mkdtempSync(path.join(tmpdir(), 'kb-finalize-key-'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(path.join(keyDir, 'signing.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path.join(keyDir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const m = await migrateToValidating(B, webhook.url, (block) => {
      block.evidence = { ...block.evidence, signing_key_path: path.join(keyDir, 'signing.pem') };
    });
    const run = await cli(['finalize', ...m.args]);
    expect(run.code, run.err + run.out).toBe(0);
    expect(run.err).not.toContain('No evidence.signing_key_path');
    expect(run.out).toContain('--public-key <your trusted copy of the public key of evidence.signing_key_path>');
    const verified = await cli(['evidence', 'verify', path.join(m.journalDir, m.migrationId, 'evidence-bundle.json'), '--public-key', path.join(keyDir, 'public.pem')]);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toContain('ok    key: embedded public key matches --public-key');
    expect(run.out).toContain('check spot_check_records: WARNING');
    expect(run.out).toContain(`warn ${TOPICS.empty}-0: nothing to sample: the only copied record is the cutover sentinel (the partition was empty)`);
    expect(run.out).toContain('check counts_and_offsets: PASSED');
    expect(run.out).toContain('check sentinel_presence: PASSED');
    expect(run.out).toContain('outcome: WARNING');
    expect(run.out).toContain('state: finalized');
    expect(SUMMARY.exec(run.out)?.slice(1).map(Number)).toEqual([3, 0, 3, 0, 3, 0]);
  }, 300_000);
});

describe('finalize: FAILED when copied records are gone from the target', () => {
  it('deleteRecords on a target partition before finalize: FAILED naming the partition and the offsets, state failed', async () => {
    const m = await migrateToValidating(C, webhook.url);
    // Kafka cannot rewrite a record in place; deleting the first 5 copied records makes the target really differ.
    await targetAdmin.fetchTopicMetadata({ topics: [TOPICS.payments] });
    await targetAdmin.deleteTopicRecords({ topic: TOPICS.payments, partitions: [{ partition: 1, offset: '5' }] });
    const run = await cli(['finalize', ...m.args]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('check counts_and_offsets: FAILED');
    expect(run.out).toContain(`FAIL ${TOPICS.payments}-1: offset floor violated: the target log start 5 is past the first copied record (target offset 0)`);
    expect(run.out).toMatch(new RegExp(`FAIL ${TOPICS.payments}-1: earliest record, source offset 0 -> target offset 0: the target has no record at offset 0`));
    expect(SUMMARY.exec(run.out)?.slice(1).map(Number)).toEqual([2, 1, 2, 1, 2, 0]);
    expect(run.out).toContain('outcome: FAILED');
    expect(run.err).toContain('validating -> failed');
    const entries = journalEntries(m.journalDir, m.migrationId);
    expect(entries.at(-1)).toMatchObject({ kind: 'state.transition', from: 'validating', to: 'failed' });
    expect(String(entries.at(-1)?.['reason'])).toContain(`counts_and_offsets: ${TOPICS.payments}-1`);
  }, 300_000);
});

describe('finalize with the journal in S3', () => {
  it('PASSED: the bundle goes to the evidence bucket only, and the output says how to fetch and verify it', async () => {
    const journalPrefix = `finalize-tests/${D}`;
    try {
      const m = await migrateToValidating(D, webhook.url, (block) => {
        block.backup = { ...block.backup, s3_prefix: journalPrefix };
      }, 's3');
      const run = await cli(['finalize', ...m.args]);
      expect(run.code, run.err + run.out).toBe(0);
      expect(run.out).toContain('outcome: PASSED');
      expect(run.out).not.toContain('evidence_file:');
      const uri = /^evidence: (s3:\/\/\S+)/m.exec(run.out)?.[1] ?? '';
      expect(uri).toBe(`s3://${bed.EVIDENCE_BUCKET}/evidence/${m.migrationId}/evidence-bundle.json`);
      expect(run.out).toContain(`fetch: aws s3 cp ${uri} evidence-bundle.json`);
      await expectLocked(`evidence/${m.migrationId}/evidence-bundle.json`);
      const bundle = JSON.parse((await (await s3.send(new GetObjectCommand({ Bucket: bed.EVIDENCE_BUCKET, Key: `evidence/${m.migrationId}/evidence-bundle.json` }))).Body?.transformToString()) ?? '');
      expect(bundle.parts.journal[0]).toMatchObject({ kind: 'migration.created', migrationId: m.migrationId });
      const status = await cli(['status', ...m.args]);
      expect(status.out).toContain('finalized');
    } finally {
      await deletePrefix(s3, bed.BACKUP_BUCKET, journalPrefix);
    }
  }, 300_000);
});

describe('rollback report under Object Lock like the evidence bundle', () => {
  it('rollback stores its report with COMPLIANCE retention from evidence.retention', async () => {
    const prefix = `${RUN}-r`;
    await sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: `${prefix}.t`, numPartitions: 1, replicationFactor: 2 }] });
    try {
      const m = await migrateToDrainReady(prefix);
      const run = await cli(['rollback', ...m.args]);
      expect(run.code, run.err).toBe(0);
      const key = /^report: s3:\/\/[^/]+\/(.+)$/m.exec(run.out)?.[1] ?? '';
      expect(key).toContain(m.migrationId);
      await expectLocked(key);
    } finally {
      await sourceAdmin.deleteTopics({ topics: [`${prefix}.t`] }).catch(() => undefined);
      await targetAdmin.deleteTopics({ topics: [`${prefix}.t`] }).catch(() => undefined);
    }
  }, 120_000);
});
