import { Box, Text } from 'ink';
import type { Severity } from '../engine/precheck/index.js';
import type { DashboardFinding } from '../source/ui/dashboard-state.js';
import { tint, type Tone } from '../source/ui/palette.js';

export interface FindingsPanelProps {
  readonly findings: readonly DashboardFinding[];
  /** Findings shown at most (blockers first); the rest are counted. */
  readonly max: number;
  readonly width: number;
  readonly color: boolean;
}

const RANK: Readonly<Record<Severity, number>> = { blocker: 0, warning: 1, info: 2 };
const LABEL: Readonly<Record<Severity, string>> = { blocker: 'BLOCKER', warning: 'WARNING', info: 'INFO' };
const TONE: Readonly<Record<Severity, Tone>> = { blocker: 'bad', warning: 'warn', info: 'accent' };

/** `WARNING W10 subject: detail` then `  → remedy`, blockers first; warnings raised during the run say `run`. */
export function FindingsPanel({ findings, max, width, color }: FindingsPanelProps) {
  const sorted = findings.map((finding, i) => ({ finding, i })).sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.i - b.i);
  const shown = sorted.slice(0, Math.max(0, max));
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {`Findings: ${count('blocker')} blocker(s), ${count('warning')} warning(s), ${count('info')} info`}
      </Text>
      {shown.map(({ finding, i }) => (
        <Box key={i} flexDirection="column">
          <Text wrap="truncate-end">
            <Text color={tint(color, TONE[finding.severity])} bold>
              {LABEL[finding.severity].padEnd(8)}
            </Text>
            {`${finding.code ?? 'run'} ${finding.subject === null ? '' : `${finding.subject}: `}${finding.detail}`}
          </Text>
          {finding.remedy === null || finding.remedy === '' ? null : (
            <Text wrap="truncate-end" color={tint(color, 'muted')}>{`  → ${finding.remedy}`}</Text>
          )}
        </Box>
      ))}
      {sorted.length > shown.length ? <Text color={tint(color, 'muted')}>{`  … and ${sorted.length - shown.length} more`}</Text> : null}
    </Box>
  );
}
