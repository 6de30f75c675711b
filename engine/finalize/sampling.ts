/**
 * Which copied records the spot check reads: the earliest and the latest copied record of a partition, plus
 * `validation.spot_check_records_per_partition` others drawn at random (seeded by the migration id and the partition,
 * so a re-run reads the same ones) from every copied record. The cutover sentinels are left out: the sentinel check
 * reads those. Each sample carries the target offset the exact offset map gives it. Pure.
 */
import { createHash } from 'node:crypto';
import { translateOffset, type OffsetRun } from '../copy/offset-map.js';

export type SampleRole = 'earliest' | 'latest' | 'sample';

export interface SampleSpot {
  readonly role: SampleRole;
  readonly sourceOffset: number;
  readonly targetOffset: number;
}

/** A random source in [0, 1) from a string seed (sha256, then mulberry32). */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  // 53 random bits: exact for any offset index a partition can hold.
  return () => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
}

/** The source offset of the `index`-th copied record (0-based, in offset order). */
function offsetAt(runs: readonly OffsetRun[], index: number): number {
  let rest = index;
  for (const [start, , length] of runs) {
    if (rest < length) return start + rest;
    rest -= length;
  }
  throw new RangeError(`record index ${index} is past the copied records`);
}

function* forward(runs: readonly OffsetRun[]): Generator<number> {
  for (const [start, , length] of runs) for (let o = start; o < start + length; o += 1) yield o;
}

function* backward(runs: readonly OffsetRun[]): Generator<number> {
  for (let r = runs.length - 1; r >= 0; r -= 1) {
    const [start, , length] = runs[r] as OffsetRun;
    for (let o = start + length - 1; o >= start; o -= 1) yield o;
  }
}

function inRuns(runs: readonly OffsetRun[], offset: number): boolean {
  return runs.some(([start, , length]) => offset >= start && offset < start + length);
}

function firstNotIn(offsets: Generator<number>, exclude: ReadonlySet<number>): number | undefined {
  for (const offset of offsets) if (!exclude.has(offset)) return offset;
  return undefined;
}

/**
 * The spots to compare in one partition: earliest, latest and up to `count` random others, sorted by source offset.
 * Empty when nothing but excluded records (sentinels) was copied.
 */
export function chooseSamples(runs: readonly OffsetRun[], count: number, seed: string, exclude: ReadonlySet<number> = new Set()): SampleSpot[] {
  const total = runs.reduce((sum, [, , n]) => sum + n, 0);
  const earliest = firstNotIn(forward(runs), exclude);
  const latest = firstNotIn(backward(runs), exclude);
  if (earliest === undefined || latest === undefined) return [];
  const targetEnd = runs.length === 0 ? 0 : (runs[runs.length - 1] as OffsetRun)[1] + (runs[runs.length - 1] as OffsetRun)[2];
  const spot = (role: SampleRole, sourceOffset: number): SampleSpot => ({ role, sourceOffset, targetOffset: translateOffset(runs, sourceOffset, targetEnd) });
  const chosen = new Map<number, SampleSpot>([[earliest, spot('earliest', earliest)]]);
  if (latest !== earliest) chosen.set(latest, spot('latest', latest));
  const wanted = chosen.size + count;
  const available = total - [...exclude].filter((offset) => inRuns(runs, offset)).length;
  if (available <= wanted) {
    // Few records: every one of them.
    for (const offset of forward(runs)) if (!exclude.has(offset) && !chosen.has(offset)) chosen.set(offset, spot('sample', offset));
  } else {
    const random = seededRandom(seed);
    // Distinct draws; the bound on attempts only matters when exclusions crowd the range.
    for (let attempt = 0; chosen.size < wanted && attempt < wanted * 20; attempt += 1) {
      const offset = offsetAt(runs, Math.floor(random() * total));
      if (!exclude.has(offset) && !chosen.has(offset)) chosen.set(offset, spot('sample', offset));
    }
  }
  return [...chosen.values()].sort((a, b) => a.sourceOffset - b.sourceOffset);
}
