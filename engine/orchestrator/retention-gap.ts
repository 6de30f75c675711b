/**
 * Retention gaps the copier met: it jumped over source offsets deleted before it read them. Each partition's first
 * one is a warning event and a journaled `COPY_RETENTION_GAP` finding (unless the journal holds one for the partition
 * already, e.g. from the seed's periodic log start check or an earlier process), so finalize can name the lost range
 * even when the copy passed the gap before any log start check saw it.
 */
import type { RetentionGapReport } from '../copy/data-copier.js';
import type { MigrationRun } from './run-context.js';

export function retentionGapReporter(run: Pick<MigrationRun, 'journal' | 'emit'>): (gap: RetentionGapReport) => void {
  const reported = new Set<string>();
  return (gap) => {
    const subject = `${gap.topic}-${gap.partition}`;
    const journaled = run.journal.entries().some((e) => e.kind === 'finding.reported' && e.finding.code === 'COPY_RETENTION_GAP' && e.finding.subject === subject);
    if (reported.has(subject) || journaled) return;
    reported.add(subject);
    const detail = `${subject}: the source log start was ${gap.to} when the copy reached offset ${gap.from}: offsets ${gap.from}..${gap.to - 1} were deleted by retention before they were copied`;
    run.emit({ type: 'warning', message: detail });
    run.journal
      .reportFinding({
        code: 'COPY_RETENTION_GAP',
        severity: 'warning',
        subject,
        detail,
        remedy: 'Those records are not on the target. Raise retention.ms on the source topic for the migration, or accept the gap (finalize will show it).',
      })
      .catch((error: unknown) => run.emit({ type: 'warning', message: `could not journal the retention gap of ${subject}: ${(error as Error).message}` }));
  };
}
