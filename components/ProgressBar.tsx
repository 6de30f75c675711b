import { Text } from 'ink';
import { tint } from '../source/ui/palette.js';

export interface ProgressBarProps {
  /** 0..1 (clamped). */
  readonly fraction: number;
  /** Columns of the bar itself (the percentage follows it). */
  readonly width: number;
  readonly color: boolean;
}

/** `████████░░░░ 67%` */
export function ProgressBar({ fraction, width, color }: ProgressBarProps) {
  const clamped = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  const cells = Math.max(0, width);
  const filled = Math.round(clamped * cells);
  const percent = `${Math.floor(clamped * 100)}%`.padStart(4);
  return (
    <Text>
      <Text color={tint(color, clamped >= 1 ? 'ok' : 'accent')}>{'█'.repeat(filled)}</Text>
      <Text color={tint(color, 'muted')}>{'░'.repeat(cells - filled)}</Text>
      <Text> {percent}</Text>
    </Text>
  );
}
