/**
 * The exact source -> target offset map of one partition, kept as runs of (sourceStart, targetStart, length): a run
 * covers `length` consecutive source offsets copied to `length` consecutive target offsets. A new run starts at every
 * source offset gap (compaction, transaction markers, aborted records, retention) and wherever the target offsets do
 * not continue the previous run. Pure functions; offsets are JS numbers (exact up to 2^53).
 */

/** `[sourceStart, targetStart, length]`. */
export type OffsetRun = readonly [sourceStart: number, targetStart: number, length: number];

/**
 * The runs after `sourceOffsets` (ascending) were written to the target at `targetBase`, `targetBase + 1`, ...
 * (one produce request: the broker appends one batch, so its base offset gives every record's target offset).
 * Returns a new array; the input is not changed.
 */
export function appendCopied(runs: readonly OffsetRun[], sourceOffsets: readonly number[], targetBase: number): OffsetRun[] {
  const out = [...runs];
  sourceOffsets.forEach((source, index) => {
    const target = targetBase + index;
    const last = out[out.length - 1];
    if (last !== undefined) {
      const [s, t, n] = last;
      if (source < s + n) throw new RangeError(`source offset ${source} goes back into a copied run (${s}..${s + n - 1})`);
      if (s + n === source && t + n === target) {
        out[out.length - 1] = [s, t, n + 1];
        return;
      }
    }
    out.push([source, target, 1]);
  });
  return out;
}

/** Records covered by the runs. */
export function copiedCount(runs: readonly OffsetRun[]): number {
  return runs.reduce((sum, [, , n]) => sum + n, 0);
}

/**
 * Where a consumer committed at source offset `committed` continues on the target: the target offset of the first
 * copied record whose source offset is >= `committed`; at or past the copied end, `targetEnd`. Exact: nothing re-read,
 * nothing skipped.
 */
export function translateOffset(runs: readonly OffsetRun[], committed: number, targetEnd: number): number {
  let low = 0;
  let high = runs.length - 1;
  let answer = targetEnd;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [s, t, n] = runs[middle] as OffsetRun;
    if (committed < s) {
      answer = t;
      high = middle - 1;
    } else if (committed < s + n) {
      return t + (committed - s);
    } else {
      low = middle + 1;
    }
  }
  return answer;
}
