import { Text } from 'ink';
import { WIZARD_STEPS, type WizardStep } from '../../source/wizard/steps.js';
import { tint } from '../../source/ui/palette.js';

export interface StepBarProps {
  readonly current: WizardStep;
  readonly width: number;
  readonly color: boolean;
}

/** `✓ config › ✓ precheck › ● plan › ○ execute …`; only the current step's name under 60 columns. */
export function StepBar({ current, width, color }: StepBarProps) {
  const at = WIZARD_STEPS.findIndex((step) => step.id === current);
  if (width < 60) {
    return <Text bold color={tint(color, 'accent')}>{`wizard ${at + 1}/${WIZARD_STEPS.length}: ${WIZARD_STEPS[at]?.title ?? current}`}</Text>;
  }
  return (
    <Text wrap="truncate-end">
      {WIZARD_STEPS.map((step, i) => (
        <Text key={step.id} color={i < at ? tint(color, 'ok') : i === at ? tint(color, 'active') : tint(color, 'muted')} bold={i === at}>
          {`${i < at ? '✓' : i === at ? '●' : '○'} ${step.title}${i < WIZARD_STEPS.length - 1 ? ' › ' : ''}`}
        </Text>
      ))}
    </Text>
  );
}
