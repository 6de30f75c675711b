/**
 * Resume reconciliation: before a copy (re)starts from the journal's positions, make the positions agree with what the
 * target really holds. A crash (kill -9) between a produce and the checkpoint that records it leaves records on the
 * target past the journal's `targetEnd`. They are read back from the target and matched, in order, against the next
 * committed source records from `nextSourceOffset` (key, value, headers in order, timestamp): when every one matches,
 * the position moves past them exactly as if the produce answers had been seen (nothing is produced again, nothing is
 * skipped). When they do not match, the target holds records this migration did not write: a problem naming the
 * partition, the target offsets and why, which the orchestrator turns into a blocker. See docs/design/copy.md,
 * "Crash safety: resume reconciliation".
 */
import { z } from 'zod';
import { MigrationError } from '../errors.js';
import { defineCheckpoint } from '../journal/index.js';
import { mapLimit } from '../kafka/map-limit.js';
import type { SegmentRecord } from '../segments/types.js';
import { appendCopied } from './offset-map.js';
import { partitionKey, type PartitionPosition, type PartitionRef } from './positions.js';
import type { FetchOptions, PartitionReader } from './record-ports.js';

const offset = z.number().int().nonnegative();

/**
 * Each target partition's log start and end offset when a seed generation began, before it wrote anything: where the
 * records of a partition the journal never saw copied would start.
 */
export const TARGET_BASELINE = defineCheckpoint(
  'copy.target_baseline',
  z.object({
    generation: z.number().int().positive(),
    partitions: z.array(z.object({ topic: z.string(), partition: z.number().int().nonnegative(), logStart: offset, end: offset })),
  }),
);
export type TargetBaseline = ReturnType<typeof TARGET_BASELINE.parse>;

/** Records found on the target past the journal, matched with the source and taken into the positions. */
export const COPY_RECONCILED = defineCheckpoint(
  'copy.reconciled',
  z.object({
    generation: z.number().int().positive(),
    partitions: z.array(
      z.object({
        topic: z.string(),
        partition: z.number().int().nonnegative(),
        /** Target offsets [targetFrom, targetTo) matched source offsets [sourceFrom, sourceTo) (gaps included). */
        targetFrom: offset,
        targetTo: offset,
        sourceFrom: offset,
        sourceTo: offset,
        records: offset,
      }),
    ),
  }),
);
export type ReconciledRange = ReturnType<typeof COPY_RECONCILED.parse>['partitions'][number];

export interface ReconcileReaders {
  readonly source: PartitionReader;
  readonly target: PartitionReader;
}

/** A target partition the copy must not write to, and why. */
export interface ForeignRecordsProblem extends PartitionRef {
  /** Target offsets concerned, [from, to). */
  readonly targetFrom: number;
  readonly targetTo: number;
  readonly reason: string;
}

export interface TargetOffsets extends PartitionRef {
  readonly logStart: number;
  readonly end: number;
}

const FETCH: FetchOptions = { maxBytes: 4 * 1024 * 1024, maxWaitMs: 0 };
const CONCURRENT_PARTITIONS = 4;

/** Key, value and header bytes of a record, as the copy counts them. */
export function recordSize(record: Pick<SegmentRecord, 'key' | 'value' | 'headers'>): number {
  let sum = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const header of record.headers) sum += Buffer.byteLength(header.key) + (header.value?.length ?? 0);
  return sum;
}

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null): boolean => (a === null || b === null ? a === b : Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b));

const describeBytes = (bytes: Uint8Array | null): string => (bytes === null ? 'null' : `${bytes.length} bytes`);

/**
 * Why the target record is not the copy of the source record, or undefined when it is: key, value, headers (in order,
 * null distinct from empty) and, when both are CreateTime, the timestamp (a LogAppendTime topic re-stamps records).
 */
export function recordDifference(source: SegmentRecord, target: SegmentRecord): string | undefined {
  if (!sameBytes(source.key, target.key)) return `the key differs (source ${describeBytes(source.key)}, target ${describeBytes(target.key)})`;
  if (!sameBytes(source.value, target.value)) return `the value differs (source ${describeBytes(source.value)}, target ${describeBytes(target.value)})`;
  const sh = source.headers;
  const th = target.headers;
  const headersMatch = sh.length === th.length && sh.every((h, i) => h.key === th[i]?.key && sameBytes(h.value, th[i]?.value ?? null));
  if (!headersMatch) return `the headers differ (source [${sh.map((h) => h.key).join(',')}], target [${th.map((h) => h.key).join(',')}])`;
  if (source.timestampType === 'CreateTime' && target.timestampType === 'CreateTime' && source.timestamp !== target.timestamp) {
    return `the timestamp differs (source ${source.timestamp}, target ${target.timestamp})`;
  }
  return undefined;
}

