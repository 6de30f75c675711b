import { Text } from 'ink';
import { formatDuration } from '../../source/ui/format.js';
import { tint } from '../../source/ui/palette.js';

export interface FreezeTimerProps {
  /** Producers frozen for this long (null: not frozen yet). */
  readonly frozenMs: number | null;
  readonly maxMs: number;
  /** Released: the timer stopped. */
  readonly released: boolean;
  readonly width: number;
  readonly color: boolean;
}

/** `producers frozen 12s of max 1m00s ███████░░░░░░░` — amber past 75 % of max_producer_freeze, red past it. */
export function FreezeTimer({ frozenMs, maxMs, released, width, color }: FreezeTimerProps) {
  if (frozenMs === null) return <Text color={tint(color, 'muted')} dimColor={!color}>{`producers not frozen yet (max_producer_freeze ${formatDuration(maxMs)})`}</Text>;
  const share = Math.min(1, frozenMs / Math.max(1, maxMs));
  const barWidth = Math.max(10, Math.min(40, width - 50));
  const filled = Math.round(share * barWidth);
  const tone = frozenMs > maxMs ? 'bad' : share >= 0.75 ? 'warn' : 'ok';
  return (
    <Text wrap="truncate-end">
      {`producers ${released ? 'were frozen' : 'frozen'} ${formatDuration(frozenMs)} of max ${formatDuration(maxMs)} `}
      <Text color={tint(color, tone)}>{'█'.repeat(filled)}</Text>
      <Text color={tint(color, 'muted')} dimColor={!color}>{'░'.repeat(barWidth - filled)}</Text>
      {released ? ' (released)' : ''}
    </Text>
  );
}
