/**
 * The cutover screen's view model: a pure fold of the cutover's events (its steps, the producer freeze and its
 * budget, the sentinels' arrival, the release of the producers, warnings and journal lines).
 */
import { formatTransitionLine } from '../../engine/journal/index.js';
import { CUTOVER_STEPS, type CutoverRunEvent, type CutoverStepName } from '../../engine/orchestrator/index.js';

export type StepStatus = 'pending' | 'started' | 'done' | 'failed';

export interface CutoverViewState {
  readonly steps: Readonly<Record<CutoverStepName, { readonly status: StepStatus; readonly detail: string | null }>>;
  /** Producers frozen since (epoch ms), by which method, with what budget; null until frozen. */
  readonly freeze: { readonly sinceMs: number; readonly method: 'webhook' | 'prompt'; readonly maxMs: number } | null;
  /** When producers were released (the freeze window's end), and how. */
  readonly unfreeze: { readonly atMs: number; readonly how: 'webhook' | 'operator' | 'failed'; readonly detail: string } | null;
  readonly sentinels: { readonly landed: number; readonly total: number } | null;
  readonly warnings: readonly string[];
  readonly journalLines: readonly string[];
}

export const initialCutoverState: CutoverViewState = {
  steps: Object.fromEntries(CUTOVER_STEPS.map((step) => [step, { status: 'pending', detail: null }])) as CutoverViewState['steps'],
  freeze: null,
  unfreeze: null,
  sentinels: null,
  warnings: [],
  journalLines: [],
};

export function reduceCutover(state: CutoverViewState, event: CutoverRunEvent, atMs: number): CutoverViewState {
  switch (event.type) {
    case 'cutover.step':
      return { ...state, steps: { ...state.steps, [event.step]: { status: event.status, detail: event.detail ?? state.steps[event.step].detail } } };
    case 'cutover.freeze': {
      const sinceMs = Date.parse(event.frozenAt);
      return { ...state, freeze: { sinceMs: Number.isNaN(sinceMs) ? atMs : sinceMs, method: event.method, maxMs: event.maxMs }, unfreeze: null };
    }
    case 'cutover.unfreeze':
      return { ...state, unfreeze: { atMs, how: event.how, detail: event.detail } };
    case 'cutover.sentinels':
      return { ...state, sentinels: { landed: event.landed, total: event.total } };
    case 'warning':
      return { ...state, warnings: [...state.warnings, event.message] };
    case 'state.changed':
      return { ...state, journalLines: [...state.journalLines, formatTransitionLine(event.entry)].slice(-5) };
    default:
      return state;
  }
}

/** How long producers have been (or were) frozen at `nowMs`; null when they never were. */
export function frozenForMs(state: CutoverViewState, nowMs: number): number | null {
  if (state.freeze === null) return null;
  return Math.max(0, (state.unfreeze?.atMs ?? nowMs) - state.freeze.sinceMs);
}