/** Partitions of a first seed generation's target that already hold records: the copy writes into empty ones only. */
export function nonEmptyPartitions(offsets: readonly TargetOffsets[]): ForeignRecordsProblem[] {
  return offsets
    .filter((o) => o.end > o.logStart)
    .map((o) => ({
      topic: o.topic,
      partition: o.partition,
      targetFrom: o.logStart,
      targetTo: o.end,
      reason: `the target partition already holds ${o.end - o.logStart} record(s) before the first seed wrote anything: records not written by this migration`,
    }));
}

/**
 * Committed records of one partition from an offset on, one fetch at a time: at most one fetch's records are held, so
 * reconciling a large stretch past the journal takes little memory. `failure` says why a read stopped early.
 */
class RecordCursor {
  private buffer: readonly SegmentRecord[] = [];
  private index = 0;
  private next: bigint;
  private taken = 0;
  failure: string | undefined;

  constructor(
    private readonly reader: PartitionReader,
    private readonly ref: PartitionRef,
    private readonly from: bigint,
    private readonly side: 'source' | 'target',
  ) {
    this.next = from;
  }

  /** The next committed record (below `to` when given); undefined at `to`, or when no more can be read. */
  async take(to?: bigint): Promise<SegmentRecord | undefined> {
    while (this.index >= this.buffer.length) {
      if (this.failure !== undefined || (to !== undefined && this.next >= to)) return undefined;
      let answer;
      try {
        answer = await this.reader.fetch(this.ref, this.next, FETCH);
      } catch (error) {
        this.failure = `the ${this.side} could not be read from offset ${this.next}: ${(error as Error).message}`;
        return undefined;
      }
      const from = this.next;
      this.buffer = answer.records.filter((record) => record.offset >= from && (to === undefined || record.offset < to));
      this.index = 0;
      if (answer.nextOffset <= from) {
        const stable = answer.lastStableOffset < answer.highWatermark ? ` (last stable offset ${answer.lastStableOffset}: an open transaction)` : '';
        this.failure =
          to === undefined
            ? `the ${this.side} holds only ${this.taken} committed record(s) from offset ${this.from} up to ${answer.highWatermark}${stable}`
            : `the ${this.side} offsets ${from}..${to - 1n} are not readable with read_committed${stable}`;
      }
      this.next = answer.nextOffset;
    }
    this.taken += 1;
    return this.buffer[this.index++];
  }
}

export interface ReconcileOptions {
  /** Target end offset when the current generation began, for partitions the journal never saw copied. */
  readonly baseline: ReadonlyMap<string, number>;
  /** Per partition: source offsets at or past this count as the tail's replay (the seed boundary's end). */
  readonly tailFrom: ReadonlyMap<string, number>;
}

export interface ReconcileResult {
  readonly positions: PartitionPosition[];
  /** Partitions whose position moved over records found on the target. */
  readonly reconciled: ReconciledRange[];
  /** Partitions holding records this migration did not write (or lost records it did): the copy must not start. */
  readonly problems: ForeignRecordsProblem[];
}

/** Where the position's records end on the target: the journal's targetEnd, else the generation's baseline. */
function expectedEnd(position: PartitionPosition, target: TargetOffsets, options: ReconcileOptions): number {
  return position.targetEnd ?? options.baseline.get(partitionKey(position)) ?? target.logStart;
}

