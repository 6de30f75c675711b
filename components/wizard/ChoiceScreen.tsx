import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { WizardStep } from '../../source/wizard/steps.js';
import { SelectList, type SelectItem } from './SelectList.js';
import { WizardFrame } from './WizardFrame.js';

export interface ChoiceScreenProps<T> {
  readonly step: WizardStep;
  readonly title: string;
  /** What the choice is about (findings, a plan summary ...). */
  readonly body?: ReactNode;
  readonly items: readonly SelectItem<T>[];
  readonly onChoose: (value: T) => void;
  readonly width: number;
  readonly color: boolean;
  readonly isActive?: boolean;
}

/** A wizard screen that ends in a choice: the step bar, the title, the body, the list. */
export function ChoiceScreen<T>({ step, title, body, items, onChoose, width, color, isActive = true }: ChoiceScreenProps<T>) {
  return (
    <WizardFrame step={step} title={title} width={width} color={color}>
      {body === undefined ? null : <Box flexDirection="column" marginBottom={1}>{body}</Box>}
      <SelectList items={items} onSelect={onChoose} color={color} isActive={isActive} />
    </WizardFrame>
  );
}
