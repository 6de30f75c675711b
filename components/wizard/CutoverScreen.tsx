import { Box, Text } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConfirmRequest } from '../../engine/cutover/freeze-method.js';
import type { CutoverRunEvent } from '../../engine/orchestrator/index.js';
import { frozenForMs, initialCutoverState, reduceCutover, type CutoverViewState } from '../../source/ui/cutover-state.js';
import type { DashboardEventSource } from '../../source/ui/event-source.js';
import type { PromptStore } from '../../source/ui/prompt-store.js';
import { tint } from '../../source/ui/palette.js';
import { ConfirmPrompt } from './ConfirmPrompt.js';
import { CutoverSteps } from './CutoverSteps.js';
import { FreezeTimer } from './FreezeTimer.js';
import { WizardFrame } from './WizardFrame.js';

export interface CutoverScreenProps {
  readonly migrationId: string;
  readonly events: DashboardEventSource<CutoverRunEvent>;
  /** The producer-freeze question, when the cutover asks it (no webhook). */
  readonly prompt: PromptStore<ConfirmRequest>;
  readonly maxFreezeMs: number;
  readonly width: number;
  readonly color: boolean;
  readonly isActive?: boolean;
  /** Time source (tests). */
  readonly now?: () => number;
}

/** The cutover as it runs: its steps, the freeze prompt, the freeze-window timer against max_producer_freeze, warnings, journal lines. */
export function CutoverScreen({ migrationId, events, prompt, maxFreezeMs, width, color, isActive = true, now = Date.now }: CutoverScreenProps) {
  const [state, setState] = useState<CutoverViewState>(initialCutoverState);
  const [clock, setClock] = useState(now);
  const request = useSyncExternalStore(prompt.subscribe, prompt.current);
  useEffect(() => events.subscribe((event) => setState((s) => reduceCutover(s, event, now()))), [events, now]);
  useEffect(() => {
    const timer = setInterval(() => setClock(now()), 200);
    return () => clearInterval(timer);
  }, [now]);
  return (
    <WizardFrame step="cutover" title={`cutover of ${migrationId}`} width={width} color={color}>
      <CutoverSteps state={state} color={color} />
      <Box marginTop={1}>
        <FreezeTimer frozenMs={frozenForMs(state, clock)} maxMs={state.freeze?.maxMs ?? maxFreezeMs} released={state.unfreeze !== null} width={width} color={color} />
      </Box>
      {state.freeze?.method === 'webhook' ? <Text color={tint(color, 'muted')} dimColor={!color}>frozen through the producer-freeze webhook</Text> : null}
      {state.unfreeze === null ? null : <Text color={tint(color, state.unfreeze.how === 'failed' ? 'bad' : 'ok')} wrap="wrap">{state.unfreeze.detail}</Text>}
      {state.warnings.map((warning, i) => (
        <Text key={i} color={tint(color, 'warn')} wrap="wrap">{`warning: ${warning}`}</Text>
      ))}
      {request === null ? null : (
        <Box marginTop={1}>
          <ConfirmPrompt
            title="Stop every producer now"
            lines={[request.message, `topics: ${request.topics.slice(0, 8).join(', ')}${request.topics.length > 8 ? ` and ${request.topics.length - 8} more` : ''}`, 'the freeze-window timer starts when you confirm; cutover must be ready within max_producer_freeze']}
            question="Producers are stopped?"
            danger
            onAnswer={prompt.answer}
            color={color}
            isActive={isActive}
          />
        </Box>
      )}
      {state.journalLines.length === 0 ? null : (
        <Box flexDirection="column" marginTop={1}>
          {state.journalLines.map((line) => (
            <Text key={line} wrap="truncate-end" color={tint(color, 'muted')} dimColor={!color}>{line}</Text>
          ))}
        </Box>
      )}
    </WizardFrame>
  );
}
