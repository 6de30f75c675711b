/**
 * A terminal screen (the emulator's cells: characters, colours, bold, dim, inverse) as an SVG picture: one <text>
 * per line, one <tspan> per run of equal style, the 256-colour xterm palette, a dark window with a title bar.
 */
import type xterm from '@xterm/headless';

const ANSI16 = ['#1d1f21', '#cc6666', '#8fbf5f', '#e0b45a', '#6f9fd8', '#b294bb', '#5fb3b3', '#c5c8c6', '#666a70', '#ff7b72', '#a5d66f', '#f0c674', '#81a2be', '#d2a8ff', '#8ae0e0', '#ffffff'];
const FOREGROUND = '#d0d3d0';
const BACKGROUND = '#1d1f21';
const CELL_W = 8.4;
const LINE_H = 18;
const FONT_SIZE = 14;
const PAD = 14;
const TITLE_H = 28;

function palette(index: number): string {
  if (index < 16) return ANSI16[index] as string;
  if (index < 232) {
    const n = index - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const [r, g, b] = [Math.floor(n / 36), Math.floor(n / 6) % 6, n % 6].map(level) as [number, number, number];
    return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
  const grey = (8 + (index - 232) * 10).toString(16).padStart(2, '0');
  return `#${grey}${grey}${grey}`;
}

function colour(cell: xterm.IBufferCell, which: 'fg' | 'bg'): string | null {
  const isDefault = which === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return null;
  const value = which === 'fg' ? cell.getFgColor() : cell.getBgColor();
  const rgb = which === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  return rgb ? `#${value.toString(16).padStart(6, '0')}` : palette(value);
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Run {
  x: number;
  text: string;
  fg: string;
  bg: string | null;
  bold: boolean;
  dim: boolean;
}

/** The screen rows `from`..`to` (default: the visible screen) as SVG; trailing empty lines are dropped. */
export function screenToSvg(term: xterm.Terminal, options: { title: string; from?: number; to?: number }): string {
  const buffer = term.buffer.active;
  const from = options.from ?? buffer.viewportY;
  let to = options.to ?? buffer.viewportY + term.rows;
  while (to > from && (buffer.getLine(to - 1)?.translateToString(true) ?? '') === '') to -= 1;
  const cell = buffer.getNullCell();
  const rows: Run[][] = [];
  for (let y = from; y < to; y += 1) {
    const line = buffer.getLine(y);
    const runs: Run[] = [];
    for (let x = 0; line !== undefined && x < term.cols; x += 1) {
      line.getCell(x, cell);
      if (cell.getWidth() === 0) continue;
      const chars = cell.getChars() || ' ';
      let fg = colour(cell, 'fg') ?? FOREGROUND;
      let bg = colour(cell, 'bg');
      if (cell.isInverse()) [fg, bg] = [bg ?? BACKGROUND, fg];
      const bold = cell.isBold() !== 0;
      const dim = cell.isDim() !== 0;
      const last = runs.at(-1);
      if (last !== undefined && last.fg === fg && last.bg === bg && last.bold === bold && last.dim === dim) last.text += chars;
      else runs.push({ x, text: chars, fg, bg, bold, dim });
    }
    rows.push(runs);
  }
  const width = Math.ceil(PAD * 2 + term.cols * CELL_W);
  const height = Math.ceil(TITLE_H + PAD * 2 + rows.length * LINE_H);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace" font-size="${FONT_SIZE}">`,
    `<rect width="${width}" height="${height}" rx="8" fill="${BACKGROUND}"/>`,
    `<rect width="${width}" height="${TITLE_H}" rx="8" fill="#2d2f31"/><rect y="${TITLE_H - 8}" width="${width}" height="8" fill="#2d2f31"/>`,
    ...['#ff5f56', '#ffbd2e', '#27c93f'].map((fill, i) => `<circle cx="${18 + i * 20}" cy="${TITLE_H / 2}" r="6" fill="${fill}"/>`),
    `<text x="${width / 2}" y="${TITLE_H / 2 + 5}" fill="#9a9da0" text-anchor="middle" font-size="13">${escape(options.title)}</text>`,
  ];
  rows.forEach((runs, row) => {
    const top = TITLE_H + PAD + row * LINE_H;
    for (const run of runs) {
      if (run.bg !== null) out.push(`<rect x="${(PAD + run.x * CELL_W).toFixed(1)}" y="${top}" width="${(run.text.length * CELL_W).toFixed(1)}" height="${LINE_H}" fill="${run.bg}"/>`);
    }
    const spans = runs
      .filter((run) => run.text.trim() !== '')
      .map((run) => `<tspan x="${(PAD + run.x * CELL_W).toFixed(1)}" fill="${run.fg}"${run.bold ? ' font-weight="bold"' : ''}${run.dim ? ' opacity="0.6"' : ''}>${escape(run.text.replace(/\s+$/, ''))}</tspan>`);
    if (spans.length > 0) out.push(`<text y="${top + LINE_H - 5}" xml:space="preserve">${spans.join('')}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
