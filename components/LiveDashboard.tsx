import type { DashboardClock } from '../source/ui/dashboard-clock.js';
import type { DashboardState } from '../source/ui/dashboard-state.js';
import type { DashboardEventSource } from '../source/ui/event-source.js';
import { Dashboard } from './Dashboard.js';
import { useDashboard } from './use-dashboard.js';
import { useInterruptKey } from './use-interrupt-key.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface LiveDashboardProps {
  readonly events: DashboardEventSource;
  readonly color: boolean;
  readonly clock?: DashboardClock;
  /** Where to start (e.g. `dashboardFromSnapshot` for a resumed run). */
  readonly initial?: DashboardState;
  /** Fixed size; else the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  readonly isActive?: boolean;
  /** Ctrl-C (a key in raw mode): the command interrupts the run. */
  readonly onInterrupt?: () => void;
}

/** The dashboard fed by a live event source, throttled to 10 frames a second. */
export function LiveDashboard({ events, color, clock, initial, columns, rows, isActive, onInterrupt }: LiveDashboardProps) {
  useInterruptKey(onInterrupt, isActive ?? true);
  const terminal = useTerminalSize();
  const view = useDashboard(events, { ...(clock === undefined ? {} : { clock }), ...(initial === undefined ? {} : { initial }) });
  return <Dashboard state={view.state} now={view.now} width={columns ?? terminal.columns} height={rows ?? terminal.rows} color={color} isActive={isActive ?? true} />;
}
