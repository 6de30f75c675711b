import type { WizardStep } from '../../source/wizard/steps.js';
import { ConfirmPrompt } from './ConfirmPrompt.js';
import { WizardFrame } from './WizardFrame.js';

export interface ConfirmScreenProps {
  readonly step: WizardStep;
  readonly title: string;
  /** Exactly what happens on yes. */
  readonly lines: readonly string[];
  readonly question: string;
  readonly danger?: boolean;
  readonly onAnswer: (yes: boolean) => void;
  readonly width: number;
  readonly color: boolean;
  readonly isActive?: boolean;
}

/** A wizard screen that asks before a step that changes something: what will happen, then y/n. */
export function ConfirmScreen({ step, title, lines, question, danger = false, onAnswer, width, color, isActive = true }: ConfirmScreenProps) {
  return (
    <WizardFrame step={step} title={title} width={width} color={color}>
      <ConfirmPrompt title="What happens:" lines={lines} question={question} danger={danger} onAnswer={onAnswer} color={color} isActive={isActive} />
    </WizardFrame>
  );
}
