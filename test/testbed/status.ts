/** `status`: one line per part — running or stopped, pid, ports. */
import { fakeMskAvailable } from './fake-msk.js';
import { ALL_PARTS, PARTS, type PartName } from './parts.js';
import { HOST } from './ports.js';
import { runningPid } from './processes.js';

export interface PartStatus {
  name: PartName;
  state: 'running' | 'stopped' | 'unavailable';
  pid: number | undefined;
  ports: string[];
}

export function partStatuses(): PartStatus[] {
  return ALL_PARTS.map((name) => {
    const pid = runningPid(name);
    const unavailable = name === 'fake-msk' && !fakeMskAvailable() && pid === undefined;
    return {
      name,
      state: pid !== undefined ? 'running' : unavailable ? 'unavailable' : 'stopped',
      pid,
      ports: PARTS[name].ports.map((use) => `${HOST}:${use.port} (${use.purpose})`),
    };
  });
}

export function formatStatus(statuses: PartStatus[]): string {
  return statuses
    .map((status) => {
      const pid = status.pid === undefined ? '-' : String(status.pid);
      const note = status.state === 'unavailable' ? '  [test/fake-msk/main.ts does not exist yet]' : '';
      return `${status.name.padEnd(16)} ${status.state.padEnd(11)} pid ${pid.padEnd(8)} ${status.ports.join(', ')}${note}`;
    })
    .join('\n');
}

/** Every part a complete bed has runs (the fake MSK counts only once its program exists). */
export function isFullyRunning(statuses: PartStatus[]): boolean {
  return statuses.every((status) => status.state !== 'stopped');
}
