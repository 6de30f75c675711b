import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { tint } from '../../source/ui/palette.js';

export interface WorkingProps {
  /** What is being done, e.g. "reading both clusters". */
  readonly what: string;
  /** The latest progress in words. */
  readonly detail?: string | null;
  readonly color: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** `⠙ reading both clusters (3s): source: 12 topics` while a step works. */
export function Working({ what, detail, color }: WorkingProps) {
  const [startedAt] = useState(() => Date.now());
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((Date.now() - startedAt) / 1000);
  return (
    <Text wrap="truncate-end">
      <Text color={tint(color, 'active')}>{FRAMES[tick % FRAMES.length]}</Text>
      {` ${what} (${seconds}s)${detail ? `: ${detail}` : ''}`}
    </Text>
  );
}
