import { Box, Text } from 'ink';
import type { DashboardState } from '../source/ui/dashboard-state.js';
import { formatBytes, formatCount, formatDuration, formatMegabytesPerSecond, formatShort } from '../source/ui/format.js';
import { tint } from '../source/ui/palette.js';
import { NextCommand } from './NextCommand.js';
import { ProgressBar } from './ProgressBar.js';
import { Sparkline } from './Sparkline.js';

export interface DashboardHeaderProps {
  readonly state: DashboardState;
  readonly now: number;
  readonly width: number;
  readonly color: boolean;
}

/** Copied over copied + still to copy: the seed's progress, and in tail how much of what arrived is across. */
export function copyFraction(state: DashboardState): number | null {
  const totals = state.totals;
  if (totals === null) return null;
  const whole = totals.recordsCopied + totals.totalLag;
  return whole === 0 ? 1 : totals.recordsCopied / whole;
}

/** Id, state and time in it, elapsed; the copy's progress bar; MB/s and records/s with sparklines; ETA. */
export function DashboardHeader({ state, now, width, color }: DashboardHeaderProps) {
  const narrow = width < 80;
  const latest = state.samples.at(-1) ?? null;
  const fraction = copyFraction(state);
  const spark = narrow ? 0 : Math.min(20, Math.max(6, Math.floor((width - 60) / 2)));
  const stateTone = state.failure !== null || state.state === 'failed' ? 'bad' : state.state === 'drain_ready' || state.state === 'finalized' ? 'ok' : 'active';
  const inState = formatDuration(state.stateSinceMs === null ? null : now - state.stateSinceMs);
  const elapsed = formatDuration(state.startedAtMs === null ? null : now - state.startedAtMs);
  const totals = state.totals;
  const barWidth = Math.max(8, Math.min(40, width - (narrow ? 36 : 48)));
  const eta = state.etaSeconds === null ? '—' : state.etaSeconds === 0 ? 'caught up' : state.etaSeconds < 1 ? '<1s' : formatDuration(state.etaSeconds * 1000);
  const first = `${state.migrationId ?? '(waiting for the run)'}  ${state.state ?? '—'} for ${inState}  elapsed ${elapsed}${state.resumed ? '  (resumed)' : ''}`;
  // The next command shares the first line when it fits, else it gets a line of its own (never cut off).
  const nextInline = state.nextCommand !== null && first.length + `  next: kafka-backup migrate msk-kraft ${state.nextCommand}`.length <= width;
  const within = state.phase === 'tail' && state.withinLimitForMs !== null ? `  within limit ${formatDuration(state.withinLimitForMs)}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{state.migrationId ?? '(waiting for the run)'}</Text>
        {'  '}
        <Text bold color={tint(color, stateTone)}>
          {(state.state ?? '—').toUpperCase()}
        </Text>
        {` for ${inState}  elapsed ${elapsed}`}
        {state.resumed ? '  (resumed)' : ''}
        {state.nextCommand === null || !nextInline ? '' : '  next: '}
        {state.nextCommand === null || !nextInline ? '' : <NextCommand command={state.nextCommand} color={color} />}
      </Text>
      {state.nextCommand !== null && !nextInline ? (
        <Text wrap="truncate-end">
          {'next: '}
          <NextCommand command={state.nextCommand} color={color} />
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        {`${state.phase ?? 'copy'} `}
        {fraction === null ? <Text color={tint(color, 'muted')}>not started</Text> : <ProgressBar fraction={fraction} width={barWidth} color={color} />}
        {totals === null
          ? ''
          : narrow
            ? `  ${formatShort(totals.recordsCopied)} rec  lag ${formatShort(totals.totalLag)}`
            : `  ${formatCount(totals.recordsCopied)} records  ${formatBytes(totals.bytesCopied)}  lag ${formatCount(totals.totalLag)} (${totals.behind}/${totals.partitions} behind)`}
      </Text>
      <Text wrap="truncate-end">
        {formatMegabytesPerSecond(latest?.bytesPerSecond ?? null)}
        {spark > 0 ? ' ' : ''}
        {spark > 0 ? <Sparkline values={state.samples.map((s) => s.bytesPerSecond)} width={spark} color={color} /> : ''}
        {`  ${latest === null ? '—' : formatShort(latest.recordsPerSecond)} rec/s`}
        {spark > 0 ? ' ' : ''}
        {spark > 0 ? <Sparkline values={state.samples.map((s) => s.recordsPerSecond)} width={spark} color={color} /> : ''}
        {`  ETA ${eta}${within}`}
      </Text>
    </Box>
  );
}
