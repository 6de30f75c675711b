/**
 * Timing and memory for benchmarks: median wall time over several runs, and heap/RSS deltas around one run with
 * a garbage collection before (and, for the retained heap, after). Numbers are for comparing stages within one run
 * of one machine; report them as ratios, never as pass/fail thresholds.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Measurement {
  readonly name: string;
  readonly iterations: number;
  readonly medianMs: number;
  readonly minMs: number;
  /** Heap still held after a GC while the stage's result is alive (what the result costs to keep). */
  readonly retainedHeapBytes: number;
  /** Heap growth right after one run, before any GC (retained plus garbage). */
  readonly heapDeltaBytes: number;
  readonly rssDeltaBytes: number;
}

export interface MeasureOptions {
  readonly iterations: number;
  readonly warmup: number;
}

export function measure(name: string, fn: () => unknown, options: MeasureOptions): Measurement {
  for (let i = 0; i < options.warmup; i += 1) fn();

  gc();
  const before = process.memoryUsage();
  let kept: unknown = fn();
  const after = process.memoryUsage();
  gc();
  const retained = process.memoryUsage().heapUsed - before.heapUsed;
  if (kept === Symbol.for('never')) console.log(kept); // keeps the result alive until here
  kept = undefined;

  const times: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    iterations: options.iterations,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    minMs: times[0] ?? 0,
    retainedHeapBytes: Math.max(0, retained),
    heapDeltaBytes: after.heapUsed - before.heapUsed,
    rssDeltaBytes: after.rss - before.rss,
  };
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function ratio(value: number, baseline: number): string {
  return baseline <= 0 ? 'n/a' : `${(value / baseline).toFixed(2)}×`;
}

/** A plain text table, columns padded to their widest cell. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
