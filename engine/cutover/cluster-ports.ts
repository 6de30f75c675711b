/**
 * What the cutover needs from the two clusters, as engine types only (kafkajs-cluster-ports.ts implements them).
 * The source port writes exactly one thing: the sentinel records. The target port writes exactly one thing: the
 * translated consumer group offsets.
 */
import type { PartitionRef } from '../copy/positions.js';
import type { PartitionOffset, TargetLogStart } from './translate.js';

export interface SourceEnd extends PartitionRef {
  readonly logStart: number;
  readonly end: number;
}

export interface CutoverSourcePort {
  /** Log start and end (high watermark) of each partition. Read-only. */
  offsets(partitions: readonly PartitionRef[]): Promise<SourceEnd[]>;
  /** The group's committed offsets on `topics` (partitions without one left out). Read-only. */
  groupOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffset[]>;
  /** Writes one sentinel record to each partition (acks=all); returns the offset each got. */
  publishSentinels(migrationId: string, partitions: readonly PartitionRef[], at: Date): Promise<PartitionOffset[]>;
  close(): Promise<void>;
}

export interface TargetGroupMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly host: string;
}

export interface TargetGroup {
  readonly groupId: string;
  /** Kafka's group state: Empty, Dead (no such group), Stable, PreparingRebalance, ... */
  readonly state: string;
  readonly members: readonly TargetGroupMember[];
}

export interface CutoverTargetPort {
  /** Each group's state and members. Read-only. */
  describeGroups(groupIds: readonly string[]): Promise<TargetGroup[]>;
  /** Each partition's log start. Read-only. */
  logStarts(partitions: readonly PartitionRef[]): Promise<TargetLogStart[]>;
  /** The group's committed offsets on `topics`. Read-only. */
  groupOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffset[]>;
  /**
   * Commits the offsets for a group without joining it (only possible while it has no members). Throws a
   * TARGET_REFUSED MigrationError naming the group, partition and Kafka error when the target refuses any of them.
   */
  commitOffsets(groupId: string, offsets: readonly PartitionOffset[]): Promise<void>;
  close(): Promise<void>;
}

export interface CutoverClusterPorts {
  readonly source: CutoverSourcePort;
  readonly target: CutoverTargetPort;
}

/** A group is safe to commit into when nobody is in it: Empty, or Dead (it does not exist yet). */
export function isIdleGroup(group: TargetGroup): boolean {
  return group.members.length === 0 && (group.state === 'Empty' || group.state === 'Dead' || group.state === '');
}

/** `orders-app (Stable: members consumer-1@/10.0.0.5, consumer-2@/10.0.0.6)`. */
export function describeBusyGroup(group: TargetGroup): string {
  const members = group.members.map((m) => `${m.clientId}@${m.host}`).join(', ');
  return `${group.groupId} (${group.state}${members === '' ? '' : `: members ${members}`})`;
}
