/** Consumer groups (B16): translated offsets can only be committed for a group with no members on the target. */
import { finding } from '../codes.js';
import type { Rule } from '../context.js';

const ACTIVE_STATES = new Set(['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

export const activeTargetGroupRule: Rule = (context) => {
  const selected = [...context.inventory.source.groups].map((group) => group.groupId).sort();
  return selected.flatMap((groupId) => {
    const onTarget = context.targetGroups.get(groupId);
    if (onTarget === undefined) return [];
    if (onTarget.memberCount <= 0 && !ACTIVE_STATES.has(onTarget.state)) return [];
    return [
      finding(
        'B16',
        groupId,
        `consumer group ${groupId} is active on the target (state ${onTarget.state}, ${onTarget.memberCount} member${onTarget.memberCount === 1 ? '' : 's'}); Kafka refuses offset commits for a group with members, so its translated offsets could not be committed`,
        `stop the consumers of ${groupId} that are connected to the target (they belong on the source until cutover), or exclude the group with groups.exclude`,
      ),
    ];
  });
};

export const groupRules = [activeTargetGroupRule] as const;
