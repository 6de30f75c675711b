/** Text and JSON forms of a precheck report. Plain text only: colour is the UI's business. */
import { printedSeverity } from './codes.js';
import type { Finding, PrecheckReport } from './finding.js';

/** `<CODE> <sev>: <detail> — <remedy>`, with the catalogue's printed severity (W03 prints `info`). */
export function renderFindingLine(item: Finding): string {
  return `${item.code} ${printedSeverity(item)}: ${item.detail} — ${item.remedy}`;
}

/** `precheck passed: 0 blockers, 2 warnings, 1 info` or `precheck failed: ...`. */
export function renderPrecheckSummary(report: PrecheckReport): string {
  const { blockers, warnings, infos } = report.summary;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `precheck ${report.passed ? 'passed' : 'failed'}: ${count(blockers, 'blocker', 'blockers')}, ${count(warnings, 'warning', 'warnings')}, ${count(infos, 'info', 'infos')}`;
}

/** One line per finding in report order, then the summary line; ends with a newline. */
export function renderPrecheckLines(report: PrecheckReport): string {
  return [...report.findings.map(renderFindingLine), renderPrecheckSummary(report)].join('\n') + '\n';
}

/** The report as documented in docs/precheck-codes.md: pretty-printed JSON, keys in a fixed order. */
export function renderPrecheckJson(report: PrecheckReport): string {
  const ordered = {
    schemaVersion: report.schemaVersion,
    passed: report.passed,
    summary: { blockers: report.summary.blockers, warnings: report.summary.warnings, infos: report.summary.infos },
    findings: report.findings.map((item) => ({
      code: item.code,
      severity: item.severity,
      subject: item.subject,
      detail: item.detail,
      remedy: item.remedy,
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
