import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { CutoverScreen } from '../../components/wizard/CutoverScreen.js';
import { FreezeTimer } from '../../components/wizard/FreezeTimer.js';
import type { ConfirmRequest } from '../../engine/cutover/freeze-method.js';
import type { CutoverRunEvent } from '../../engine/orchestrator/index.js';
import { frozenForMs, initialCutoverState, reduceCutover } from '../../source/ui/cutover-state.js';
import { createEventChannel } from '../../source/ui/event-source.js';
import { createPromptStore } from '../../source/ui/prompt-store.js';
import { settle } from './fake-clock.js';
import { waitFor } from './fake-terminal.js';

afterEach(() => cleanup());

const T0 = Date.parse('2026-04-25T06:40:00.000Z');
const request: ConfirmRequest = {
  kind: 'freeze-producers',
  migrationId: 'mig-20260425-061500-ab12',
  message: 'Stop every producer writing to the source topics (orders, payments) now, and confirm once they are stopped.',
  topics: ['orders', 'payments'],
  maxFreezeMs: 60_000,
};

const run: CutoverRunEvent[] = [
  { type: 'cutover.step', step: 'tail', status: 'done', detail: 'max_partition_lag=0' },
  { type: 'cutover.step', step: 'freeze', status: 'started' },
  { type: 'cutover.freeze', method: 'prompt', frozenAt: '2026-04-25T06:40:00.000Z', maxMs: 60_000 },
  { type: 'cutover.step', step: 'freeze', status: 'done', detail: 'producers frozen (operator prompt)' },
  { type: 'cutover.step', step: 'sentinels', status: 'done', detail: '8 sentinel(s) published on the source' },
  { type: 'cutover.sentinels', landed: 5, total: 8 },
  { type: 'cutover.step', step: 'drain', status: 'started' },
];

describe('reduceCutover', () => {
  it('follows the steps, the freeze and its window, the sentinels and the release', () => {
    let state = initialCutoverState;
    for (const event of run) state = reduceCutover(state, event, T0 + 1000);
    expect(state.steps.freeze).toEqual({ status: 'done', detail: 'producers frozen (operator prompt)' });
    expect(state.steps.drain.status).toBe('started');
    expect(state.steps.commit.status).toBe('pending');
    expect(state.sentinels).toEqual({ landed: 5, total: 8 });
    expect(frozenForMs(state, T0 + 12_000)).toBe(12_000);
    state = reduceCutover(state, { type: 'cutover.unfreeze', how: 'operator', detail: 'release your producers now, pointed at the target cluster' }, T0 + 15_000);
    expect(frozenForMs(state, T0 + 99_000)).toBe(15_000); // the window stops at the release
    expect(frozenForMs(initialCutoverState, T0)).toBeNull();
  });
});

describe('FreezeTimer', () => {
  it('shows the frozen time against max_producer_freeze, and says when producers were released', () => {
    expect(render(<FreezeTimer frozenMs={null} maxMs={60_000} released={false} width={100} color={false} />).lastFrame()).toBe('producers not frozen yet (max_producer_freeze 1m00s)');
    const half = render(<FreezeTimer frozenMs={30_000} maxMs={60_000} released={false} width={90} color={false} />).lastFrame() ?? '';
    expect(half).toMatch(/^producers frozen 30s of max 1m00s █{20}░{20}$/);
    expect(render(<FreezeTimer frozenMs={15_000} maxMs={60_000} released width={90} color={false} />).lastFrame()).toMatch(/producers were frozen 15s of max 1m00s █{10}░{30} \(released\)/);
  });
});

describe('CutoverScreen', () => {
  it('shows the steps, asks the producer-freeze question (y confirms), runs the timer, and fits 70 columns', async () => {
    const events = createEventChannel<CutoverRunEvent>();
    const prompt = createPromptStore<ConfirmRequest>();
    let now = T0 - 5000;
    const { lastFrame, stdin } = render(<CutoverScreen migrationId={request.migrationId} events={events} prompt={prompt} maxFreezeMs={60_000} width={70} color={false} now={() => now} />);
    await settle();
    events.emit(run[0]!);
    events.emit(run[1]!);
    const answer = prompt.ask(request);
    await waitFor(() => lastFrame()!.includes('Producers are stopped? [y/N]'), 2000);
    const asking = lastFrame() ?? '';
    expect(asking).toContain('✓ tail');
    expect(asking).toContain('● freeze');
    expect(asking).toContain('producers not frozen yet (max_producer_freeze 1m00s)');
    expect(asking).toContain('topics: orders, payments');
    expect(Math.max(...asking.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(70);
    stdin.write('y');
    await expect(answer).resolves.toBe(true);
    now = T0 + 12_000;
    for (const event of run.slice(2)) events.emit(event);
    await waitFor(() => lastFrame()!.includes('producers frozen 12s'), 2000);
    expect(lastFrame()).not.toContain('Producers are stopped?');
    expect(lastFrame()).toContain('sentinels on the target 5/8');
  });

  it('Enter alone declines the freeze (a dangerous step: only y confirms)', async () => {
    const prompt = createPromptStore<ConfirmRequest>();
    const { lastFrame, stdin } = render(<CutoverScreen migrationId={request.migrationId} events={createEventChannel<CutoverRunEvent>()} prompt={prompt} maxFreezeMs={60_000} width={100} color={false} />);
    await settle();
    const answer = prompt.ask(request);
    await waitFor(() => lastFrame()!.includes('Producers are stopped? [y/N]'), 2000);
    await settle(60);
    stdin.write('\r');
    await expect(answer).resolves.toBe(false);
  });

  it('a new question replaces an unanswered one, which counts as no', async () => {
    const store = createPromptStore<ConfirmRequest>();
    const first = store.ask(request);
    const second = store.ask({ ...request, message: 'again' });
    await expect(first).resolves.toBe(false);
    expect(store.current()?.message).toBe('again');
    store.answer(true);
    await expect(second).resolves.toBe(true);
    expect(store.current()).toBeNull();
  });
});
