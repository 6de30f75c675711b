/**
 * `finalize`: validating -> finalized (or -> failed). Runs the five checks, journals each result, and when the outcome
 * is PASSED or WARNING builds, signs and stores the evidence bundle before moving to finalized; on FAILED it moves to
 * failed with the report, and finalize may be run again after a repair (failed -> validating, journaled as
 * `finalize-retry`). A read or storage error stops it without a verdict: the state is left as it was.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { loadSigningKey } from '../evidence/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import { FINALIZE_CHECK, FINALIZE_EVIDENCE, FINALIZE_VALIDATION, JOURNALED_PROBLEMS } from './checkpoints.js';
import type { FinalizeListener } from './events.js';
import { gatherFacts } from './gather.js';
import { validationInputs } from './inputs.js';
import type { FinalizePorts } from './ports.js';
import { runChecks } from './run-checks.js';
import { storeEvidence, type StoredEvidence } from './store-evidence.js';
import type { ValidationReport } from './types.js';

export interface FinalizeOptions {
  readonly config: MigrationConfig;
  readonly migrationId: string;
  readonly journalDir?: string | undefined;
  /** For a journal in the backup bucket. */
  readonly journalS3?: S3Client | undefined;
  /** For the evidence bucket. */
  readonly evidenceS3: S3Client;
  /** Connects the record readers and the target admin (connectFinalizePorts for the real clusters). */
  readonly connect: (plan: MigrationPlan) => Promise<FinalizePorts>;
  readonly toolVersion: string;
  readonly onEvent?: FinalizeListener | undefined;
}

export interface FinalizeResult {
  readonly migrationId: string;
  readonly state: 'finalized' | 'failed';
  readonly report: ValidationReport;
  /** Null when validation failed (no bundle is made then). */
  readonly evidence: StoredEvidence | null;
  readonly transitionLines: string[];
}

function attemptOf(journal: Journal): number {
  return journal.entries().filter((entry) => entry.kind === 'checkpoint' && entry.name === FINALIZE_VALIDATION.name).length + 1;
}

async function journalReport(journal: Journal, report: ValidationReport, attempt: number): Promise<void> {
  for (const check of report.checks) {
    await journal.checkpoint(FINALIZE_CHECK, {
      attempt,
      name: check.name,
      result: check.result,
      detail: check.detail,
      problems: check.problems.slice(0, JOURNALED_PROBLEMS),
      problemCount: check.problems.length,
    });
  }
  await journal.checkpoint(FINALIZE_VALIDATION, { attempt, outcome: report.outcome, startedAt: report.startedAt, finishedAt: report.finishedAt, summary: report.summary });
}

/** `validation FAILED: counts_and_offsets: orders-1: ...` (the first failure of each failed check). */
export function failureReason(report: ValidationReport): string {
  const failed = report.checks.filter((check) => check.result === 'FAILED');
  return `validation FAILED: ${failed.map((check) => `${check.name}: ${check.problems.find((p) => p.severity === 'failure')?.message ?? check.detail}`).join('; ')}`;
}

export async function finalizeMigration(options: FinalizeOptions): Promise<FinalizeResult> {
  // The key first: a bad evidence.signing_key_path stops finalize before anything is read or journaled.
  const signingKey = await loadSigningKey(options.config.evidence.signingKeyPath);
  const journal = await openJournal({ migrationId: options.migrationId, journalDir: options.journalDir, config: options.config, s3: options.journalS3 });
  try {
    journal.assertCommandAllowed('finalize');
    await journal.acquireLease('finalize');
    journal.assertCommandAllowed('finalize');
    const linesBefore = journal.transitionLines().length;
    if (journal.state().state === 'failed') {
      await journal.recordAction('finalize-retry', `validation retried after: ${journal.state().failureReason ?? 'a failed validation'}`);
      await journal.transition('validating', { reason: 'finalize retried after a repair' });
    }
    const attempt = attemptOf(journal);
    const startedAt = new Date().toISOString();
    const inputs = validationInputs(journal, options.config.validation);
    const ports = await options.connect(inputs.plan);
    let report: ValidationReport;
    try {
      const facts = await gatherFacts(inputs, ports, {
        onPartition: (done, total, ref) => options.onEvent?.({ type: 'finalize.reading', done, total, topic: ref.topic, partition: ref.partition }),
      });
      report = runChecks(inputs, facts, { startedAt, finishedAt: new Date().toISOString() });
    } finally {
      await ports.close();
    }
    for (const check of report.checks) options.onEvent?.({ type: 'finalize.check', check });
    options.onEvent?.({ type: 'finalize.outcome', outcome: report.outcome });
    await journalReport(journal, report, attempt);

    if (report.outcome === 'FAILED') {
      await journal.transition('failed', { reason: failureReason(report) });
      return { migrationId: journal.migrationId, state: 'failed', report, evidence: null, transitionLines: journal.transitionLines().slice(linesBefore) };
    }
    const evidence = await storeEvidence(report, {
      config: options.config,
      journal,
      signingKey,
      toolVersion: options.toolVersion,
      s3: options.evidenceS3,
      journalDir: options.journalDir,
      onEvent: options.onEvent,
    });
    for (const message of evidence.warnings) options.onEvent?.({ type: 'warning', message });
    await journal.checkpoint(FINALIZE_EVIDENCE, {
      bundleUri: evidence.bundleUri,
      publicKeyUri: evidence.publicKeyUri,
      bundleSha256: evidence.bundleSha256,
      publicKeyFingerprint: evidence.publicKeyFingerprint,
      generatedKey: evidence.generatedKey,
      retention: evidence.retention,
      localBundle: evidence.localBundle,
    });
    await journal.transition('finalized', { detail: `finalize: outcome=${report.outcome} evidence=${evidence.bundleUri}` });
    return { migrationId: journal.migrationId, state: 'finalized', report, evidence, transitionLines: journal.transitionLines().slice(linesBefore) };
  } finally {
    await journal.close();
  }
}
