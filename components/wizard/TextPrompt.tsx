import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { tint } from '../../source/ui/palette.js';

export interface TextPromptProps {
  readonly label: string;
  /** Taken when Enter is pressed on an empty line. */
  readonly defaultValue?: string;
  /** Checked on every key: the problem to show, or undefined. Enter is refused while there is one. */
  readonly validate?: (value: string) => string | undefined;
  readonly onSubmit: (value: string) => void;
  readonly onCancel?: () => void;
  readonly color: boolean;
  readonly isActive?: boolean;
  /** A line of help under the label. */
  readonly help?: string;
}

/** One line of text input: typing, Backspace, Enter to accept, Esc to go back; validated as typed. */
export function TextPrompt({ label, defaultValue = '', validate, onSubmit, onCancel, color, isActive = true, help }: TextPromptProps) {
  const [value, setShown] = useState('');
  const [touched, setTouched] = useState(false);
  // Keys can arrive faster than frames (a paste, then Enter): each one works on the text the previous one left.
  const text = useRef('');
  const setValue = (edit: (v: string) => string) => {
    text.current = edit(text.current);
    setShown(text.current);
  };
  const effective = value === '' ? defaultValue : value;
  const problem = validate?.(effective);
  useInput(
    (input, key) => {
      if (key.return) {
        setTouched(true);
        const typed = text.current === '' ? defaultValue : text.current;
        if (validate?.(typed) === undefined) onSubmit(typed);
      } else if (key.escape) onCancel?.();
      else if (key.backspace || key.delete) {
        setTouched(true);
        setValue((v) => v.slice(0, -1));
      } else if (!key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow) {
        const typed = input.replace(/[\u0000-\u001f\u007f]/g, ''); // pasted text: no control characters
        if (typed === '') return;
        setTouched(true);
        setValue((v) => v + typed);
      }
    },
    { isActive },
  );
  return (
    <Box flexDirection="column">
      <Text bold>{label}</Text>
      {help === undefined ? null : <Text color={tint(color, 'muted')} dimColor={!color}>{help}</Text>}
      <Text>
        <Text color={tint(color, 'accent')}>{'› '}</Text>
        {value === '' && defaultValue !== '' ? <Text color={tint(color, 'muted')} dimColor={!color}>{defaultValue}</Text> : <Text>{value}</Text>}
        <Text inverse>{' '}</Text>
      </Text>
      {problem !== undefined && (touched || value !== '') ? <Text color={tint(color, 'bad')} wrap="wrap">{`✗ ${problem}`}</Text> : null}
      <Text color={tint(color, 'muted')} dimColor={!color}>{`Enter accept${defaultValue === '' ? '' : ' (empty: the grey default)'}${onCancel === undefined ? '' : ' · Esc back'}`}</Text>
    </Box>
  );
}
