/**
 * The precheck's structured result: findings (a code, a severity, a subject, a detail and a remedy) and the report
 * that sorts and counts them. Display is `render.ts`'s business; the planner emits its plan findings in this shape too.
 */

export type Severity = 'blocker' | 'warning' | 'info';

export interface Finding {
  /** Catalogue code, e.g. `B07`; see `PRECHECK_CODES` and docs/precheck-codes.md. */
  readonly code: string;
  readonly severity: Severity;
  /** What the finding is about: a cluster ARN (or `bootstrap:host:port,...`), a topic, a group, `s3://bucket/prefix`, ... */
  readonly subject: string;
  /** What was found, with the values that made it fire. */
  readonly detail: string;
  /** What the operator can do about it. */
  readonly remedy: string;
}

export const PRECHECK_REPORT_SCHEMA_VERSION = 1 as const;

export interface PrecheckSummary {
  readonly blockers: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface PrecheckReport {
  readonly schemaVersion: typeof PRECHECK_REPORT_SCHEMA_VERSION;
  /** Blockers, then warnings, then infos; within a severity by code, then subject. */
  readonly findings: Finding[];
  readonly summary: PrecheckSummary;
  /** True when there is no blocker (warnings and infos do not fail a precheck). */
  readonly passed: boolean;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { blocker: 0, warning: 1, info: 2 };

/** Order of a report: severity (blockers first), then code, then subject, then detail (for a stable order). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.code, b.code) ||
    compareText(a.subject, b.subject) ||
    compareText(a.detail, b.detail)
  );
}

/**
 * Sorts, de-duplicates (same code, subject and detail) and counts findings. Accepts findings from several producers
 * (precheck rules, the planner) so that a command can merge them into one report.
 */
export function buildPrecheckReport(...lists: ReadonlyArray<readonly Finding[]>): PrecheckReport {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const list of lists) {
    for (const finding of list) {
      const key = `${finding.code}\u0000${finding.subject}\u0000${finding.detail}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ ...finding });
    }
  }
  findings.sort(compareFindings);
  const summary: PrecheckSummary = {
    blockers: findings.filter((finding) => finding.severity === 'blocker').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    infos: findings.filter((finding) => finding.severity === 'info').length,
  };
  return { schemaVersion: PRECHECK_REPORT_SCHEMA_VERSION, findings, summary, passed: summary.blockers === 0 };
}

/** Code-point order, so that the sort does not depend on the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
