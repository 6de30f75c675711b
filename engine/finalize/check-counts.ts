/**
 * Check 2, counts and offsets: per partition, the committed records on the target in the copied range equal the
 * committed records on the source in the copied range (within `validation.count_tolerance`), the first and the last
 * copied record sit where the offset map says on both sides, and no target log start has passed the first copied
 * record (offset floor). Also yields the reference's summary numbers (docs/finalize.md says what each counts). Pure.
 */
import { translateOffset, type OffsetRun } from '../copy/offset-map.js';
import type { SegmentRecord } from '../segments/types.js';
import { compareRecords } from './compare-records.js';
import { isUnreadable, type PartitionFacts, type RangeScan } from './facts.js';
import { subjectOf, type CopiedPartition, type ValidationInputs } from './inputs.js';
import { CHECK_TITLES, resultOf, type CheckOutcome, type CheckProblem, type CountsSummary } from './types.js';

export interface CountsCheck {
  readonly outcome: CheckOutcome;
  readonly summary: CountsSummary;
}

type Edge = 'earliest' | 'latest';

/** Why the first (or last) copied record does not line up on both sides; undefined when it does. */
function edgeMismatch(edge: Edge, runs: readonly OffsetRun[], source: RangeScan, target: RangeScan): { message: string; sourceOffset?: number; targetOffset?: number; field?: string } | undefined {
  const s: SegmentRecord | null = edge === 'earliest' ? source.first : source.last;
  const t: SegmentRecord | null = edge === 'earliest' ? target.first : target.last;
  if (s === null) return { message: `the source has no record left in the copied range ${source.from}..${source.to - 1}` };
  const expected = translateOffset(runs, Number(s.offset), target.to);
  if (t === null) return { message: `the ${edge} copied record (source offset ${s.offset}) should be at target offset ${expected}, but the target has no record in ${target.from}..${target.to - 1}`, sourceOffset: Number(s.offset), targetOffset: expected };
  if (Number(t.offset) !== expected) {
    return {
      message: `the ${edge} copied record is at source offset ${s.offset}, which the offset map puts at target offset ${expected}, but the target's ${edge} record in the copied range is at ${t.offset}`,
      sourceOffset: Number(s.offset),
      targetOffset: Number(t.offset),
    };
  }
  const differences = compareRecords(s, t).filter((difference) => !difference.expected);
  if (differences.length === 0) return undefined;
  return {
    message: `the ${edge} copied record differs: source offset ${s.offset}, target offset ${t.offset}: ${differences.map((d) => d.detail).join('; ')}`,
    sourceOffset: Number(s.offset),
    targetOffset: Number(t.offset),
    field: differences.map((d) => d.field).join(','),
  };
}

interface PartitionTally {
  behind: boolean;
  floor?: boolean;
  earliest?: boolean;
  latest?: boolean;
}

function checkPartition(p: CopiedPartition, facts: PartitionFacts | undefined, tolerance: number, gap: string | undefined, problems: CheckProblem[]): PartitionTally {
  const subject = subjectOf(p);
  const at = { subject, topic: p.topic, partition: p.partition };
  if (gap !== undefined) problems.push({ severity: 'warning', ...at, message: `${subject}: the copy reported records deleted on the source before they were copied: ${gap}` });
  if (p.position === null) {
    problems.push({ severity: 'failure', ...at, message: `${subject}: the journal holds no copy position for this partition: it was never copied` });
    return { behind: true };
  }
  const { runs, targetEnd } = p.position;
  const source = facts?.source;
  const target = facts?.target;
  if (isUnreadable(target)) {
    problems.push({ severity: 'failure', ...at, message: `${subject}: target: ${target.unreadable}` });
    return { behind: true };
  }
  if (isUnreadable(source)) {
    problems.push({ severity: 'failure', ...at, message: `${subject}: source: ${source.unreadable}` });
    return { behind: false };
  }
  if (source === undefined || target === undefined) {
    problems.push({ severity: 'failure', ...at, message: `${subject}: the partition was not read` });
    return { behind: false };
  }
  let behind = false;
  let floor = false;
  const firstTarget = runs[0]?.[1];
  if (targetEnd !== null && target.end < targetEnd) {
    behind = true;
    problems.push({ severity: 'failure', ...at, targetOffset: target.end, message: `${subject}: the target ends at offset ${target.end}, before the copied end ${targetEnd}: ${targetEnd - target.end} copied offsets are missing` });
  }
  if (firstTarget !== undefined && target.logStart > firstTarget) {
    behind = true;
    floor = true;
    problems.push({ severity: 'failure', ...at, targetOffset: firstTarget, message: `${subject}: offset floor violated: the target log start ${target.logStart} is past the first copied record (target offset ${firstTarget}); retention or delete-records removed copied data` });
  }
  if (p.seedFrom !== null && source.from > p.seedFrom) {
    problems.push({ severity: 'warning', ...at, message: `${subject}: the source log start moved from ${p.seedFrom} to ${source.from} since the seed (retention): records below ${source.from} were compared on neither side` });
  }
  const difference = target.count - source.count;
  if (difference < 0) behind = true;
  if (difference !== 0) {
    const within = Math.abs(difference) <= tolerance;
    problems.push({
      severity: within ? 'warning' : 'failure',
      ...at,
      message:
        `${subject}: ${source.count} committed records on the source in ${source.from}..${source.to - 1}, ${target.count} on the target in ${target.from}..${target.to - 1} ` +
        `(${difference > 0 ? '+' : ''}${difference}; validation.count_tolerance=${tolerance}${within ? ', within tolerance' : ''})`,
    });
  }
  if (runs.length === 0) return { behind, floor };
  const tally: PartitionTally = { behind, floor };
  for (const edge of ['earliest', 'latest'] as const) {
    const mismatch = edgeMismatch(edge, runs, source, target);
    tally[edge] = mismatch === undefined;
    if (mismatch !== undefined) {
      const { message, ...where } = mismatch;
      problems.push({ severity: 'failure', ...at, ...where, message: `${subject}: ${message}` });
    }
  }
  return tally;
}

