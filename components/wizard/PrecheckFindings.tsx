import { Box, Text } from 'ink';
import { printedSeverity, renderPrecheckSummary, type Finding, type PrecheckReport } from '../../engine/precheck/index.js';
import { tint, type Tone } from '../../source/ui/palette.js';

export interface PrecheckFindingsProps {
  readonly report: PrecheckReport;
  readonly color: boolean;
}

const GROUPS: ReadonlyArray<{ severity: Finding['severity']; title: string; tone: Tone }> = [
  { severity: 'blocker', title: 'Blockers', tone: 'bad' },
  { severity: 'warning', title: 'Warnings', tone: 'warn' },
  { severity: 'info', title: 'Info', tone: 'accent' },
];

/** Findings grouped by severity (blockers first), each with what was found and its remedy; the summary line last. */
export function PrecheckFindings({ report, color }: PrecheckFindingsProps) {
  return (
    <Box flexDirection="column">
      {GROUPS.map((group) => {
        const items = report.findings.filter((finding) => finding.severity === group.severity);
        if (items.length === 0) return null;
        return (
          <Box key={group.severity} flexDirection="column" marginBottom={1}>
            <Text bold color={tint(color, group.tone)}>{`${group.title} (${items.length})`}</Text>
            {items.map((item, i) => (
              <Box key={`${item.code}-${i}`} flexDirection="column">
                <Text wrap="truncate-end">
                  <Text color={tint(color, group.tone)}>{`  ${item.code} ${printedSeverity(item)}`}</Text>
                  {`  ${item.subject}`}
                </Text>
                <Box paddingLeft={6} flexDirection="column">
                  <Text wrap="wrap">{item.detail}</Text>
                  <Text wrap="wrap" color={tint(color, 'muted')} dimColor={!color}>{`fix: ${item.remedy}`}</Text>
                </Box>
              </Box>
            ))}
          </Box>
        );
      })}
      <Text bold color={tint(color, report.passed ? 'ok' : 'bad')}>{renderPrecheckSummary(report)}</Text>
    </Box>
  );
}
