/**
 * The cutover on a terminal: `CutoverScreen` fed by the cutover's events, answering its producer-freeze port with an
 * Ink prompt. Ctrl-C (a key under Ink) is turned into the SIGINT the command already handles (the cutover stops at its
 * next step and releases the producers; a second one ends the process, Ink's exit hook restoring the terminal).
 */
import { render, useInput } from 'ink';
import type { ConfirmPort, ConfirmRequest } from '../../engine/cutover/freeze-method.js';
import type { CutoverListener, CutoverRunEvent } from '../../engine/orchestrator/index.js';
import { CutoverScreen } from '../../components/wizard/CutoverScreen.js';
import { useTerminalSize } from '../../components/use-terminal-size.js';
import type { CliIO } from '../io.js';
import { createEventChannel, type EventChannel } from './event-source.js';
import { colorEnabled } from './palette.js';
import { createPromptStore, type PromptStore } from './prompt-store.js';

export interface CutoverFrontEnd {
  readonly onEvent: CutoverListener;
  readonly confirm: ConfirmPort;
  stop(): Promise<void>;
}

function Live({ migrationId, events, prompt, maxFreezeMs, color }: { migrationId: string; events: EventChannel<CutoverRunEvent>; prompt: PromptStore<ConfirmRequest>; maxFreezeMs: number; color: boolean }) {
  const { columns } = useTerminalSize();
  useInput((input, key) => {
    if (key.ctrl && input === 'c') process.kill(process.pid, 'SIGINT');
  });
  return <CutoverScreen migrationId={migrationId} events={events} prompt={prompt} maxFreezeMs={maxFreezeMs} width={Math.max(40, columns)} color={color} />;
}

export function startCutoverFrontEnd(io: CliIO, options: { migrationId: string; maxFreezeMs: number }): CutoverFrontEnd {
  const events = createEventChannel<CutoverRunEvent>();
  const prompt = createPromptStore<ConfirmRequest>();
  const instance = render(<Live migrationId={options.migrationId} events={events} prompt={prompt} maxFreezeMs={options.maxFreezeMs} color={colorEnabled(io.env)} />, {
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  let stopping: Promise<void> | undefined;
  return {
    onEvent: events.emit,
    confirm: prompt.ask,
    stop: () => {
      stopping ??= (async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        prompt.answer(false);
        const exited = instance.waitUntilExit().catch(() => undefined);
        instance.unmount();
        await exited;
      })();
      return stopping;
    },
  };
}
