import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { LagTable } from '../../components/LagTable.js';
import { foldDashboard, type PartitionRow } from '../../source/ui/dashboard-state.js';
import { loadRecordedRun, timedEvents } from '../fixtures/events/recorded.js';
import { syntheticSeedRun } from '../fixtures/events/synthetic.js';
import { settle } from './fake-clock.js';

const KEY = { up: '\u001B[A', down: '\u001B[B', pageUp: '\u001B[5~', pageDown: '\u001B[6~', home: '\u001B[H', end: '\u001B[F', escape: '\u001B', enter: '\r', backspace: '\u007F' };

afterEach(() => cleanup());

/** The table's data lines (between the header and the footer). */
function dataLines(frame: string): string[] {
  const lines = frame.split('\n');
  return lines.slice(1, lines.findIndex((line) => line.startsWith('rows ')));
}

function footer(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('rows ')) ?? '';
}

const recorded = loadRecordedRun();
const events = timedEvents(recorded);
// The second copy.progress of the recorded seed: lag on most partitions.
const seedIndex = events.findIndex((e, i) => e.event.type === 'copy.progress' && events.slice(0, i).some((p) => p.event.type === 'copy.progress'));
const seedRows = foldDashboard(events.slice(0, seedIndex + 1)).rows;
const big = foldDashboard(syntheticSeedRun(10_000, 2)).rows;

function type(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  return keys.reduce<Promise<void>>(async (before, key) => {
    await before;
    stdin.write(key);
    await settle();
  }, Promise.resolve());
}

describe('LagTable with the recorded seed', () => {
  it('lists the partitions worst lag first with the footer keys and range', () => {
    const { lastFrame } = render(<LagTable rows={seedRows} pageSize={20} width={120} color={false} />);
    const frame = lastFrame() ?? '';
    const lines = dataLines(frame);
    expect(frame.split('\n')[0]).toMatch(/^TOPIC +P +COPIED TO +SOURCE END +LAG +REC\/S STATE/);
    expect(lines).toHaveLength(seedRows.length);
    const lags = lines.map((line) => Number(line.match(/ ([\d,]+) (?:▇* *)\s+\S+ (?:copying|waiting|caught-up)/)?.[1]?.replace(/,/g, '')));
    const expected = [...seedRows].sort((a, b) => b.lag - a.lag).map((r) => r.lag);
    expect(lags).toEqual(expected);
    expect(footer(frame)).toMatch(`rows 1–${seedRows.length} of ${seedRows.length}`);
    expect(footer(frame)).toContain('↑↓ PgUp/PgDn Home/End scroll · / filter · c per topic · Esc clear');
  });

  it('filters by typing / and a topic substring, keeps it on Enter, clears it with Esc', async () => {
    const { lastFrame, stdin } = render(<LagTable rows={seedRows} pageSize={20} width={120} color={false} />);
    await settle();
    await type(stdin, '/', 'p', 'a', 'y');
    const payments = seedRows.filter((r) => r.topic.includes('pay'));
    expect(dataLines(lastFrame()!)).toHaveLength(payments.length);
    for (const line of dataLines(lastFrame()!)) expect(line).toContain('.payments');
    expect(footer(lastFrame()!)).toContain(`rows 1–${payments.length} of ${payments.length} · /pay▌`);
    await type(stdin, KEY.backspace);
    expect(footer(lastFrame()!)).toContain('/pa▌');
    await type(stdin, 'y', KEY.enter);
    expect(footer(lastFrame()!)).toContain('· /pay ·');
    // After Enter, `c` collapses again instead of typing.
    await type(stdin, 'c');
    expect(dataLines(lastFrame()!)).toHaveLength(1);
    await type(stdin, KEY.escape);
    expect(footer(lastFrame()!)).not.toContain('/pay');
    expect(dataLines(lastFrame()!)).toHaveLength(3);
  });

  it('collapses to one summary row per topic with `c`, and back', async () => {
    const { lastFrame, stdin } = render(<LagTable rows={seedRows} pageSize={20} width={120} color={false} />);
    await settle();
    await type(stdin, 'c');
    const topics = [...new Set(seedRows.map((r) => r.topic))];
    const lines = dataLines(lastFrame()!);
    expect(lines).toHaveLength(topics.length);
    const orders = seedRows.filter((r) => r.topic.endsWith('.orders'));
    const ordersLine = lines.find((line) => line.includes('.orders'))!;
    expect(ordersLine).toContain(`×${orders.length}`);
    expect(ordersLine).toContain(orders.reduce((sum, r) => sum + r.lag, 0).toLocaleString('en-US'));
    expect(footer(lastFrame()!)).toContain(`of ${topics.length} topics`);
    await type(stdin, 'c');
    expect(dataLines(lastFrame()!)).toHaveLength(seedRows.length);
  });

  it('takes several characters in one read as one key each (fast typing, a paste)', async () => {
    const { lastFrame, stdin } = render(<LagTable rows={seedRows} pageSize={20} width={120} color={false} />);
    await settle();
    await type(stdin, 'c/pay');
    expect(dataLines(lastFrame()!)).toHaveLength(1);
    expect(footer(lastFrame()!)).toContain('rows 1–1 of 1 topics · /pay▌');
  });

  it('says so when the filter matches nothing', async () => {
    const { lastFrame, stdin } = render(<LagTable rows={seedRows} pageSize={20} width={120} color={false} />);
    await settle();
    await type(stdin, '/', 'z', 'z');
    expect(lastFrame()).toContain('no topic matches "zz"');
    expect(footer(lastFrame()!)).toContain('rows 0 of 0');
  });
});

