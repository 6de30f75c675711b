import { describe, expect, it } from 'vitest';
import { isInteractive } from '../../../source/io.js';

const tty = { isTTY: true } as NodeJS.ReadableStream & { isTTY?: boolean };
const pipe = { isTTY: false } as NodeJS.ReadableStream & { isTTY?: boolean };

describe('interactive only when stdin and stdout are TTYs and CI is unset', () => {
  it('both TTYs, no CI: interactive', () => {
    expect(isInteractive({ stdin: tty, stdout: { write: () => 0, isTTY: true }, env: {} }, false)).toBe(true);
  });
  it('--non-interactive wins over a terminal', () => {
    expect(isInteractive({ stdin: tty, stdout: { write: () => 0, isTTY: true }, env: {} }, true)).toBe(false);
  });
  it.each(['true', '1', 'yes'])('CI=%s turns it off', (ci) => {
    expect(isInteractive({ stdin: tty, stdout: { write: () => 0, isTTY: true }, env: { CI: ci } }, false)).toBe(false);
  });
  it('CI=false or empty does not', () => {
    expect(isInteractive({ stdin: tty, stdout: { write: () => 0, isTTY: true }, env: { CI: 'false' } }, false)).toBe(true);
    expect(isInteractive({ stdin: tty, stdout: { write: () => 0, isTTY: true }, env: { CI: '' } }, false)).toBe(true);
  });
  it('piped stdin or stdout: not interactive', () => {
    expect(isInteractive({ stdin: pipe, stdout: { write: () => 0, isTTY: true }, env: {} }, false)).toBe(false);
    expect(isInteractive({ stdin: tty, stdout: { write: () => 0, isTTY: false }, env: {} }, false)).toBe(false);
  });
});
