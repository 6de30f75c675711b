/**
 * Ctrl-C while Ink holds stdin in raw mode arrives as a key, not as SIGINT: this hook hands it to `onInterrupt`
 * (the command decides: the first one interrupts the run cleanly, a second one stops at once).
 */
import { useInput } from 'ink';

export function useInterruptKey(onInterrupt: (() => void) | undefined, isActive: boolean): void {
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') onInterrupt?.();
    },
    { isActive: isActive && onInterrupt !== undefined },
  );
}
