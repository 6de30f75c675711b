import { Text } from 'ink';
import type { MigrationState } from '../engine/state/index.js';
import { tint } from '../source/ui/palette.js';

export interface FailureBannerProps {
  readonly failure: { readonly state: MigrationState; readonly reason: string; readonly journaled: boolean };
  readonly width: number;
  readonly color: boolean;
}

/** `FAILED in seed: <reason> (journaled)` */
export function FailureBanner({ failure, width, color }: FailureBannerProps) {
  return (
    <Text color={tint(color, 'bad')} bold wrap="wrap">
      {`FAILED in ${failure.state}: ${failure.reason}${failure.journaled ? ' (journaled)' : ' (not journaled)'}`.slice(0, Math.max(0, width * 3))}
    </Text>
  );
}
