import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { StatusSnapshot } from '../engine/status/index.js';
import { dashboardFromSnapshot } from '../source/ui/from-snapshot.js';
import { tint } from '../source/ui/palette.js';
import { Dashboard } from './Dashboard.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface StatusWatchProps {
  /** The first snapshot (read before mounting, so a wrong id fails before the screen changes). */
  readonly initial: StatusSnapshot;
  /** Reads a fresh snapshot from the journal and the live source offsets. */
  readonly load: () => Promise<StatusSnapshot>;
  readonly intervalMs: number;
  readonly color: boolean;
  readonly isActive?: boolean;
  /** Fixed size; else the terminal's. */
  readonly columns?: number;
  readonly rows?: number;
}

/** `status --watch` on a terminal: the dashboard from a status snapshot, re-read every `intervalMs`. */
export function StatusWatch({ initial, load, intervalMs, color, isActive, columns, rows }: StatusWatchProps) {
  const terminal = useTerminalSize();
  const [snapshot, setSnapshot] = useState(initial);
  const [refreshedAt, setRefreshedAt] = useState(() => Date.now());
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    let timer: NodeJS.Timeout | undefined;
    const refresh = async (): Promise<void> => {
      try {
        const next = await load();
        if (!live) return;
        setSnapshot(next);
        setRefreshedAt(Date.now());
        setProblem(null);
      } catch (error) {
        if (live) setProblem(error instanceof Error ? error.message : String(error));
      }
      if (live) timer = setTimeout(() => void refresh(), intervalMs);
    };
    timer = setTimeout(() => void refresh(), intervalMs);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      clearTimeout(timer);
      clearInterval(clock);
    };
  }, [load, intervalMs]);

  const width = columns ?? terminal.columns;
  return (
    <Box flexDirection="column" width={width}>
      <Dashboard state={dashboardFromSnapshot(snapshot)} now={now} width={width} height={(rows ?? terminal.rows) - 1} color={color} isActive={isActive ?? true} />
      <Text wrap="truncate-end" color={tint(color, problem === null ? 'muted' : 'warn')} dimColor={!color && problem === null}>
        {problem === null
          ? `status --watch: read ${Math.max(0, Math.round((now - refreshedAt) / 1000))}s ago (source offsets: ${snapshot.sourceOffsets}), every ${Math.round(intervalMs / 1000)}s · Ctrl-C to leave`
          : `status --watch: refresh failed, retrying in ${Math.round(intervalMs / 1000)}s: ${problem}`}
      </Text>
    </Box>
  );
}
