/**
 * Check 4, sentinel presence: every planned partition has the sentinel the cutover wrote, at the target offset the
 * cutover report names, and the record there is this migration's sentinel for that partition (reserved key,
 * migration-id header, JSON value naming the partition). Where the offset map covers the sentinel, it must put it at
 * that same offset. Pure.
 */
import { translateOffset } from '../copy/offset-map.js';
import { parseSentinel } from '../cutover/sentinel.js';
import { isUnreadable, type PartitionFacts } from './facts.js';
import { subjectOf, type ValidationInputs } from './inputs.js';
import { CHECK_TITLES, resultOf, type CheckOutcome, type CheckProblem } from './types.js';

export function checkSentinels(inputs: Pick<ValidationInputs, 'migrationId' | 'partitions' | 'cutover'>, facts: readonly PartitionFacts[]): CheckOutcome {
  const title = CHECK_TITLES.sentinel_presence;
  if (inputs.cutover === undefined) {
    const message = 'the journal holds no cutover report (cutover.report): no sentinel offsets to check';
    return { name: 'sentinel_presence', title, result: 'FAILED', detail: message, problems: [{ severity: 'failure', subject: inputs.migrationId, message }] };
  }
  const sentinels = new Map(inputs.cutover.sentinels.map((s) => [subjectOf(s), s]));
  const byKey = new Map(facts.map((f) => [subjectOf(f), f]));
  const problems: CheckProblem[] = [];
  let found = 0;
  for (const p of inputs.partitions) {
    const subject = subjectOf(p);
    const at = { subject, topic: p.topic, partition: p.partition };
    const sentinel = sentinels.get(subject);
    if (sentinel === undefined) {
      problems.push({ severity: 'failure', ...at, message: `${subject}: the cutover report records no sentinel for this partition` });
      continue;
    }
    const where = { ...at, sourceOffset: sentinel.sourceOffset, targetOffset: sentinel.targetOffset };
    const read = byKey.get(subject)?.sentinel;
    if (read === undefined || isUnreadable(read)) {
      problems.push({ severity: 'failure', ...where, message: `${subject}: the sentinel at target offset ${sentinel.targetOffset} could not be read: ${read === undefined ? 'not read' : read.unreadable}` });
      continue;
    }
    if (read.record === null) {
      problems.push({ severity: 'failure', ...where, message: `${subject}: no record at target offset ${sentinel.targetOffset}, where the cutover saw the sentinel land${read.reason === undefined ? '' : ` (${read.reason})`}` });
      continue;
    }
    const value = parseSentinel(read.record);
    if (value === undefined || value.migration_id !== inputs.migrationId) {
      problems.push({ severity: 'failure', ...where, message: `${subject}: the record at target offset ${sentinel.targetOffset} is not ${value === undefined ? 'a sentinel' : `this migration's sentinel (it names ${value.migration_id})`}` });
      continue;
    }
    if (value.partition !== p.partition) {
      problems.push({ severity: 'failure', ...where, message: `${subject}: the sentinel at target offset ${sentinel.targetOffset} names partition ${value.partition}` });
      continue;
    }
    const position = p.position;
    if (position !== null && sentinel.sourceOffset < position.nextSourceOffset) {
      const mapped = translateOffset(position.runs, sentinel.sourceOffset, position.targetEnd ?? 0);
      if (mapped !== sentinel.targetOffset) {
        problems.push({ severity: 'failure', ...where, message: `${subject}: the offset map puts the sentinel (source offset ${sentinel.sourceOffset}) at target offset ${mapped}, the cutover report at ${sentinel.targetOffset}` });
        continue;
      }
    }
    found += 1;
  }
  const detail = `${found} of ${inputs.partitions.length} partitions hold this migration's sentinel at the offset the cutover recorded`;
  return { name: 'sentinel_presence', title, result: resultOf(problems), detail, problems };
}
