/** `cutover --rehearse` as plain text: the steps, then every group's offsets as they would be committed. */
import type { CutoverRehearsal } from '../../engine/orchestrator/index.js';

export function rehearsalText(rehearsal: CutoverRehearsal): string {
  const lines: string[] = [
    `rehearsal of cutover for migration ${rehearsal.migrationId} (state ${rehearsal.state}); nothing was frozen, published, committed or journaled`,
    `copy positions from the journal checkpoint of ${rehearsal.positionsAt ?? '(none)'}`,
    '',
    'steps:',
    ...rehearsal.steps.map((s, index) => `  ${index + 1}. ${s.step}: ${s.action}`),
    '',
    `sentinels (${rehearsal.sentinels.length}):`,
    ...rehearsal.sentinels.map((s) => `  ${s.topic}-${s.partition}: source offset ${s.sourceOffset} -> target offset ${s.targetOffset}`),
    '',
    `groups to commit (${rehearsal.groups.length}):`,
  ];
  const estimated = new Set(rehearsal.estimated);
  for (const group of rehearsal.groups) {
    lines.push(`  ${group.groupId}:`);
    for (const o of group.offsets) {
      const key = `${o.topic}-${o.partition}`;
      lines.push(`    ${key}: source ${o.sourceOffset} -> target ${o.targetOffset}${estimated.has(key) ? ' (estimate: records still to copy)' : ''}`);
    }
  }
  if (rehearsal.groupsWithoutOffsets.length > 0) lines.push(`groups with nothing to commit: ${rehearsal.groupsWithoutOffsets.join(', ')}`);
  for (const v of rehearsal.offsetFloorViolations) lines.push(`offset floor violation: ${v.topic}-${v.partition} target log start ${v.targetLogStart} > first copied ${v.firstCopiedTargetOffset}`);
  for (const w of rehearsal.warnings) lines.push(`warning: ${w}`);
  for (const p of rehearsal.problems) lines.push(`would fail: ${p}`);
  lines.push(rehearsal.problems.length === 0 ? 'rehearsal: cutover would proceed' : `rehearsal: cutover would stop (${rehearsal.problems.length} problem(s))`);
  return `${lines.join('\n')}\n`;
}