async function reconcilePartition(
  position: PartitionPosition,
  target: TargetOffsets,
  readers: ReconcileReaders,
  options: ReconcileOptions,
): Promise<{ position: PartitionPosition; range?: ReconciledRange; problem?: ForeignRecordsProblem }> {
  const from = expectedEnd(position, target, options);
  const problem = (reason: string, targetFrom = from, targetTo = target.end) => ({ position, problem: { topic: position.topic, partition: position.partition, targetFrom, targetTo, reason } });
  if (target.end === from) return { position };
  if (target.end < from) {
    return problem(`the target partition ends at ${target.end} but this migration's records end at ${from}: records it wrote are gone (topic deleted and re-created, or truncated)`, target.end, from);
  }
  if (target.logStart > from) return problem(`the target's log start ${target.logStart} is past ${from}: the records past the journal were deleted on the target and cannot be checked`);
  const onTarget = new RecordCursor(readers.target, position, BigInt(from), 'target');
  const onSource = new RecordCursor(readers.source, position, BigInt(position.nextSourceOffset), 'source');
  const sourceOffsets: number[] = [];
  const sizes: number[] = [];
  // Our records run one per target offset from `from`; each is matched with the next committed source record.
  for (let expected = from; expected < target.end; expected += 1) {
    const record = await onTarget.take(BigInt(target.end));
    if (record === undefined || Number(record.offset) !== expected) {
      return problem(onTarget.failure ?? `target offset ${expected} holds no readable record (written by another producer, or compacted on the target)`);
    }
    const source = await onSource.take();
    if (source === undefined) return problem(`target offset ${expected} has no source record to match: ${onSource.failure}: records not written by this migration`);
    const difference = recordDifference(source, record);
    if (difference !== undefined) {
      return problem(`target offset ${record.offset} is not the copy of source offset ${source.offset} (${difference}): records not written by this migration`);
    }
    sourceOffsets.push(Number(source.offset));
    sizes.push(recordSize(source));
  }
  const runs = appendCopied(position.runs, sourceOffsets, from);
  const tailFrom = options.tailFrom.get(partitionKey(position)) ?? Number.POSITIVE_INFINITY;
  const tail = sourceOffsets.flatMap((s, i) => (s >= tailFrom ? [sizes[i] as number] : []));
  const sourceTo = (sourceOffsets[sourceOffsets.length - 1] as number) + 1;
  return {
    position: {
      ...position,
      runs,
      nextSourceOffset: sourceTo,
      targetEnd: target.end,
      records: position.records + sourceOffsets.length,
      bytes: position.bytes + sizes.reduce((a, b) => a + b, 0),
      tailRecords: position.tailRecords + tail.length,
      tailBytes: position.tailBytes + tail.reduce((a, b) => a + b, 0),
    },
    range: { topic: position.topic, partition: position.partition, targetFrom: from, targetTo: target.end, sourceFrom: position.nextSourceOffset, sourceTo, records: sourceOffsets.length },
  };
}

/**
 * Compares every partition's target end with where the journal says its records end, and takes matching records past
 * it into the positions. Reads only partitions whose target moved; never writes.
 */
export async function reconcilePositions(positions: readonly PartitionPosition[], readers: ReconcileReaders, options: ReconcileOptions): Promise<ReconcileResult> {
  if (positions.length === 0) return { positions: [], reconciled: [], problems: [] };
  const targets = new Map((await readers.target.offsets(positions)).map((o) => [partitionKey(o), { topic: o.topic, partition: o.partition, logStart: Number(o.logStart), end: Number(o.end) }]));
  const results = await mapLimit(positions, CONCURRENT_PARTITIONS, async (position) => {
    const target = targets.get(partitionKey(position));
    if (target === undefined) {
      return { position, problem: { topic: position.topic, partition: position.partition, targetFrom: 0, targetTo: 0, reason: 'the target has no such partition' } };
    }
    return reconcilePartition(position, target, readers, options);
  });
  return {
    positions: results.map((r) => r.position),
    reconciled: results.flatMap((r) => (r.range === undefined ? [] : [r.range])),
    problems: results.flatMap((r) => (r.problem === undefined ? [] : [r.problem])),
  };
}

export const FOREIGN_RECORDS_FINDING = 'COPY_TARGET_NOT_OURS';

/** One line per partition: `<topic>-<partition> target offsets a..b: why`. */
export function describeProblem(problem: ForeignRecordsProblem): string {
  const range = problem.targetTo > problem.targetFrom + 1 ? `target offsets ${problem.targetFrom}..${problem.targetTo - 1}` : `target offset ${problem.targetFrom}`;
  return `${problem.topic}-${problem.partition} ${range}: ${problem.reason}`;
}

/** The blocker that stops the copy: every partition named, nothing written. */
export function foreignRecordsError(problems: readonly ForeignRecordsProblem[]): MigrationError {
  return new MigrationError({
    code: 'TARGET_FOREIGN_RECORDS',
    message: `blocker ${FOREIGN_RECORDS_FINDING}: the copy does not write to target partitions holding records this migration did not write; nothing was written: ${problems.map(describeProblem).join('; ')}`,
    hint: 'Find out who writes to the target topic and stop it; `status` shows what this migration copied. If the records on the target are not needed, delete the target topic and start a new migration (topology copy creates it again).',
  });
}
