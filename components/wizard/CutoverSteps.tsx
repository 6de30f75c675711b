import { Box, Text } from 'ink';
import { CUTOVER_STEPS } from '../../engine/orchestrator/index.js';
import type { CutoverViewState, StepStatus } from '../../source/ui/cutover-state.js';
import { tint, type Tone } from '../../source/ui/palette.js';

export interface CutoverStepsProps {
  readonly state: CutoverViewState;
  readonly color: boolean;
}

const MARK: Readonly<Record<StepStatus, [string, Tone]>> = { pending: ['○', 'muted'], started: ['●', 'active'], done: ['✓', 'ok'], failed: ['✗', 'bad'] };

/** One line per cutover step: ✓ done, ● running, ✗ failed, ○ to come; with the step's latest detail. */
export function CutoverSteps({ state, color }: CutoverStepsProps) {
  return (
    <Box flexDirection="column">
      {CUTOVER_STEPS.map((step) => {
        const { status, detail } = state.steps[step];
        const [mark, tone] = MARK[status];
        const sentinels = step === 'drain' && state.sentinels !== null ? ` sentinels on the target ${state.sentinels.landed}/${state.sentinels.total}` : '';
        return (
          <Text key={step} wrap="truncate-end">
            <Text color={tint(color, tone)}>{mark}</Text>
            {` ${step.padEnd(20)}`}
            <Text color={tint(color, 'muted')} dimColor={!color}>{`${detail ?? ''}${sentinels}`}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
