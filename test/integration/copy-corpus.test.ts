/**
 * The corpus test: a source corpus with a compacted topic the cleaner has run on (tombstones kept), committed and
 * aborted transactions, repeated and integer-like header names, null and empty keys, records near 1 MiB,
 * all four codecs (kafkajs and Kafka's Java producer) and empty partitions goes through plan, precheck and execute (the
 * CLI in-process) to drain_ready; then every target partition is compared with the source record by record through
 * the wire reader, and the journal's offset map translates every source offset (gaps included) exactly.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedReaders, comparePartitions, finalPositions, problemsOf, type Readers } from '../support/compare-partitions.js';
import { corpusTopics, deleteTopics, LARGEST_VALUE, writeCorpus, type Corpus } from '../support/corpus.js';
import { deletePrefix } from '../support/s3-prefix.js';
import { bed, cli, journalEntries, kafka, scopedConfig } from './execute-support.js';

const RUN = `reconcile-corpus-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
const S3_PREFIX = `reconcile-tests/${RUN}`;
let readers: Readers;
let corpus: Corpus | undefined;
let sourceAdmin: Admin;
let targetAdmin: Admin;
const s3 = new S3Client({
  region: bed.AWS_REGION,
  endpoint: bed.S3_ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: bed.AWS_ACCESS_KEY_ID, secretAccessKey: bed.AWS_SECRET_ACCESS_KEY },
});

beforeAll(async () => {
  readers = await bedReaders(bed.SOURCE_BOOTSTRAP, bed.TARGET_BOOTSTRAP, RUN);
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  corpus = await writeCorpus({ bootstrap: bed.SOURCE_BOOTSTRAP, prefix: RUN, kafkaLibs: bed.KAFKA_SOURCE_LIBS, reader: readers.source, log: (line) => console.log(line) });
}, 300_000);

afterAll(async () => {
  const topics = corpusTopics(RUN);
  await Promise.allSettled([deleteTopics(sourceAdmin, topics), deleteTopics(targetAdmin, topics), deletePrefix(s3, bed.BACKUP_BUCKET, S3_PREFIX)]);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect(), readers?.source.close(), readers?.target.close()]);
  s3.destroy();
});

const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString());

describe('the corpus copied by execute', () => {
  it('plan, precheck, execute to drain_ready; every target partition equals the source and every offset translates', { timeout: 420_000 }, async () => {
    const config = scopedConfig(RUN, { drain_stable_window: '2s', drain_timeout: '4m' }, (block) => {
      block.backup = { ...block.backup, s3_prefix: S3_PREFIX };
    });
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-corpus-journal-'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'kb-corpus-plan-'));

    const plan = await cli(['plan', '--config', config, '--format', 'all', '--out-dir', outDir]);
    expect(plan.code, plan.err).toBe(0);
    const precheck = await cli(['precheck', '--config', config]);
    expect(precheck.code, precheck.out + precheck.err).toBe(0);
    const execute = await cli(['execute', '--config', config, '--journal-dir', journalDir]);
    expect(execute.code, execute.err).toBe(0);
    expect(execute.out).toContain('state: drain_ready');
    const migrationId = /^migration_id: (\S+)$/m.exec(execute.out)?.[1] as string;

    const refs = (corpus?.topics ?? []).flatMap((t) => Array.from({ length: t.partitions }, (_, partition) => ({ topic: t.name, partition })));
    const entries = journalEntries(journalDir, migrationId);
    const comparisons = await comparePartitions(readers, refs, finalPositions(entries));
    expect(problemsOf(comparisons)).toEqual([]);
    // No blocker was raised and the first generation started on empty target partitions.
    expect(entries.filter((e) => e.kind === 'finding.reported' && e.finding.severity === 'blocker')).toEqual([]);

    // The corpus holds what it claims: the comparison covered each feature.
    const of = (kind: string) => comparisons.filter((c) => c.topic === `${RUN}.${kind}`);
    const records = (kind: string) => of(kind).flatMap((c) => c.source);
    expect(of('compacted').every((c) => c.sourceGaps > 0)).toBe(true);
    expect(records('compacted').filter((r) => r.value === null).map((r) => text(r.key)).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(of('txn').every((c) => c.sourceGaps >= (corpus?.transactions.aborted ?? 0) * 5)).toBe(true);
    expect(records('txn').some((r) => text(r.value)?.startsWith('txn 1 '))).toBe(false);
    const codecs = new Set([...records('codecs'), ...records('java')].map((r) => r.batch?.compression));
    expect([...codecs].sort()).toEqual(['gzip', 'lz4', 'none', 'snappy', 'zstd']);
    const javaCodecs = new Set(records('java').map((r) => r.batch?.compression));
    expect([...javaCodecs].sort()).toEqual(['gzip', 'lz4', 'snappy', 'zstd']);
    expect(records('java').some((r) => r.headers.map((h) => h.key).join(',') === 'a,b,a,10,2')).toBe(true);
    expect(records('java').some((r) => r.headers.some((h) => h.value === null))).toBe(true);
    expect(records('java').some((r) => r.key === null) && records('java').some((r) => r.key?.length === 0)).toBe(true);
    expect(records('keys').map((r) => [text(r.key), text(r.value)]).slice(0, 5)).toEqual([
      [null, 'null key'],
      ['', 'empty key'],
      ['tombstone', null],
      ['empty value', ''],
      [null, null],
    ]);
    expect(Math.max(...records('large').map((r) => r.value?.length ?? 0))).toBe(LARGEST_VALUE);
    expect(records('large').filter((r) => (r.value?.length ?? 0) >= 1_000_000)).toHaveLength(5);
    expect(of('empty').map((c) => c.targetRecords)).toEqual([0, 0, 0]);
    expect(of('keys').find((c) => c.partition === 1)?.sourceRecords).toBe(0);
    const translated = comparisons.reduce((sum, c) => sum + c.offsetsTranslated, 0);
    console.log(`corpus ${RUN}: ${comparisons.length} partitions, ${comparisons.reduce((s, c) => s + c.sourceRecords, 0)} records compared, ${translated} offsets translated`);
  });
});
