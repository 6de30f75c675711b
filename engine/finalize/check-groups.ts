/**
 * Check 5, consumer group reconciliation: every offset the cutover translated and committed is committed on the
 * target now. A committed offset past the translated one is the group's consumers at work on the target since the
 * switch (fine, counted); one behind it means the group will re-read records (reset by hand?), a warning; a missing
 * one fails (the commit never happened or was deleted). Pure.
 */
import { isUnreadable, type GroupFacts } from './facts.js';
import type { ValidationInputs } from './inputs.js';
import { CHECK_TITLES, resultOf, type CheckOutcome, type CheckProblem } from './types.js';

export function checkGroups(inputs: Pick<ValidationInputs, 'migrationId' | 'cutover'>, facts: readonly GroupFacts[]): CheckOutcome {
  const title = CHECK_TITLES.consumer_group_reconciliation;
  if (inputs.cutover === undefined) {
    const message = 'the journal holds no cutover report (cutover.report): no translated offsets to check';
    return { name: 'consumer_group_reconciliation', title, result: 'FAILED', detail: message, problems: [{ severity: 'failure', subject: inputs.migrationId, message }] };
  }
  const byGroup = new Map(facts.map((f) => [f.groupId, f]));
  const problems: CheckProblem[] = [];
  let equal = 0;
  let ahead = 0;
  let total = 0;
  for (const group of inputs.cutover.groups) {
    const read = byGroup.get(group.groupId)?.committed;
    if (read === undefined || isUnreadable(read)) {
      problems.push({ severity: 'failure', subject: group.groupId, groupId: group.groupId, message: `group ${group.groupId}: committed offsets on the target could not be read: ${read === undefined ? 'not read' : read.unreadable}` });
      continue;
    }
    const committed = new Map(read.map((o) => [`${o.topic}-${o.partition}`, o.offset]));
    for (const translated of group.offsets) {
      total += 1;
      const subject = `${group.groupId} ${translated.topic}-${translated.partition}`;
      const where = { subject, groupId: group.groupId, topic: translated.topic, partition: translated.partition, sourceOffset: translated.sourceOffset, targetOffset: translated.targetOffset };
      const now = committed.get(`${translated.topic}-${translated.partition}`);
      if (now === undefined) {
        problems.push({ severity: 'failure', ...where, message: `group ${group.groupId}, ${translated.topic}-${translated.partition}: no offset committed on the target (translated: ${translated.targetOffset} from source ${translated.sourceOffset})` });
      } else if (now === translated.targetOffset) {
        equal += 1;
      } else if (now > translated.targetOffset) {
        ahead += 1;
      } else {
        problems.push({
          severity: 'warning',
          ...where,
          message: `group ${group.groupId}, ${translated.topic}-${translated.partition}: committed ${now} on the target, behind the translated ${translated.targetOffset}: the group re-reads ${translated.targetOffset - now} records (was it reset?)`,
        });
      }
    }
  }
  const groups = inputs.cutover.groups.length;
  const detail =
    total === 0 && problems.length === 0
      ? `${groups} groups, no translated offsets to check`
      : `${groups} groups, ${total} translated offsets: ${equal} committed as translated, ${ahead} moved ahead since the switch (consumers on the target), ${problems.length} problems`;
  return { name: 'consumer_group_reconciliation', title, result: resultOf(problems), detail, problems };
}