describe('LagTable with 10,000 partitions', () => {
  const sorted = [...big].sort((a, b) => b.lag - a.lag || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  const key = (r: PartitionRow) => `${r.topic} ${r.partition}`;
  const shown = (frame: string) => dataLines(frame).map((line) => line.split(/ +/).slice(0, 2).join(' '));

  it('renders only the visible window, worst lag first', () => {
    expect(big).toHaveLength(10_000);
    const { lastFrame } = render(<LagTable rows={big} pageSize={15} width={120} color={false} />);
    expect(dataLines(lastFrame()!)).toHaveLength(15);
    expect(shown(lastFrame()!)).toEqual(sorted.slice(0, 15).map(key));
    expect(footer(lastFrame()!)).toContain('rows 1–15 of 10,000');
  });

  it('scrolls with ↑/↓, PgUp/PgDn, Home and End, never past either end', async () => {
    const { lastFrame, stdin } = render(<LagTable rows={big} pageSize={15} width={120} color={false} />);
    await settle();
    await type(stdin, KEY.up);
    expect(footer(lastFrame()!)).toContain('rows 1–15 of 10,000');
    await type(stdin, KEY.down, KEY.down);
    expect(footer(lastFrame()!)).toContain('rows 3–17 of 10,000');
    expect(shown(lastFrame()!)).toEqual(sorted.slice(2, 17).map(key));
    await type(stdin, KEY.pageDown);
    expect(footer(lastFrame()!)).toContain('rows 18–32 of 10,000');
    await type(stdin, KEY.pageUp, KEY.pageUp);
    expect(footer(lastFrame()!)).toContain('rows 1–15 of 10,000');
    await type(stdin, KEY.end);
    expect(footer(lastFrame()!)).toContain('rows 9,986–10,000 of 10,000');
    expect(shown(lastFrame()!)).toEqual(sorted.slice(-15).map(key));
    await type(stdin, KEY.down);
    expect(footer(lastFrame()!)).toContain('rows 9,986–10,000 of 10,000');
    await type(stdin, KEY.up);
    expect(footer(lastFrame()!)).toContain('rows 9,985–9,999 of 10,000');
    await type(stdin, KEY.home);
    expect(footer(lastFrame()!)).toContain('rows 1–15 of 10,000');
  });

  it('filters 10,000 rows to one topic and collapses them to 100 topic rows', async () => {
    const { lastFrame, stdin } = render(<LagTable rows={big} pageSize={15} width={120} color={false} />);
    await settle();
    await type(stdin, '/', ...'topic-042');
    expect(footer(lastFrame()!)).toContain('rows 1–15 of 100');
    for (const line of dataLines(lastFrame()!)) expect(line.startsWith('topic-042 ')).toBe(true);
    await type(stdin, KEY.escape, 'c');
    expect(footer(lastFrame()!)).toContain('rows 1–15 of 100 topics');
  });
});
