/**
 * A run's front end on a terminal: the live dashboard instead of plain progress lines. The command hands `onEvent`
 * to the orchestrator and calls `stop()` when the run returns (or throws): the dashboard unmounts (Ink restores the
 * terminal: raw mode off, cursor shown), its last frame stays on screen, and the line plain mode printed first on
 * stdout (`migration_id: ...`) follows, so the result lines below it are the plain mode's.
 */
import type { OrchestratorEvent, OrchestratorListener } from '../../engine/orchestrator/index.js';
import type { CliIO } from '../io.js';
import type { DashboardState } from './dashboard-state.js';
import { createEventChannel } from './event-source.js';
import { renderDashboard } from './render-dashboard.js';

export interface DashboardFrontEnd {
  readonly onEvent: OrchestratorListener;
  /** Shows `message` as a warning raised during the run. */
  notice(message: string): void;
  /** Unmounts once (later calls wait for the first); the final frame is drawn first. */
  stop(): Promise<void>;
}

/** How long the last events get to reach the screen before the dashboard unmounts (it redraws every 100 ms). */
const LAST_FRAME_MS = 250;

export function startDashboardFrontEnd(io: CliIO, options: { onInterrupt: () => void; initial?: DashboardState }): DashboardFrontEnd {
  const channel = createEventChannel();
  let migrationId: string | undefined;
  const handle = renderDashboard({
    events: channel,
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    env: io.env,
    onInterrupt: options.onInterrupt,
    ...(options.initial === undefined ? {} : { initial: options.initial }),
  });
  let stopping: Promise<void> | undefined;
  return {
    onEvent: (event: OrchestratorEvent) => {
      if (event.type === 'migration.started') migrationId ??= event.migrationId;
      channel.emit(event);
    },
    notice: (message) => channel.emit({ type: 'warning', message }),
    stop: () => {
      stopping ??= (async () => {
        await new Promise((resolve) => setTimeout(resolve, LAST_FRAME_MS));
        const exited = handle.waitUntilExit().catch(() => undefined);
        handle.unmount();
        await exited;
        if (migrationId !== undefined) io.stdout.write(`migration_id: ${migrationId}\n`);
      })();
      return stopping;
    },
  };
}
