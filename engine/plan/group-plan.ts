/** Consumer groups: what cutover will translate and commit, and what the target already has under the same id. */
import type { GroupInventory, TopicInventory } from '../inventory/types.js';
import type { PlannedGroup } from './plan-types.js';
import { compareStrings, sortedUnique } from './sorting.js';

export interface GroupPlanResult {
  readonly groups: PlannedGroup[];
  /** Groups with a committed offset below the partition's log start (those records are already gone on the source). */
  readonly behindLogStart: Array<{ readonly groupId: string; readonly partitions: number }>;
}

export function planGroups(
  sourceGroups: readonly GroupInventory[],
  targetGroups: readonly GroupInventory[],
  sourceTopics: readonly TopicInventory[],
): GroupPlanResult {
  const targetById = new Map(targetGroups.map((group) => [group.groupId, group]));
  const logStart = new Map<string, number>();
  for (const topic of sourceTopics) {
    for (const partition of topic.partitions) logStart.set(`${topic.name}\u0000${partition.partition}`, partition.logStartOffset);
  }
  const behindLogStart: GroupPlanResult['behindLogStart'] = [];
  const groups = [...sourceGroups]
    .sort((a, b) => compareStrings(a.groupId, b.groupId))
    .map((group): PlannedGroup => {
      let behind = 0;
      for (const offset of group.offsets) {
        const start = logStart.get(`${offset.topic}\u0000${offset.partition}`);
        if (start !== undefined && offset.offset >= 0 && offset.offset < start) behind += 1;
      }
      if (behind > 0) behindLogStart.push({ groupId: group.groupId, partitions: behind });
      const target = targetById.get(group.groupId);
      return {
        groupId: group.groupId,
        state: group.state,
        memberCount: group.memberCount,
        committedOffsets: group.offsets.length,
        topics: sortedUnique(group.offsets.map((offset) => offset.topic)),
        target:
          target === undefined
            ? null
            : { state: target.state, memberCount: target.memberCount, committedOffsets: target.offsets.length },
      };
    });
  return { groups, behindLogStart };
}
