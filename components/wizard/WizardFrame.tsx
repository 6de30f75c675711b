import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { WizardStep } from '../../source/wizard/steps.js';
import { tint } from '../../source/ui/palette.js';
import { StepBar } from './StepBar.js';

export interface WizardFrameProps {
  readonly step: WizardStep;
  readonly title: string;
  readonly width: number;
  readonly color: boolean;
  readonly children?: ReactNode;
}

/** One wizard screen: the step bar, the screen's title, its content. */
export function WizardFrame({ step, title, width, color, children }: WizardFrameProps) {
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <StepBar current={step} width={width} color={color} />
      <Text bold color={tint(color, 'accent')} wrap="wrap">{title}</Text>
      <Box flexDirection="column" marginTop={1}>
        {children}
      </Box>
    </Box>
  );
}
