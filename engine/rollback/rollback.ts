/**
 * `rollback`: only in the states the state module allows (up to drain_ready). Checks for a journaled producer freeze
 * (nothing records one yet), journals the operator's action, uploads the rollback report to the evidence bucket
 * (and writes it next to a local journal) with S3 Object Lock retention like the evidence bundle when
 * evidence.retention is set, then marks the migration rolled_back. Deletes nothing anywhere.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import { evidenceLock, putEvidenceObject } from '../evidence/upload.js';
import { describeActor, formatIsoMicros, localMigrationDir, openJournal, systemClock } from '../journal/index.js';
import type { MigrationState } from '../state/index.js';
import { buildRollbackReport, ROLLBACK_REPORT_FILE, type RollbackReport } from './report.js';

export interface RollbackOptions {
  readonly config: MigrationConfig;
  readonly migrationId: string;
  readonly journalDir?: string | undefined;
  /** For a journal in the backup bucket. */
  readonly journalS3?: S3Client | undefined;
  /** For the evidence bucket. */
  readonly evidenceS3: S3Client;
  readonly onWarning?: (message: string) => void;
}

export interface RollbackResult {
  readonly migrationId: string;
  readonly from: MigrationState;
  readonly report: RollbackReport;
  /** `s3://bucket/key` of the uploaded report, and the local copy when the journal is local. */
  readonly reportUri: string;
  readonly reportFile: string | null;
  /** The report's S3 Object Lock (from evidence.retention), or null when it was written without one. */
  readonly retention: { readonly mode: string; readonly retainUntil: string } | null;
  readonly transitionLine: string;
}

export function rollbackReportKey(config: MigrationConfig, migrationId: string): string {
  return [config.evidence.s3Prefix, migrationId, ROLLBACK_REPORT_FILE].filter((part) => part !== '').join('/');
}

export async function rollbackMigration(options: RollbackOptions): Promise<RollbackResult> {
  const journal = await openJournal({ migrationId: options.migrationId, journalDir: options.journalDir, config: options.config, s3: options.journalS3 });
  try {
    journal.assertCommandAllowed('rollback');
    const lease = await journal.acquireLease('rollback');
    journal.assertCommandAllowed('rollback');
    const from = journal.state().state;
    await journal.recordAction('rollback', `operator rollback from ${from}`);
    const report = buildRollbackReport(journal, { rolledBackAt: formatIsoMicros(systemClock.nowMs()), by: describeActor(lease.holder), from });
    if (report.producersWereFrozen) options.onWarning?.('the journal records a producer freeze with no unfreeze: resume the producers on the source (see the report)');
    const body = `${JSON.stringify(report, null, 2)}\n`;
    const key = rollbackReportKey(options.config, journal.migrationId);
    const bucket = options.config.evidence.s3Bucket;
    // Like the evidence bundle: with evidence.retention, under S3 Object Lock (the bucket must allow it).
    const lock = await evidenceLock({ config: options.config, s3: options.evidenceS3 });
    try {
      await putEvidenceObject(options.evidenceS3, bucket, key, body, 'application/json', lock);
    } catch (error) {
      throw new MigrationError({
        code: 'STORAGE',
        message: `the rollback report could not be uploaded to s3://${bucket}/${key}: ${error instanceof Error ? error.message : String(error)}; the migration was not marked rolled back`,
        hint: 'Check access to the evidence bucket (s3:PutObject), then run rollback again.',
        retriable: true,
        cause: error,
      });
    }
    let reportFile: string | null = null;
    if (options.journalDir !== undefined) {
      const dir = localMigrationDir(options.journalDir, journal.migrationId);
      await mkdir(dir, { recursive: true });
      reportFile = path.join(dir, ROLLBACK_REPORT_FILE);
      await writeFile(reportFile, body);
    }
    const entry = await journal.transition('rolled_back', { reason: 'operator rollback' });
    return {
      migrationId: journal.migrationId,
      from,
      report,
      reportUri: `s3://${bucket}/${key}`,
      retention: lock === undefined ? null : { mode: lock.mode, retainUntil: lock.retainUntil.toISOString() },
      reportFile,
      transitionLine: journal.transitionLines().at(-1) ?? `${entry.at} ${entry.from} -> ${entry.to}`,
    };
  } finally {
    await journal.close();
  }
}
