/**
 * What topology copy does about ACLs, decided before anything is written. Pure.
 *
 * The plan says which source ACLs the target lacked when it was built (`acls.create`) and, under
 * `acl.on_drift: overwrite_with_source`, which target ACLs the source lacked (`acls.removeFromTarget`). A fresh list
 * of the target's ACLs says which of those still need doing, so a second run does nothing.
 *
 * Removal is deliberately narrow. A target-only binding is deleted only when all of these hold:
 *   - `acl.on_drift` is `overwrite_with_source` and the plan listed it for removal;
 *   - the target's ACLs could be listed now and it is still there;
 *   - it ALLOWs something (removing a DENY would widen access: never done automatically);
 *   - it is about a resource this migration moves: a LITERAL TOPIC named like a planned topic, a LITERAL GROUP named
 *     like a planned group, or exactly the resource pattern (type, pattern type, name) of a source ACL being created;
 *     never CLUSTER, USER, DELEGATION_TOKEN, nor a PREFIXED/wildcard pattern the source does not use itself;
 *   - its principal is not the one the tool connects as (it must not lock itself out).
 * Everything else the plan listed is kept and reported with the reason.
 */
import type { AclDriftPolicy } from '../config/types.js';
import type { AclEntry } from '../inventory/types.js';
import type { AclPlan, MigrationPlan, PlannedAcl } from '../plan/plan-types.js';

export type AclMode = AclPlan['mode'];

export interface KeptAcl {
  readonly acl: PlannedAcl;
  readonly reason: string;
}

export interface AclActions {
  readonly mode: AclMode;
  /** Planned source ACLs the target lacks now. */
  readonly create: PlannedAcl[];
  /** Planned source ACLs the target has now. */
  readonly alreadyPresent: PlannedAcl[];
  readonly remove: PlannedAcl[];
  /** Target-only ACLs the plan listed for removal but that stay. */
  readonly keep: KeptAcl[];
  /** False when the target's ACLs could not be listed: everything planned is (re)created, nothing removed. */
  readonly presenceKnown: boolean;
}

export interface AclActionsInput {
  readonly plan: MigrationPlan;
  /** The target's ACLs now; undefined when they could not be listed. */
  readonly targetAcls: readonly AclEntry[] | undefined;
  readonly onDrift: AclDriftPolicy;
  /** True when the config says the target authenticates with IAM: nothing is written to Kafka then. */
  readonly targetIsIam: boolean;
  /** Principals never removed, e.g. `User:<the tool's SCRAM user>`. */
  readonly protectedPrincipals: readonly string[];
}

export function aclKey(acl: PlannedAcl | AclEntry): string {
  return [acl.principal, acl.resourceType, acl.patternType, acl.resourceName, acl.operation, acl.permissionType, acl.host].join('\u0000');
}

const resourceKey = (acl: PlannedAcl) => [acl.resourceType, acl.patternType, acl.resourceName].join('\u0000');

/** Why a target-only binding is not removed, or undefined when it may be. */
export function removalBlockedBecause(
  acl: PlannedAcl,
  scope: { topics: ReadonlySet<string>; groups: ReadonlySet<string>; sourcePatterns: ReadonlySet<string>; protectedPrincipals: ReadonlySet<string> },
): string | undefined {
  if (scope.protectedPrincipals.has(acl.principal)) return 'the tool connects to the target as this principal';
  if (acl.permissionType !== 'ALLOW') return 'a DENY is never removed automatically: removing it would widen access';
  if (acl.resourceType !== 'TOPIC' && acl.resourceType !== 'GROUP' && acl.resourceType !== 'TRANSACTIONAL_ID') {
    return `${acl.resourceType} ACLs are outside what this migration moves`;
  }
  if (scope.sourcePatterns.has(resourceKey(acl))) return undefined;
  if (acl.patternType === 'LITERAL' && acl.resourceType === 'TOPIC' && scope.topics.has(acl.resourceName)) return undefined;
  if (acl.patternType === 'LITERAL' && acl.resourceType === 'GROUP' && scope.groups.has(acl.resourceName)) return undefined;
  return `${acl.patternType} ${acl.resourceType} ${acl.resourceName} is not a resource this migration moves`;
}

export function planAclActions(input: AclActionsInput): AclActions {
  const none = { create: [], alreadyPresent: [], remove: [], keep: [], presenceKnown: input.targetAcls !== undefined };
  const acls = input.plan.acls;
  if (input.targetIsIam || acls.mode === 'iam-access-map') return { mode: 'iam-access-map', ...none };
  if (acls.mode !== 'kafka-acls') return { mode: acls.mode, ...none };

  if (input.targetAcls === undefined) {
    const keep = input.onDrift === 'overwrite_with_source'
      ? acls.removeFromTarget.map((acl) => ({ acl, reason: 'the target ACLs could not be listed now, so nothing is removed' }))
      : [];
    return { mode: 'kafka-acls', create: [...acls.create], alreadyPresent: [], remove: [], keep, presenceKnown: false };
  }

  const present = new Set(input.targetAcls.map(aclKey));
  const create = acls.create.filter((acl) => !present.has(aclKey(acl)));
  const alreadyPresent = acls.create.filter((acl) => present.has(aclKey(acl)));
  const remove: PlannedAcl[] = [];
  const keep: KeptAcl[] = [];
  if (input.onDrift === 'overwrite_with_source') {
    const scope = {
      topics: new Set(input.plan.topics.map((topic) => topic.name)),
      groups: new Set(input.plan.groups.map((group) => group.groupId)),
      sourcePatterns: new Set(acls.create.map(resourceKey)),
      protectedPrincipals: new Set(input.protectedPrincipals),
    };
    for (const acl of acls.removeFromTarget) {
      if (!present.has(aclKey(acl))) continue;
      const reason = removalBlockedBecause(acl, scope);
      if (reason === undefined) remove.push(acl);
      else keep.push({ acl, reason });
    }
  }
  return { mode: 'kafka-acls', create, alreadyPresent, remove, keep, presenceKnown: true };
}
