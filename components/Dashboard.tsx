import { Box } from 'ink';
import { stoppedIn, type DashboardState } from '../source/ui/dashboard-state.js';
import { ActivityLine } from './ActivityLine.js';
import { DashboardHeader } from './DashboardHeader.js';
import { FailureBanner } from './FailureBanner.js';
import { FindingsPanel } from './FindingsPanel.js';
import { LagTable } from './LagTable.js';
import { StateTimeline } from './StateTimeline.js';
import { TransitionLog } from './TransitionLog.js';

export interface DashboardProps {
  readonly state: DashboardState;
  /** The clock's time (for time in state, elapsed). */
  readonly now: number;
  /** Terminal columns: narrow terminals hide columns and shorten bars. */
  readonly width: number;
  /** Terminal rows: the lag table gets what the other panels leave (default 40). */
  readonly height?: number;
  readonly color: boolean;
  /** Listen to the keyboard (the lag table's keys). */
  readonly isActive?: boolean;
}

const MAX_FINDINGS = 4;
const MAX_JOURNAL = 5;

/** The whole screen: header, state timeline, what the run is doing, failure, lag table, findings, journal lines. */
export function Dashboard({ state, now, width, height = 40, color, isActive }: DashboardProps) {
  const findings = Math.min(MAX_FINDINGS, state.findings.length);
  const findingLines = 1 + findings * 2 + (state.findings.length > findings ? 1 : 0);
  const journalLines = 1 + Math.max(1, Math.min(MAX_JOURNAL, state.journalLines.length));
  const reserved = 4 + 1 + 1 + (state.failure === null ? 0 : 3) + 1 + 2 + 1 + findingLines + 1 + journalLines + 1;
  const pageSize = Math.max(3, Math.min(100, height - reserved));
  return (
    <Box flexDirection="column" width={width}>
      <DashboardHeader state={state} now={now} width={width} color={color} />
      <StateTimeline state={state.state} stoppedIn={stoppedIn(state)} width={width} color={color} />
      <ActivityLine activity={state.activity} color={color} />
      {state.failure === null ? null : (
        <Box marginTop={1} width={width}>
          <FailureBanner failure={state.failure} width={width} color={color} />
        </Box>
      )}
      <Box marginTop={1}>
        <LagTable rows={state.rows} pageSize={pageSize} width={width} color={color} isActive={isActive ?? true} />
      </Box>
      <Box marginTop={1}>
        <FindingsPanel findings={state.findings} max={MAX_FINDINGS} width={width} color={color} />
      </Box>
      <Box marginTop={1}>
        <TransitionLog lines={state.journalLines} max={MAX_JOURNAL} width={width} color={color} />
      </Box>
    </Box>
  );
}
