/**
 * The cutover's pure arithmetic over the copy's exact offset maps: where each sentinel landed on the target, where
 * each consumer group continues on the target (translateOffset), and the offset-floor check. No I/O.
 */
import { translateOffset, type OffsetRun } from '../copy/offset-map.js';
import { partitionKey, type PartitionPosition, type PartitionRef } from '../copy/positions.js';
import type { CutoverGroup, CutoverSentinel, OffsetFloorViolation } from './checkpoints.js';

/** A committed offset on one partition (a group's, or a sentinel's source offset). */
export interface PartitionOffset extends PartitionRef {
  readonly offset: number;
}

/** One consumer group's committed offsets on the source, as snapshotted during cutover. */
export interface GroupSnapshot {
  readonly groupId: string;
  readonly offsets: readonly PartitionOffset[];
}

/** The target offset the record copied from source offset `source` got, or undefined when that offset was not copied. */
export function exactTargetOffset(runs: readonly OffsetRun[], source: number): number | undefined {
  for (const [s, t, n] of runs) {
    if (source >= s && source < s + n) return t + (source - s);
    if (source < s) return undefined;
  }
  return undefined;
}

const where = (ref: PartitionRef): string => `${ref.topic}-${ref.partition}`;

/** Where each sentinel landed on the target; throws when one is not in the offset map (it was not copied). */
export function sentinelTargets(positions: readonly PartitionPosition[], sentinels: readonly PartitionOffset[]): CutoverSentinel[] {
  const byKey = new Map(positions.map((p) => [partitionKey(p), p]));
  return sentinels.map((sentinel) => {
    const target = exactTargetOffset(byKey.get(partitionKey(sentinel))?.runs ?? [], sentinel.offset);
    if (target === undefined) throw new Error(`the sentinel at ${where(sentinel)} offset ${sentinel.offset} is not in the copy's offset map`);
    return { topic: sentinel.topic, partition: sentinel.partition, sourceOffset: sentinel.offset, targetOffset: target };
  });
}

export interface Translation {
  /** Groups with at least one translated offset, sorted by id; offsets sorted by topic and partition. */
  readonly groups: CutoverGroup[];
  /** Selected groups with no committed offset on a migrated partition (nothing to commit for them). */
  readonly groupsWithoutOffsets: string[];
  readonly warnings: string[];
}

/**
 * Translates every group's committed source offsets with the exact offset map: a consumer committed at source offset
 * N continues on the target at the target offset of the first copied record at or after N (nothing re-read, nothing
 * skipped). Offsets on partitions the copy does not hold are left out with a warning; offsets past the copied data
 * are warned about (producers were not frozen, or the group committed past the log end) and translated to the copied end.
 */
export function translateGroups(positions: readonly PartitionPosition[], snapshots: readonly GroupSnapshot[]): Translation {
  const byKey = new Map(positions.map((p) => [partitionKey(p), p]));
  const groups: CutoverGroup[] = [];
  const groupsWithoutOffsets: string[] = [];
  const warnings: string[] = [];
  for (const snapshot of [...snapshots].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))) {
    const offsets: CutoverGroup['offsets'] = [];
    for (const committed of snapshot.offsets) {
      const position = byKey.get(partitionKey(committed));
      if (committed.offset < 0) continue;
      if (position === undefined) {
        warnings.push(`group ${snapshot.groupId}: ${where(committed)} is not part of this migration (a partition added after the plan?); its offset ${committed.offset} is not translated`);
        continue;
      }
      if (position.targetEnd === null) warnings.push(`group ${snapshot.groupId}: ${where(committed)} has nothing copied to the target; its offset is translated to 0`);
      if (committed.offset > position.nextSourceOffset) {
        warnings.push(
          `group ${snapshot.groupId}: ${where(committed)} committed source offset ${committed.offset} is past the copied data (next source offset ${position.nextSourceOffset}); translated to the copied end`,
        );
      }
      const targetOffset = translateOffset(position.runs, committed.offset, position.targetEnd ?? 0);
      offsets.push({ topic: committed.topic, partition: committed.partition, sourceOffset: committed.offset, targetOffset });
    }
    offsets.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    if (offsets.length === 0) groupsWithoutOffsets.push(snapshot.groupId);
    else groups.push({ groupId: snapshot.groupId, offsets });
  }
  return { groups, groupsWithoutOffsets, warnings };
}

export interface TargetLogStart extends PartitionRef {
  readonly logStart: number;
}

/**
 * The offset-floor check: a target partition whose log start is past the first target offset this migration copied
 * has lost copied records (retention or a delete on the target).
 */
export function offsetFloorViolations(positions: readonly PartitionPosition[], logStarts: readonly TargetLogStart[]): OffsetFloorViolation[] {
  const byKey = new Map(logStarts.map((l) => [partitionKey(l), l.logStart]));
  const violations: OffsetFloorViolation[] = [];
  for (const position of positions) {
    const first = position.runs[0];
    const logStart = byKey.get(partitionKey(position));
    if (first === undefined || logStart === undefined || logStart <= first[1]) continue;
    violations.push({ topic: position.topic, partition: position.partition, targetLogStart: logStart, firstCopiedTargetOffset: first[1] });
  }
  return violations;
}

/** Offsets over all groups. */
export function offsetCount(groups: readonly CutoverGroup[]): number {
  return groups.reduce((sum, group) => sum + group.offsets.length, 0);
}

/** The journal detail of `cutover -> awaiting_client_switch`, exactly as the reference prints it. */
export function readyDetail(groupsTranslated: number, offsetsCommitted: number, warnings: number): string {
  return `READY_FOR_CLIENT_SWITCH: groups_translated=${groupsTranslated} offsets_committed=${offsetsCommitted} warnings=${warnings}`;
}
