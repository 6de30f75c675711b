import { Text } from 'ink';
import { tint } from '../source/ui/palette.js';

export interface ActivityLineProps {
  /** The latest thing the run did, in words. */
  readonly activity: string | null;
  readonly color: boolean;
}

/** `› reading the source cluster: topics` — what the run is doing right now. */
export function ActivityLine({ activity, color }: ActivityLineProps) {
  return (
    <Text wrap="truncate-end" color={tint(color, 'muted')} dimColor={!color}>
      {`› ${activity ?? 'waiting for the run'}`}
    </Text>
  );
}
