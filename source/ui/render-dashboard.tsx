/**
 * The entry the commands use to show the live dashboard on a TTY: `renderDashboard({ events })` mounts it with Ink
 * and returns `unmount()` and `waitUntilExit()`. Keys work when stdin is a TTY; colour follows NO_COLOR.
 */
import { render } from 'ink';
import { LiveDashboard } from '../../components/LiveDashboard.js';
import type { DashboardClock } from './dashboard-clock.js';
import type { DashboardState } from './dashboard-state.js';
import type { DashboardEventSource } from './event-source.js';
import { colorEnabled } from './palette.js';

export interface RenderDashboardOptions {
  readonly events: DashboardEventSource;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  /** For NO_COLOR (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: DashboardClock;
  /** Where to start, e.g. `dashboardFromSnapshot(status)` for a resumed run. */
  readonly initial?: DashboardState;
  /**
   * Ctrl-C: with this set, Ink does not exit on it and the key goes here (the run checkpoints and stops); without it,
   * Ctrl-C unmounts as Ink does by default.
   */
  readonly onInterrupt?: () => void;
}

export interface DashboardHandle {
  unmount(): void;
  waitUntilExit(): Promise<void>;
}

export function renderDashboard(options: RenderDashboardOptions): DashboardHandle {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const color = colorEnabled(options.env ?? process.env);
  const instance = render(
    <LiveDashboard
      events={options.events}
      color={color}
      isActive={stdin.isTTY === true}
      {...(options.clock === undefined ? {} : { clock: options.clock })}
      {...(options.initial === undefined ? {} : { initial: options.initial })}
      {...(options.onInterrupt === undefined ? {} : { onInterrupt: options.onInterrupt })}
    />,
    { stdout, stdin, exitOnCtrlC: options.onInterrupt === undefined, patchConsole: false },
  );
  return {
    unmount: () => instance.unmount(),
    waitUntilExit: async () => {
      await instance.waitUntilExit();
    },
  };
}
