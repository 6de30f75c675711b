/** The lag table's columns for a terminal width: which are shown and how wide, so that a row never exceeds `width`. */
import type { LagTableRow } from './lag-table-model.js';
import { fit, formatCount, formatShort } from './format.js';

export interface LagColumns {
  readonly topic: number;
  readonly partition: number;
  readonly copied: number;
  readonly sourceEnd: number;
  readonly lag: number;
  readonly bar: number;
  readonly rate: number;
  readonly state: number;
}

const sep = (n: number): number => (n > 0 ? n + 1 : 0);

/** Wide terminals get every column; 80–99 drop COPIED and shorten the bar; under 80 also END, the bar and (under 70) RATE. */
export function lagColumns(width: number): LagColumns {
  const copied = width >= 100 ? 12 : 0;
  const sourceEnd = width >= 80 ? 12 : 0;
  const bar = width >= 100 ? 12 : width >= 80 ? 6 : 0;
  const rate = width >= 70 ? 8 : 0;
  const partition = 5;
  const lag = width >= 80 ? 11 : 8;
  const state = 9;
  const used = 1 + sep(partition) + sep(copied) + sep(sourceEnd) + sep(lag) + sep(bar) + sep(rate) + state;
  return { topic: Math.max(4, width - used), partition, copied, sourceEnd, lag, bar, rate, state };
}

export function lagHeader(c: LagColumns): string {
  return [
    fit('TOPIC', c.topic),
    fit('P', c.partition, 'right'),
    c.copied > 0 ? fit('COPIED TO', c.copied, 'right') : null,
    c.sourceEnd > 0 ? fit('SOURCE END', c.sourceEnd, 'right') : null,
    fit('LAG', c.lag, 'right'),
    c.bar > 0 ? fit('', c.bar) : null,
    c.rate > 0 ? fit('REC/S', c.rate, 'right') : null,
    fit('STATE', c.state),
  ]
    .filter((cell) => cell !== null)
    .join(' ');
}

/** A row's cells before the state cell (which the component colours), joined, ending in a space. */
export function lagCells(row: LagTableRow, c: LagColumns, maxLag: number): string {
  const number = (n: number, w: number) => (String(n).length + Math.floor(String(n).length / 3) <= w ? formatCount(n) : formatShort(n));
  const filled = c.bar > 0 && maxLag > 0 ? Math.round((row.lag / maxLag) * c.bar) : 0;
  const cells = [
    fit(row.topic, c.topic),
    fit(row.partition === null ? `×${row.partitions}` : String(row.partition), c.partition, 'right'),
    c.copied > 0 ? fit(number(row.copied, c.copied), c.copied, 'right') : null,
    c.sourceEnd > 0 ? fit(number(row.sourceEnd, c.sourceEnd), c.sourceEnd, 'right') : null,
    fit(number(row.lag, c.lag), c.lag, 'right'),
    c.bar > 0 ? ('▇'.repeat(filled) + ' '.repeat(c.bar - filled)) : null,
    c.rate > 0 ? fit(row.rate === null ? '—' : formatShort(row.rate), c.rate, 'right') : null,
  ];
  return `${cells.filter((cell) => cell !== null).join(' ')} `;
}
