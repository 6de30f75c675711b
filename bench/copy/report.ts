/** The copy bench's figures: the table, the ratios against the targets, and the JSON shape. */
import { mib, textTable } from '../measure.js';

export interface FigureRow {
  readonly name: string;
  readonly records: number;
  /** Payload bytes. */
  readonly bytes: number;
  readonly seconds: number;
  readonly peakRssBytes?: number | undefined;
  readonly note?: string | undefined;
}

export interface CopyBenchReport {
  readonly machine: string;
  readonly dataSet: string;
  readonly rows: readonly FigureRow[];
  readonly ratios: readonly RatioLine[];
  readonly notes: readonly string[];
}

export interface RatioLine {
  readonly name: string;
  readonly value: number | undefined;
  /** The target, and which side of it is good. */
  readonly target: number;
  readonly better: 'higher' | 'lower';
  readonly unit: 'x' | 'MiB';
}

const MB = 1024 * 1024;

export const mbPerSecond = (row: Pick<FigureRow, 'bytes' | 'seconds'>): number => (row.seconds > 0 ? row.bytes / MB / row.seconds : 0);
export const recordsPerSecond = (row: Pick<FigureRow, 'records' | 'seconds'>): number => (row.seconds > 0 ? row.records / row.seconds : 0);

/** The copy ceiling: the slower of Kafka's own producer and consumer, in MB/s (records/s from the same row). */
export function ceilingOf(producer: FigureRow, consumer: FigureRow): FigureRow {
  const slower = mbPerSecond(producer) <= mbPerSecond(consumer) ? producer : consumer;
  return { name: 'ceiling = min(producer, consumer)', records: slower.records, bytes: slower.bytes, seconds: slower.seconds, note: `the ${slower === producer ? 'producer' : 'consumer'}` };
}

export function verdict(line: RatioLine): string {
  if (line.value === undefined) return 'not measured';
  const meets = line.better === 'higher' ? line.value >= line.target : line.value <= line.target;
  if (meets) return 'meets target';
  return line.better === 'higher' ? 'below target' : 'above target';
}

export function formatRatioValue(line: RatioLine): string {
  if (line.value === undefined) return 'n/a';
  return line.unit === 'MiB' ? `${line.value.toFixed(1)} MiB` : `${line.value.toFixed(2)}×`;
}

export function formatTarget(line: RatioLine): string {
  const sign = line.better === 'higher' ? '>=' : '<=';
  return line.unit === 'MiB' ? `${sign} ${line.target} MiB` : `${sign} ${line.target.toFixed(2)}×`;
}

/** ours / baseline in MB/s, or undefined when either side was not measured. */
export function throughputRatio(ours: FigureRow | undefined, baseline: FigureRow | undefined): number | undefined {
  if (ours === undefined || baseline === undefined) return undefined;
  const base = mbPerSecond(baseline);
  return base > 0 ? mbPerSecond(ours) / base : undefined;
}

export function renderReport(report: CopyBenchReport): string {
  const table = textTable(
    ['', 'MB/s', 'records/s', 'seconds', 'records', 'peak RSS', 'note'],
    report.rows.map((row) => [
      row.name,
      // A row without a copy (the RSS baseline) shows its memory only.
      ...(row.seconds > 0 ? [mbPerSecond(row).toFixed(1), Math.round(recordsPerSecond(row)).toLocaleString('en'), row.seconds.toFixed(1), row.records.toLocaleString('en')] : ['', '', '', '']),
      row.peakRssBytes === undefined ? '' : mib(row.peakRssBytes),
      row.note ?? '',
    ]),
  );
  const ratios = textTable(
    ['ratio', 'measured', 'target', ''],
    report.ratios.map((line) => [line.name, formatRatioValue(line), formatTarget(line), verdict(line)]),
  );
  return [`copy bench: ${report.dataSet}`, report.machine, '', table, '', ratios, ...(report.notes.length > 0 ? ['', ...report.notes] : [])].join('\n');
}

export function reportJson(report: CopyBenchReport): unknown {
  return {
    machine: report.machine,
    dataSet: report.dataSet,
    rows: report.rows.map((row) => ({ ...row, mbPerSecond: Number(mbPerSecond(row).toFixed(2)), recordsPerSecond: Math.round(recordsPerSecond(row)) })),
    ratios: report.ratios.map((line) => ({ ...line, verdict: verdict(line) })),
    notes: report.notes,
  };
}

