/**
 * The real program on a pseudo-terminal, read through a terminal emulator: `script` (util-linux, on every Linux
 * machine) gives the pty, @xterm/headless (pure JS) keeps the screen as a terminal would show it. The wizard's
 * end-to-end test drives it with keys, and the screenshot script renders its screens (text and colours) to SVG.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import xterm from '@xterm/headless';

export interface VirtualTerminalOptions {
  /** The command line, run by /bin/sh inside the pty. */
  readonly command: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly columns?: number;
  readonly rows?: number;
  /** Lines kept above the screen (the wizard's earlier screens). */
  readonly scrollback?: number;
}

export const KEYS = { enter: '\r', down: '\u001b[B', up: '\u001b[A', escape: '\u001b', ctrlC: '\u0003', backspace: '\u007f' } as const;

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export class VirtualTerminal {
  readonly term: xterm.Terminal;
  readonly columns: number;
  readonly rows: number;
  private readonly child: ChildProcessWithoutNullStreams;
  private raw = '';
  private pendingWrites: Promise<void> = Promise.resolve();
  readonly exited: Promise<number>;

  constructor(options: VirtualTerminalOptions) {
    this.columns = options.columns ?? 120;
    this.rows = options.rows ?? 40;
    this.term = new xterm.Terminal({ cols: this.columns, rows: this.rows, scrollback: options.scrollback ?? 5000, allowProposedApi: true });
    const inner = `stty cols ${this.columns} rows ${this.rows}; exec ${options.command}`;
    this.child = spawn('script', ['-q', '-f', '-e', '-c', inner, '/dev/null'], { cwd: options.cwd, env: { ...options.env, TERM: 'xterm-256color' } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.raw += text;
      this.pendingWrites = this.pendingWrites.then(() => new Promise<void>((resolve) => this.term.write(text, resolve)));
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128))));
  }

  /** For `sh -c`: a word quoted. */
  static quote = quote;

  /**
   * Sends each argument as one key press (a key, or a run of text), with a pause after each: a terminal delivers
   * what arrives together as one input, and Ink reads a chunk such as "4\r" as text, not as 4 then Enter.
   */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      // A screen that just appeared listens from the effect after its first frame: a person is never faster.
      await new Promise((resolve) => setTimeout(resolve, 120));
      this.child.stdin.write(key);
    }
    await new Promise((resolve) => setTimeout(resolve, 120));
  }

  /** Everything written to the terminal so far, escapes included. */
  output(): string {
    return this.raw;
  }

  /** The lines on the screen now (no scrollback), trailing spaces trimmed. */
  async screen(): Promise<string[]> {
    await this.pendingWrites;
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.rows; y += 1) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines;
  }

  /** Scrollback and screen as text. */
  async transcript(): Promise<string> {
    await this.pendingWrites;
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y += 1) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Waits until the screen shows `pattern` (or the transcript, with `{ anywhere: true }`); throws with the screen after `ms`. */
  async waitFor(pattern: string | RegExp, ms = 60_000, options: { anywhere?: boolean } = {}): Promise<string> {
    const deadline = Date.now() + ms;
    const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    for (;;) {
      const text = options.anywhere === true ? await this.transcript() : (await this.screen()).join('\n');
      if (matches(text)) return text;
      if (Date.now() > deadline) throw new Error(`the terminal did not show ${String(pattern)} within ${ms} ms; it shows:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Ends the program if it still runs. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
