/**
 * The exact comparison an operator would make after a copy: every target partition holds the source's committed
 * records, record by record (key, value, headers in their real order through the wire reader, timestamp), nothing
 * more (no duplicate) and nothing less (no gap); and the journal's offset map translates every source offset
 * (gap offsets included) to the target offset of the next copied record, or the target end.
 */
import { translateOffset, type OffsetRun } from '../../engine/copy/offset-map.js';
import { partitionKey, type PartitionRef } from '../../engine/copy/positions.js';
import type { PartitionReader } from '../../engine/copy/record-ports.js';
import { recordDifference } from '../../engine/copy/reconcile.js';
import { createWireReader } from '../../engine/kafka/records/index.js';
import type { SegmentRecord } from '../../engine/segments/types.js';

/** Every committed record of the partition in [from, to), read with read_committed through `reader`. */
export async function readCommitted(reader: PartitionReader, ref: PartitionRef, from: bigint, to: bigint): Promise<SegmentRecord[]> {
  const records: SegmentRecord[] = [];
  let next = from;
  while (next < to) {
    const answer = await reader.fetch(ref, next, { maxBytes: 8 * 1024 * 1024, maxWaitMs: 0 });
    for (const record of answer.records) if (record.offset >= next && record.offset < to) records.push(record);
    if (answer.nextOffset <= next) throw new Error(`${ref.topic}-${ref.partition}: no progress reading from ${next} (high watermark ${answer.highWatermark}, last stable ${answer.lastStableOffset})`);
    next = answer.nextOffset;
  }
  return records;
}

/** The journal's final word on one partition (the last `copy.positions` checkpoint). */
export interface CopiedPartition extends PartitionRef {
  readonly runs: readonly OffsetRun[];
  readonly targetEnd: number | null;
  readonly nextSourceOffset: number;
}

export interface PartitionComparison extends PartitionRef {
  readonly sourceRecords: number;
  readonly targetRecords: number;
  /** Source offsets without a committed record (compaction, markers, aborts) below the source end. */
  readonly sourceGaps: number;
  readonly offsetsTranslated: number;
  /** Everything wrong with the partition; empty when the copy is exact. */
  readonly problems: string[];
  /** The source records as read (for callers that check what the corpus holds). */
  readonly source: readonly SegmentRecord[];
}

const MAX_PROBLEMS = 5;

/** Compares one partition; `copied` is the journal's position for it (undefined: the journal does not know it). */
export async function comparePartition(readers: Readers, ref: PartitionRef, copied: CopiedPartition | undefined): Promise<PartitionComparison> {
  const [[sourceRange], [targetRange]] = await Promise.all([readers.source.offsets([ref]), readers.target.offsets([ref])]);
  if (sourceRange === undefined || targetRange === undefined) throw new Error(`${partitionKey(ref)}: no offsets`);
  const [source, target] = await Promise.all([
    readCommitted(readers.source, ref, sourceRange.logStart, sourceRange.end),
    readCommitted(readers.target, ref, targetRange.logStart, targetRange.end),
  ]);
  const problems: string[] = [];
  const name = `${ref.topic}-${ref.partition}`;
  const add = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(`${name}: ${problem}`);
  };
  if (target.length !== source.length) add(`the target holds ${target.length} record(s), the source ${source.length} committed record(s)`);
  const contiguous = target.every((record, i) => record.offset === targetRange.logStart + BigInt(i));
  if (!contiguous || targetRange.end - targetRange.logStart !== BigInt(target.length)) add(`target offsets ${targetRange.logStart}..${targetRange.end - 1n} are not one record each`);
  for (let i = 0; i < Math.min(source.length, target.length); i += 1) {
    const difference = recordDifference(source[i] as SegmentRecord, target[i] as SegmentRecord);
    if (difference !== undefined) add(`source offset ${source[i]?.offset} vs target offset ${target[i]?.offset}: ${difference}`);
  }

  let translated = 0;
  if (copied === undefined) {
    if (source.length > 0) add('the journal has no position for this partition');
  } else {
    const targetEnd = Number(targetRange.end);
    if (copied.nextSourceOffset < Number(sourceRange.end)) add(`the journal's position ${copied.nextSourceOffset} is before the source end ${sourceRange.end}`);
    if ((copied.targetEnd ?? Number(targetRange.logStart)) !== targetEnd) add(`the journal's target end ${copied.targetEnd} is not the target's end ${targetEnd}`);
    // Every source offset from 0 to the end: the target offset of the first copied record at or after it, else the end.
    let next = 0;
    for (let offset = 0; offset <= Number(sourceRange.end); offset += 1) {
      while (next < source.length && Number((source[next] as SegmentRecord).offset) < offset) next += 1;
      const expected = next < target.length ? Number((target[next] as SegmentRecord).offset) : targetEnd;
      const actual = translateOffset(copied.runs, offset, targetEnd);
      if (actual !== expected) add(`source offset ${offset} translates to ${actual}, expected ${expected}`);
      translated += 1;
    }
  }
  const sourceGaps = Number(sourceRange.end - sourceRange.logStart) - source.length;
  return { topic: ref.topic, partition: ref.partition, sourceRecords: source.length, targetRecords: target.length, sourceGaps, offsetsTranslated: translated, problems, source };
}

/** Compares every partition (sequentially: the bed is shared); `positions` from the journal's last `copy.positions`. */
export async function comparePartitions(
  readers: Readers,
  refs: readonly PartitionRef[],
  positions: readonly CopiedPartition[],
): Promise<PartitionComparison[]> {
  const byKey = new Map(positions.map((p) => [partitionKey(p), p]));
  const out: PartitionComparison[] = [];
  for (const ref of refs) out.push(await comparePartition(readers, ref, byKey.get(partitionKey(ref))));
  return out;
}

/** The partitions of the last `copy.positions` checkpoint among raw journal entries (as execute-support reads them). */
export function finalPositions(entries: ReadonlyArray<Record<string, any>>): CopiedPartition[] {
  const last = entries.filter((e) => e.kind === 'checkpoint' && e.name === 'copy.positions').at(-1);
  return (last?.payload?.partitions ?? []) as CopiedPartition[];
}

/** Everything the comparisons found wrong, one line each (empty when every partition is exact). */
export const problemsOf = (comparisons: readonly PartitionComparison[]): string[] => comparisons.flatMap((c) => c.problems);

export interface Readers {
  readonly source: PartitionReader;
  readonly target: PartitionReader;
}

/** Wire readers on the bed's PLAINTEXT listeners (bootstrap strings as in .testbed/env). */
export async function bedReaders(sourceBootstrap: string, targetBootstrap: string, clientId: string): Promise<Readers> {
  const connection = (bootstrap: string, role: string) => ({ clientId: `${clientId}-${role}`, brokers: bootstrap.split(','), auth: { mode: 'plaintext' as const }, tls: { enabled: false } });
  const [source, target] = await Promise.all([createWireReader(connection(sourceBootstrap, 'source')), createWireReader(connection(targetBootstrap, 'target'))]);
  return { source, target };
}
