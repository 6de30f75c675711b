import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { tint } from '../../source/ui/palette.js';

export interface SelectItem<T> {
  readonly label: string;
  readonly value: T;
  /** A second, dimmer line under the label. */
  readonly hint?: string;
}

export interface SelectListProps<T> {
  readonly items: readonly SelectItem<T>[];
  readonly onSelect: (value: T) => void;
  /** Esc; without it Esc does nothing. */
  readonly onCancel?: () => void;
  readonly color: boolean;
  readonly isActive?: boolean;
  readonly initialIndex?: number;
}

/** ↑/↓ (or k/j) to move, Enter to choose, a digit to jump; the chosen line is marked with ❯. */
export function SelectList<T>({ items, onSelect, onCancel, color, isActive = true, initialIndex = 0 }: SelectListProps<T>) {
  const [index, setShown] = useState(Math.min(initialIndex, Math.max(0, items.length - 1)));
  // Keys can arrive faster than frames: each one reads the position the previous one left, not the last frame's.
  const at = useRef(index);
  const move = (to: number) => {
    at.current = to;
    setShown(to);
  };
  useInput(
    (input, key) => {
      if (key.upArrow || input === 'k') move((at.current - 1 + items.length) % items.length);
      else if (key.downArrow || input === 'j') move((at.current + 1) % items.length);
      else if (key.return) {
        const item = items[at.current];
        if (item !== undefined) onSelect(item.value);
      } else if (key.escape) onCancel?.();
      else if (/^[1-9]$/.test(input) && Number(input) <= items.length) move(Number(input) - 1);
    },
    { isActive: isActive && items.length > 0 },
  );
  return (
    <Box flexDirection="column">
      {items.map((item, i) => (
        <Box key={`${i}-${item.label}`} flexDirection="column">
          <Text color={i === index ? tint(color, 'accent') : undefined} bold={i === index}>
            {`${i === index ? '❯' : ' '} ${i + 1}. ${item.label}`}
          </Text>
          {item.hint === undefined ? null : (
            <Text color={tint(color, 'muted')} dimColor={!color} wrap="truncate-end">{`     ${item.hint}`}</Text>
          )}
        </Box>
      ))}
      <Text color={tint(color, 'muted')} dimColor={!color}>{`↑↓ move · Enter choose${onCancel === undefined ? '' : ' · Esc back'}`}</Text>
    </Box>
  );
}
