/**
 * What happens to the source's ACLs. A Kafka-ACL target gets the ones it lacks (`acl.on_drift: merge`), and under
 * `overwrite_with_source` also loses the ones the source lacks; an IAM target gets none (ACLs have no effect for IAM
 * principals on MSK) and the plan holds the IAM access map instead.
 */
import type { AclDriftPolicy } from '../config/types.js';
import type { AclEntry } from '../inventory/types.js';
import { buildIamAccessMap } from './iam-access-map.js';
import type { MskArnBuilder } from './msk-arns.js';
import type { AclPlan, PlannedAcl } from './plan-types.js';
import { compareStrings } from './sorting.js';

export function toPlannedAcl(entry: AclEntry): PlannedAcl {
  return {
    principal: entry.principal,
    resourceType: entry.resourceType,
    patternType: entry.patternType,
    resourceName: entry.resourceName,
    operation: entry.operation,
    permissionType: entry.permissionType,
    host: entry.host,
  };
}

function aclKey(acl: PlannedAcl): string {
  return [acl.principal, acl.resourceType, acl.patternType, acl.resourceName, acl.operation, acl.permissionType, acl.host].join('\u0000');
}

/** Sorted by principal, resource, operation, permission, host; duplicates removed. */
export function sortAcls(entries: readonly AclEntry[]): PlannedAcl[] {
  const unique = new Map<string, PlannedAcl>();
  for (const entry of entries) {
    const acl = toPlannedAcl(entry);
    unique.set(aclKey(acl), acl);
  }
  return [...unique.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, acl]) => acl);
}

export interface AclPlanInputs {
  readonly sourceAcls: readonly AclEntry[] | undefined;
  readonly targetAcls: readonly AclEntry[] | undefined;
  readonly onDrift: AclDriftPolicy;
  readonly targetIsIam: boolean;
  readonly targetArns: MskArnBuilder;
}

export function planAcls(inputs: AclPlanInputs): AclPlan {
  const empty = { create: [], alreadyOnTarget: 0, removeFromTarget: [], iamAccessMap: [] };
  if (inputs.sourceAcls === undefined) {
    return { mode: 'unknown', onDrift: inputs.onDrift, sourceCount: null, ...empty };
  }
  const source = sortAcls(inputs.sourceAcls);
  if (inputs.onDrift === 'skip') {
    return { mode: 'skipped', onDrift: inputs.onDrift, sourceCount: source.length, ...empty };
  }
  if (inputs.targetIsIam) {
    return {
      mode: 'iam-access-map',
      onDrift: inputs.onDrift,
      sourceCount: source.length,
      ...empty,
      iamAccessMap: buildIamAccessMap(source, inputs.targetArns),
    };
  }
  const target = sortAcls(inputs.targetAcls ?? []);
  const targetKeys = new Set(target.map(aclKey));
  const sourceKeys = new Set(source.map(aclKey));
  const create = source.filter((acl) => !targetKeys.has(aclKey(acl)));
  const removeFromTarget =
    inputs.onDrift === 'overwrite_with_source' && inputs.targetAcls !== undefined
      ? target.filter((acl) => !sourceKeys.has(aclKey(acl)))
      : [];
  return {
    mode: 'kafka-acls',
    onDrift: inputs.onDrift,
    sourceCount: source.length,
    create,
    alreadyOnTarget: source.length - create.length,
    removeFromTarget,
    iamAccessMap: [],
  };
}
