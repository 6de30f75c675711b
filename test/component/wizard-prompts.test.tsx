import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmPrompt } from '../../components/wizard/ConfirmPrompt.js';
import { SelectList } from '../../components/wizard/SelectList.js';
import { TextPrompt } from '../../components/wizard/TextPrompt.js';
import { settle } from './fake-clock.js';

afterEach(() => cleanup());

const DOWN = '\u001b[B';
const UP = '\u001b[A';
const ESC = '\u001b';

async function keys(stdin: { write(data: string): void }, ...presses: string[]): Promise<void> {
  for (const press of presses) {
    stdin.write(press);
    await settle(30);
  }
}

describe('SelectList', () => {
  const items = [
    { label: 'migration.yaml', value: 'a', hint: 'source -> target' },
    { label: 'other.yaml', value: 'b' },
    { label: 'build a new config through prompts', value: 'c' },
  ];

  it('marks the current item, moves with ↓/↑ (wrapping) and digits, and chooses with Enter', async () => {
    const chosen: string[] = [];
    const { lastFrame, stdin } = render(<SelectList items={items} onSelect={(v) => chosen.push(v)} color={false} />);
    await settle();
    expect(lastFrame()).toContain('❯ 1. migration.yaml');
    expect(lastFrame()).toContain('     source -> target');
    await keys(stdin, DOWN);
    expect(lastFrame()).toContain('❯ 2. other.yaml');
    await keys(stdin, UP, UP);
    expect(lastFrame()).toContain('❯ 3. build a new config');
    await keys(stdin, '\r');
    await keys(stdin, '1', '\r');
    expect(chosen).toEqual(['c', 'a']);
  });

  it('Esc calls onCancel when there is one (and says so in the footer)', async () => {
    let cancelled = 0;
    const { lastFrame, stdin } = render(<SelectList items={items} onSelect={() => undefined} onCancel={() => (cancelled += 1)} color={false} />);
    await settle();
    expect(lastFrame()).toContain('Esc back');
    await keys(stdin, ESC);
    await settle(80);
    expect(cancelled).toBe(1);
  });
});

describe('TextPrompt', () => {
  const validate = (value: string) => (/^\d+$/.test(value) ? undefined : `got "${value}"; expected digits`);

  it('takes typed text, shows the problem as typed, refuses Enter while there is one, and Backspace edits', async () => {
    const submitted: string[] = [];
    const { lastFrame, stdin } = render(<TextPrompt label="Port" validate={validate} onSubmit={(v) => submitted.push(v)} color={false} />);
    await settle();
    await keys(stdin, '90x');
    expect(lastFrame()).toContain('› 90x');
    expect(lastFrame()).toContain('✗ got "90x"; expected digits');
    await keys(stdin, '\r');
    expect(submitted).toEqual([]);
    await keys(stdin, '\u007f', '92');
    expect(lastFrame()).toContain('› 9092');
    expect(lastFrame()).not.toContain('✗');
    await keys(stdin, '\r');
    expect(submitted).toEqual(['9092']);
  });

  it('Enter on an empty line takes the grey default; pasted control characters are dropped; Esc goes back', async () => {
    const submitted: string[] = [];
    let back = 0;
    const { lastFrame, stdin } = render(<TextPrompt label="Region" defaultValue="us-east-1" onSubmit={(v) => submitted.push(v)} onCancel={() => (back += 1)} color={false} />);
    await settle();
    expect(lastFrame()).toContain('› us-east-1');
    expect(lastFrame()).toContain('Enter accept (empty: the grey default) · Esc back');
    await keys(stdin, '\r');
    expect(submitted).toEqual(['us-east-1']);
    await keys(stdin, 'eu\u0007-west-1');
    expect(lastFrame()).toContain('› eu-west-1');
    await keys(stdin, ESC);
    await settle(80);
    expect(back).toBe(1);
  });

  it('wraps a long problem on a narrow terminal instead of cutting it', async () => {
    const { lastFrame, stdin } = render(<TextPrompt label="Port" validate={() => 'a long explanation of what is wrong with this value and how to fix it'} onSubmit={() => undefined} color={false} />);
    await keys(stdin, 'x');
    expect(lastFrame()).toContain('how to fix it');
  });
});

describe('ConfirmPrompt', () => {
  it('y and n answer; Enter takes yes on an ordinary step', async () => {
    const answers: boolean[] = [];
    const { lastFrame, stdin } = render(<ConfirmPrompt title="What happens:" lines={['one', 'two']} question="Go on?" onAnswer={(yes) => answers.push(yes)} color={false} />);
    await settle();
    expect(lastFrame()).toContain('  • one');
    expect(lastFrame()).toContain('Go on? [Y/n]');
    await keys(stdin, 'y', 'n', '\r');
    expect(answers).toEqual([true, false, true]);
  });

  it('on a dangerous step Enter alone and Esc say no; only y says yes', async () => {
    const answers: boolean[] = [];
    const { lastFrame, stdin } = render(<ConfirmPrompt title="What happens:" question="Roll the migration back?" danger onAnswer={(yes) => answers.push(yes)} color={false} />);
    await settle();
    expect(lastFrame()).toContain('Roll the migration back? [y/N]');
    await keys(stdin, '\r', ESC);
    await settle(80);
    await keys(stdin, 'Y');
    expect(answers).toEqual([false, false, true]);
  });
});
