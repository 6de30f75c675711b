/** Stable orderings so that the same clusters always give the same inventory (plain code-unit order, no locale). */
import type { AclEntry, ConfigEntry, GroupInventory, GroupOffset, PartitionInventory, TopicInventory } from '../inventory/types.js';

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line per ACL binding; equal keys mean equal bindings. Fields joined by NUL, which no Kafka name contains. */
export function aclKey(acl: AclEntry): string {
  return [acl.resourceType, acl.patternType, acl.resourceName, acl.principal, acl.host, acl.operation, acl.permissionType].join('\u0000');
}

export function sortAcls(acls: readonly AclEntry[]): AclEntry[] {
  const unique = new Map(acls.map((acl) => [aclKey(acl), acl]));
  return [...unique.entries()].sort(([a], [b]) => compareText(a, b)).map(([, acl]) => acl);
}

export function sortConfigs(entries: readonly ConfigEntry[]): ConfigEntry[] {
  return [...entries].sort((a, b) => compareText(a.name, b.name));
}

export function sortPartitions(partitions: readonly PartitionInventory[]): PartitionInventory[] {
  return [...partitions].sort((a, b) => a.partition - b.partition);
}

export function sortTopics(topics: readonly TopicInventory[]): TopicInventory[] {
  return [...topics].sort((a, b) => compareText(a.name, b.name));
}

export function sortGroupOffsets(offsets: readonly GroupOffset[]): GroupOffset[] {
  return [...offsets].sort((a, b) => compareText(a.topic, b.topic) || a.partition - b.partition);
}

export function sortGroups(groups: readonly GroupInventory[]): GroupInventory[] {
  return [...groups].sort((a, b) => compareText(a.groupId, b.groupId));
}
