import { Text } from 'ink';
import { useEffect } from 'react';
import type { MigrationState } from '../../engine/state/index.js';
import { WizardFrame } from './WizardFrame.js';

export interface EndScreenProps {
  readonly migrationId: string;
  readonly state: MigrationState;
  readonly reason?: string | undefined;
  /** Called once the screen is drawn: nothing is asked here. */
  readonly onShown: () => void;
  readonly width: number;
  readonly color: boolean;
}

/** Where the wizard stops: finalized, rolled back, or a state no step can continue. */
export function EndScreen({ migrationId, state, reason, onShown, width, color }: EndScreenProps) {
  useEffect(() => {
    onShown();
  }, [onShown]);
  const text =
    state === 'finalized'
      ? `${migrationId} is finalized: no validation check failed (the checks above say which, if any, warned) and the signed evidence bundle is written. Nothing more to do.`
      : state === 'rolled_back'
        ? `${migrationId} was rolled back; the target was left as it is (the rollback report says what to clean up).`
        : `${migrationId} is in ${state}${reason ? ` (${reason})` : ''}: no step can continue it; \`status\` shows its journal.`;
  return (
    <WizardFrame step="finalize" title={state === 'finalized' ? 'finalized' : `stopped: ${state}`} width={width} color={color}>
      <Text wrap="wrap">{text}</Text>
    </WizardFrame>
  );
}
