import { printedSeverity, renderPrecheckSummary, type Finding, type PrecheckReport } from '../../engine/precheck/index.js';

const GROUPS: ReadonlyArray<{ severity: Finding['severity']; title: string; color: string }> = [
  { severity: 'blocker', title: 'Blockers', color: '\u001b[31m' },
  { severity: 'warning', title: 'Warnings', color: '\u001b[33m' },
  { severity: 'info', title: 'Info', color: '\u001b[36m' },
];
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

/** Findings grouped by severity, each with its subject, detail and remedy; colour unless NO_COLOR. */
export function renderPrecheckForTerminal(report: PrecheckReport, options: { color: boolean; columns?: number }): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const group of GROUPS) {
    const items = report.findings.filter((f) => f.severity === group.severity);
    if (items.length === 0) continue;
    lines.push(paint(BOLD + group.color, `${group.title} (${items.length})`));
    for (const item of items) {
      lines.push(`  ${paint(group.color, `${item.code} ${printedSeverity(item)}`)}  ${item.subject}`);
      lines.push(...wrap(item.detail, '      ', options.columns));
      lines.push(...wrap(`fix: ${item.remedy}`, '      ', options.columns));
    }
    lines.push('');
  }
  const summary = renderPrecheckSummary(report);
  lines.push(paint(BOLD + (report.passed ? '\u001b[32m' : '\u001b[31m'), summary));
  return `${lines.join('\n')}\n`;
}

/** Word-wraps `text` to the terminal's width, every line indented; one line when the width is unknown. */
export function wrap(text: string, indent: string, columns: number | undefined): string[] {
  const width = columns === undefined ? Infinity : Math.max(20, columns - indent.length - 1);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
