import { Text } from 'ink';
import type { MigrationCommand } from '../engine/state/index.js';
import { tint } from '../source/ui/palette.js';

export interface NextCommandProps {
  readonly command: MigrationCommand;
  readonly color: boolean;
}

/** `kafka-backup migrate msk-kraft cutover`: the operator's next step, in bold. */
export function NextCommand({ command, color }: NextCommandProps) {
  return (
    <Text bold color={tint(color, 'accent')}>
      {`kafka-backup migrate msk-kraft ${command}`}
    </Text>
  );
}
