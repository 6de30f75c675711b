import { Text } from 'ink';
import { tint } from '../source/ui/palette.js';

export interface SparklineProps {
  /** Oldest first; the last `width` are drawn. */
  readonly values: readonly number[];
  readonly width: number;
  readonly color: boolean;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** `▁▂▄▇█▆`: each value against the largest one shown. */
export function sparkline(values: readonly number[], width: number): string {
  const shown = width > 0 ? values.slice(-width) : [];
  const max = Math.max(0, ...shown);
  return shown.map((value) => (max <= 0 ? BLOCKS[0] : BLOCKS[Math.min(7, Math.round((Math.max(0, value) / max) * 7))])).join('');
}

export function Sparkline({ values, width, color }: SparklineProps) {
  return <Text color={tint(color, 'accent')}>{sparkline(values, width).padEnd(Math.max(0, width), ' ')}</Text>;
}
