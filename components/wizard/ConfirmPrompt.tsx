import { Box, Text, useInput } from 'ink';
import { tint } from '../../source/ui/palette.js';

export interface ConfirmPromptProps {
  /** What happens on yes, one item a line. */
  readonly title: string;
  readonly lines?: readonly string[];
  readonly question: string;
  readonly onAnswer: (yes: boolean) => void;
  /** A dangerous step: shown in the warning colour, and only a typed `y` says yes (Enter alone says no). */
  readonly danger?: boolean;
  readonly color: boolean;
  readonly isActive?: boolean;
}

/** y / n; Enter takes the default (yes, or no for a dangerous step); Esc is no. */
export function ConfirmPrompt({ title, lines = [], question, onAnswer, danger = false, color, isActive = true }: ConfirmPromptProps) {
  useInput(
    (input, key) => {
      if (input === 'y' || input === 'Y') onAnswer(true);
      else if (input === 'n' || input === 'N' || key.escape) onAnswer(false);
      else if (key.return) onAnswer(!danger);
    },
    { isActive },
  );
  return (
    <Box flexDirection="column">
      <Text bold color={tint(color, danger ? 'warn' : 'accent')}>{title}</Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="wrap">{`  • ${line}`}</Text>
      ))}
      <Text bold>{`${question} ${danger ? '[y/N]' : '[Y/n]'}`}</Text>
    </Box>
  );
}
