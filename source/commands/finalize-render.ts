/** Plain lines for `finalize`: each check with its result and problems, the reference's summary lines, the evidence. */
import type { FinalizeEvent, FinalizeResult, StoredEvidence } from '../../engine/finalize/index.js';
import { summaryLines, type CheckOutcome } from '../../engine/finalize/index.js';

/** Problems printed per check; `--json` and the evidence bundle hold every one. */
const PRINTED_PROBLEMS = 20;

export function checkLines(check: CheckOutcome): string[] {
  const lines = [`check ${check.name}: ${check.result}: ${check.detail}`];
  for (const problem of check.problems.slice(0, PRINTED_PROBLEMS)) lines.push(`  ${problem.severity === 'failure' ? 'FAIL' : 'warn'} ${problem.message}`);
  if (check.problems.length > PRINTED_PROBLEMS) lines.push(`  ... and ${check.problems.length - PRINTED_PROBLEMS} more (--json prints every one)`);
  return lines;
}

export function evidenceLines(evidence: StoredEvidence): string[] {
  const lock = evidence.retention === null ? 'no Object Lock (evidence.retention not set)' : `Object Lock ${evidence.retention.mode} until ${evidence.retention.retainUntil}`;
  const lines = [`evidence: ${evidence.bundleUri} (${lock})`, `public_key: ${evidence.publicKeyUri} (${evidence.publicKeyFingerprint})`];
  if (evidence.localBundle !== null) lines.push(`evidence_file: ${evidence.localBundle}`, `public_key_file: ${evidence.localPublicKey ?? ''}`);
  if (evidence.generatedKey) lines.push('generated_public_key:', ...evidence.publicKeyPem.trimEnd().split('\n'));
  const bundle = evidence.localBundle ?? 'evidence-bundle.json';
  const key = evidence.generatedKey ? (evidence.localPublicKey ?? 'public-key.pem') : '<your trusted copy of the public key of evidence.signing_key_path>';
  if (evidence.localBundle === null) lines.push(`fetch: aws s3 cp ${evidence.bundleUri} evidence-bundle.json`);
  lines.push(`verify: kafka-backup migrate msk-kraft evidence verify ${bundle} --public-key ${key}`);
  return lines;
}

export function resultLines(result: FinalizeResult): string[] {
  const lines: string[] = [];
  for (const check of result.report.checks) {
    lines.push(...checkLines(check));
    if (check.name === 'counts_and_offsets') lines.push(...summaryLines(result.report.summary));
  }
  lines.push(`outcome: ${result.report.outcome}`, `state: ${result.state}`);
  if (result.evidence !== null) lines.push(...evidenceLines(result.evidence));
  return lines;
}

/** Progress on stderr: every 10th partition read (and the last), warnings. */
export function progressLine(event: FinalizeEvent): string | undefined {
  switch (event.type) {
    case 'finalize.reading':
      return event.done === event.total || event.done % 10 === 0 ? `finalize: read ${event.done}/${event.total} partitions on both clusters` : undefined;
    case 'finalize.evidence':
      return `finalize: evidence ${event.stage}: ${event.where}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'finalize.check':
    case 'finalize.outcome':
      return undefined;
  }
}
