/**
 * Check 3, spot-check records: in every partition, the earliest and latest copied records and
 * `validation.spot_check_records_per_partition` sampled ones, read from the source and, through the exact offset map,
 * from the target, must be byte-equal in key, value, headers (in order) and timestamp. A partition with nothing to
 * sample is a warning that says so, never a silent pass. Pure.
 */
import { compareRecords } from './compare-records.js';
import { isUnreadable, type PartitionFacts } from './facts.js';
import { subjectOf, type ValidationInputs } from './inputs.js';
import { CHECK_TITLES, resultOf, type CheckOutcome, type CheckProblem } from './types.js';

export function checkSpotRecords(inputs: Pick<ValidationInputs, 'partitions' | 'cutover' | 'settings'>, facts: readonly PartitionFacts[]): CheckOutcome {
  const byKey = new Map(facts.map((f) => [subjectOf(f), f]));
  const sentinels = new Set((inputs.cutover?.sentinels ?? []).map((s) => subjectOf(s)));
  const problems: CheckProblem[] = [];
  let compared = 0;
  let mismatched = 0;
  let sampledPartitions = 0;
  let appendTimeOnly = 0;
  let nothing = 0;
  for (const p of inputs.partitions) {
    const subject = subjectOf(p);
    const at = { subject, topic: p.topic, partition: p.partition };
    const f = byKey.get(subject);
    if (p.position === null || f === undefined || f.samples.length === 0) {
      const copied = p.position?.runs.reduce((sum, [, , n]) => sum + n, 0) ?? 0;
      const why =
        p.position === null
          ? 'it was never copied'
          : copied > 0 && sentinels.has(subject)
            ? 'the only copied record is the cutover sentinel (the partition was empty)'
            : 'no records were copied (the partition was empty)';
      problems.push({ severity: 'warning', ...at, message: `${subject}: nothing to sample: ${why}` });
      nothing += 1;
      continue;
    }
    if (isUnreadable(f.source) || isUnreadable(f.target) || f.source === undefined || f.target === undefined) {
      const reason = isUnreadable(f.source) ? `source: ${f.source.unreadable}` : isUnreadable(f.target) ? `target: ${f.target.unreadable}` : 'not read';
      problems.push({ severity: 'failure', ...at, message: `${subject}: records could not be compared: ${reason}` });
      continue;
    }
    sampledPartitions += 1;
    for (const spot of f.samples) {
      const where = { ...at, sourceOffset: spot.sourceOffset, targetOffset: spot.targetOffset };
      const label = `${subject}: ${spot.role === 'sample' ? 'sampled' : spot.role} record, source offset ${spot.sourceOffset} -> target offset ${spot.targetOffset}`;
      const source = f.source.kept.get(spot.sourceOffset);
      if (source === undefined) {
        problems.push({ severity: 'warning', ...where, message: `${label}: the source no longer holds this record (compacted or deleted since the copy): not compared` });
        continue;
      }
      const target = f.target.kept.get(spot.targetOffset);
      compared += 1;
      if (target === undefined) {
        mismatched += 1;
        problems.push({ severity: 'failure', ...where, field: 'record', message: `${label}: the target has no record at offset ${spot.targetOffset}` });
        continue;
      }
      const differences = compareRecords(source, target);
      const real = differences.filter((d) => !d.expected);
      if (differences.length > 0 && real.length === 0) appendTimeOnly += 1;
      if (real.length === 0) continue;
      mismatched += 1;
      for (const difference of real) {
        problems.push({ severity: 'failure', ...where, field: difference.field, message: `${label}: ${difference.field} differs: ${difference.detail}` });
      }
    }
  }
  const detail =
    `${compared} records compared in ${sampledPartitions} partitions (earliest, latest and ${inputs.settings.spotCheckRecordsPerPartition} sampled per partition): ` +
    `${mismatched} mismatched${nothing > 0 ? `; ${nothing} partitions with nothing to sample` : ''}` +
    `${appendTimeOnly > 0 ? `; ${appendTimeOnly} differ only by LogAppendTime stamps (expected)` : ''}`;
  return { name: 'spot_check_records', title: CHECK_TITLES.spot_check_records, result: resultOf(problems), detail, problems };
}
