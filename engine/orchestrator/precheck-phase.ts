/** The precheck phase: the migration goes on only when the precheck found no blocker. */
import { MigrationError } from '../errors.js';
import type { MigrationRun } from './run-context.js';

export async function runPrecheckPhase(run: MigrationRun): Promise<void> {
  let report = run.precheckReport;
  if (report === undefined) {
    run.inventory ??= await run.ports.discover(run.config);
    report = await run.ports.precheck(run.inventory, run.config);
    run.precheckReport = report;
  }
  run.emit({ type: 'precheck.evaluated', report });
  const blockers = report.findings.filter((finding) => finding.severity === 'blocker');
  if (blockers.length > 0) {
    throw new MigrationError({
      code: 'PRECHECK_BLOCKED',
      message: `precheck found ${blockers.length} blocker${blockers.length === 1 ? '' : 's'}: ${blockers.map((finding) => `${finding.code} ${finding.subject}`).join(', ')}`,
      hint: 'Fix what the findings say, then start a new migration (`precheck --config <PATH>` re-checks without starting one).',
    });
  }
}
