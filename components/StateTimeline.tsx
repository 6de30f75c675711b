import { Text } from 'ink';
import { FORWARD_PATH, type MigrationState } from '../engine/state/index.js';
import { tint } from '../source/ui/palette.js';

export interface StateTimelineProps {
  /** The current state (null before the run announced one). */
  readonly state: MigrationState | null;
  /** The forward state a failed or rolled-back migration stopped in. */
  readonly stoppedIn: MigrationState | null;
  readonly width: number;
  readonly color: boolean;
}

type Mark = 'done' | 'current' | 'stopped' | 'next';
interface Step {
  readonly name: MigrationState;
  readonly mark: Mark;
}

const SYMBOL: Readonly<Record<Mark, string>> = { done: '✓', current: '●', stopped: '✗', next: '○' };

function stepsOf(state: MigrationState | null, stoppedIn: MigrationState | null): Step[] {
  const path = FORWARD_PATH as readonly MigrationState[];
  const ended = state === 'failed' || state === 'rolled_back';
  const at = path.indexOf(ended ? (stoppedIn ?? 'planned') : (state ?? 'planned'));
  return path.map((name, i) => ({
    name,
    mark: state === null ? 'next' : i < at ? 'done' : i === at ? (ended ? 'stopped' : 'current') : 'next',
  }));
}

/** Which states keep their name: all (wide), the current one and those ahead (medium), the current one (narrow). */
function layoutOf(steps: readonly Step[], position: number, ending: string, width: number): { named: (i: number) => boolean; count: boolean } {
  const label = (s: Step) => `${SYMBOL[s.mark]} ${s.name}`;
  const full = steps.map(label).join(' › ') + ending;
  if (full.length <= width) return { named: () => true, count: false };
  const medium = steps.map((s, i) => (i < position ? SYMBOL[s.mark] : ` ${label(s)}`)).join(' ›').length + ending.length;
  if (position >= 0 && medium <= width) return { named: (i) => i >= position, count: false };
  return { named: (i) => i === position, count: true };
}

/**
 * The forward path with the current state marked: `✓ planned › ✓ precheck › ● seed › ○ tail …`; a failed or
 * rolled-back migration shows `✗` where it stopped and the end state after the path. When the names do not fit, the
 * states behind become marks (`✓✓✓ ● seed › ○ tail …`), then only the current one keeps its name:
 * `✓✓✓ ● seed ○○○○○○ (4/10)`.
 */
export function StateTimeline({ state, stoppedIn, width, color }: StateTimelineProps) {
  const steps = stepsOf(state, stoppedIn);
  const ending = state === 'failed' ? '  FAILED' : state === 'rolled_back' ? '  ROLLED BACK' : '';
  const position = steps.findIndex((s) => s.mark === 'current' || s.mark === 'stopped');
  const { named, count } = layoutOf(steps, position, ending, width);
  const tone = (mark: Mark) => tint(color, mark === 'done' ? 'ok' : mark === 'current' ? 'active' : mark === 'stopped' ? 'bad' : 'muted');
  return (
    <Text wrap="truncate-end">
      {steps.map((s, i) => {
        const before = i === 0 ? '' : named(i) && named(i - 1) ? ' › ' : named(i) || named(i - 1) ? ' ' : '';
        return (
          <Text key={s.name}>
            <Text color={tint(color, 'muted')}>{before}</Text>
            <Text color={tone(s.mark)} bold={s.mark === 'current' || s.mark === 'stopped'}>
              {named(i) ? `${SYMBOL[s.mark]} ${s.name}` : SYMBOL[s.mark]}
            </Text>
          </Text>
        );
      })}
      {count && position >= 0 ? ` (${position + 1}/${steps.length})` : ''}
      <Text color={tint(color, 'bad')} bold>
        {ending}
      </Text>
    </Text>
  );
}
