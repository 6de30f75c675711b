import { Box, Text } from 'ink';
import { tint } from '../source/ui/palette.js';

export interface TransitionLogProps {
  /** Journal transition lines as `formatTransitionLine` prints them, oldest first. */
  readonly lines: readonly string[];
  /** The latest this many are shown. */
  readonly max: number;
  readonly width: number;
  readonly color: boolean;
}

/** The latest journal transitions: `2026-04-25T06:15:07.512121Z topology_copy -> seed`; a long one wraps, never cut. */
export function TransitionLog({ lines, max, width, color }: TransitionLogProps) {
  const shown = max > 0 ? lines.slice(-max) : [];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Journal</Text>
      {shown.length === 0 ? <Text color={tint(color, 'muted')}>no transitions yet</Text> : null}
      {shown.map((line, i) => (
        <Text key={`${lines.length - shown.length + i}`} wrap="wrap">
          {line}
        </Text>
      ))}
    </Box>
  );
}
