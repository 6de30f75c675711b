import { useStdout } from 'ink';
import type { DashboardClock } from '../source/ui/dashboard-clock.js';
import type { DashboardEventSource } from '../source/ui/event-source.js';
import { Dashboard } from './Dashboard.js';
import { useDashboard } from './use-dashboard.js';

export interface LiveDashboardProps {
  readonly events: DashboardEventSource;
  readonly color: boolean;
  readonly clock?: DashboardClock;
  /** Fixed size; else the terminal's (read at each render, so a resize shows on the next frame). */
  readonly columns?: number;
  readonly rows?: number;
  readonly isActive?: boolean;
}

/** The dashboard fed by a live event source, throttled to 10 frames a second. */
export function LiveDashboard({ events, color, clock, columns, rows, isActive }: LiveDashboardProps) {
  const { stdout } = useStdout();
  const view = useDashboard(events, clock === undefined ? {} : { clock });
  const width = columns ?? (stdout.columns || 80);
  const height = rows ?? (stdout.rows || 40);
  return <Dashboard state={view.state} now={view.now} width={width} height={height} color={color} isActive={isActive ?? true} />;
}
