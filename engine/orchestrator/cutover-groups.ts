/**
 * The cutover's consumer group steps: snapshot the selected groups' committed offsets on the source, refuse when any
 * of them is active on the target (before anything is committed), and commit the translated offsets on the target.
 */
import type { CutoverGroup } from '../cutover/checkpoints.js';
import { describeBusyGroup, isIdleGroup, type CutoverClusterPorts } from '../cutover/cluster-ports.js';
import type { GroupSnapshot } from '../cutover/translate.js';
import { MigrationError } from '../errors.js';
import type { MigrationPlan } from '../plan/index.js';

/** Every group the plan selected, with its committed offsets on the migrated topics (source, read-only). */
export async function snapshotGroups(clusters: CutoverClusterPorts, plan: MigrationPlan): Promise<GroupSnapshot[]> {
  const migrated = new Set(plan.topics.map((t) => t.name));
  const snapshots: GroupSnapshot[] = [];
  for (const group of plan.groups) {
    const topics = group.topics.filter((t) => migrated.has(t));
    snapshots.push({ groupId: group.groupId, offsets: await clusters.source.groupOffsets(group.groupId, topics) });
  }
  return snapshots;
}

/** Throws TARGET_REFUSED naming every group that has members on the target (and their client ids). */
export async function assertGroupsIdleOnTarget(clusters: CutoverClusterPorts, groups: readonly CutoverGroup[]): Promise<void> {
  const described = await clusters.target.describeGroups(groups.map((g) => g.groupId));
  const busy = described.filter((g) => !isIdleGroup(g));
  if (busy.length === 0) return;
  throw new MigrationError({
    code: 'TARGET_REFUSED',
    message: `consumer group(s) active on the target: ${busy.map(describeBusyGroup).join('; ')}. Offsets can only be committed into a group with no members; nothing was committed`,
    hint: 'Stop those consumers on the target (they started before the cutover was ready), then run cutover again.',
  });
}

/** Commits every group's translated offsets on the target; returns how many offsets were committed. */
export async function commitTranslated(clusters: CutoverClusterPorts, groups: readonly CutoverGroup[]): Promise<number> {
  let committed = 0;
  for (const group of groups) {
    await clusters.target.commitOffsets(
      group.groupId,
      group.offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.targetOffset })),
    );
    committed += group.offsets.length;
  }
  return committed;
}