/** After `--force-restart` the target keeps what earlier seed generations copied, below the current copied range. */
function restartWarnings(inputs: Pick<ValidationInputs, 'partitions' | 'generation'>): CheckProblem[] {
  if (inputs.generation === null || inputs.generation <= 1) return [];
  return inputs.partitions.flatMap((p) => {
    const firstTarget = p.position?.runs[0]?.[1];
    if (firstTarget === undefined || firstTarget === 0) return [];
    const subject = subjectOf(p);
    return [{
      severity: 'warning' as const,
      subject,
      topic: p.topic,
      partition: p.partition,
      targetOffset: firstTarget,
      message: `${subject}: the seed was restarted with --force-restart (generation ${inputs.generation}): target offsets below ${firstTarget} hold what an earlier generation copied (duplicates for a consumer reading from the start); only the current copy was compared`,
    }];
  });
}

export function checkCountsAndOffsets(inputs: Pick<ValidationInputs, 'partitions' | 'cutover' | 'retentionGaps' | 'settings' | 'generation'>, facts: readonly PartitionFacts[]): CountsCheck {
  const byKey = new Map(facts.map((f) => [subjectOf(f), f]));
  const problems: CheckProblem[] = restartWarnings(inputs);
  const tallies = inputs.partitions.map((p) => checkPartition(p, byKey.get(subjectOf(p)), inputs.settings.countTolerance, inputs.retentionGaps.get(subjectOf(p)), problems));
  for (const violation of inputs.cutover?.offsetFloorViolations ?? []) {
    const subject = subjectOf(violation);
    problems.push({
      severity: 'failure',
      subject,
      topic: violation.topic,
      partition: violation.partition,
      targetOffset: violation.firstCopiedTargetOffset,
      message: `${subject}: the cutover found the target log start at ${violation.targetLogStart}, past the first copied record (target offset ${violation.firstCopiedTargetOffset})`,
    });
  }
  const summary: CountsSummary = {
    partitionsChecked: tallies.length,
    targetBehindOrMissing: tallies.filter((t) => t.behind).length,
    earliestPartitionsChecked: tallies.filter((t) => t.earliest !== undefined).length,
    earliestMismatches: tallies.filter((t) => t.earliest === false).length,
    latestPartitionsChecked: tallies.filter((t) => t.latest !== undefined).length,
    latestMismatches: tallies.filter((t) => t.latest === false).length,
  };
  const scans = facts.flatMap((f) => (f.source !== undefined && !isUnreadable(f.source) && f.target !== undefined && !isUnreadable(f.target) ? [{ source: f.source, target: f.target }] : []));
  const sourceRecords = scans.reduce((sum, s) => sum + s.source.count, 0);
  const targetRecords = scans.reduce((sum, s) => sum + s.target.count, 0);
  const floor = tallies.filter((t) => t.floor === true).length + (inputs.cutover?.offsetFloorViolations.length ?? 0);
  const detail =
    `${summary.partitionsChecked} partitions: ${sourceRecords} committed records on the source and ${targetRecords} on the target in the copied ranges; ` +
    `${summary.targetBehindOrMissing} behind or missing; earliest/latest mismatches ${summary.earliestMismatches}/${summary.latestMismatches}; offset-floor violations ${floor}`;
  return { outcome: { name: 'counts_and_offsets', title: CHECK_TITLES.counts_and_offsets, result: resultOf(problems), detail, problems }, summary };
}
