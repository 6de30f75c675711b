/**
 * Mounts one wizard screen with Ink until it calls `done(value)`; Ctrl-C leaves (undefined). Each screen unmounts
 * before the next step runs, so a command run in between (execute's dashboard, cutover's prompt) owns the terminal,
 * and the finished screens stay above it as a transcript.
 */
import { render } from 'ink';
import type { ReactElement } from 'react';
import { useTerminalSize } from '../../components/use-terminal-size.js';
import type { CliIO } from '../io.js';
import { colorEnabled } from '../ui/palette.js';

export interface ScreenApi<T> {
  readonly done: (value: T) => void;
  readonly width: number;
  readonly color: boolean;
}

function Sized<T>({ build, api }: { build: (api: ScreenApi<T>) => ReactElement; api: Omit<ScreenApi<T>, 'width'> }) {
  const { columns } = useTerminalSize();
  return build({ ...api, width: Math.max(40, columns) });
}

export async function showScreen<T>(io: CliIO, build: (api: ScreenApi<T>) => ReactElement): Promise<T | undefined> {
  let result: { value: T } | undefined;
  let unmount = (): void => undefined;
  const done = (value: T): void => {
    if (result !== undefined) return;
    result = { value };
    setImmediate(unmount);
  };
  const instance = render(<Sized build={build} api={{ done, color: colorEnabled(io.env) }} />, {
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: true,
  });
  unmount = () => instance.unmount();
  await instance.waitUntilExit();
  return result?.value;
}
