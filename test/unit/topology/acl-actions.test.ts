import { describe, expect, it } from 'vitest';
import type { AclEntry } from '../../../engine/inventory/types.js';
import { toPlannedAcl } from '../../../engine/plan/acl-plan.js';
import { aclKey, planAclActions, removalBlockedBecause } from '../../../engine/topology/index.js';
import { acl, scenario } from './fixtures.js';

const SOURCE: AclEntry[] = [
  acl('User:orders-app', 'TOPIC', 'orders-', 'WRITE', { patternType: 'PREFIXED' }),
  acl('User:orders-app', 'TOPIC', 'orders-0000', 'READ'),
  acl('User:orders-app', 'GROUP', 'consumer-0000', 'READ'),
];
const keys = (acls: readonly AclEntry[] | readonly { principal: string }[]) => (acls as AclEntry[]).map(aclKey).sort();

describe('planAclActions (acl.on_drift: merge)', () => {
  it('creates the planned ACLs the target lacks now and reports the others as already present', () => {
    const { plan, config } = scenario({ acls: SOURCE, targetAcls: [] });
    expect(plan.acls.create).toHaveLength(3);
    const nowOnTarget = [SOURCE[1] as AclEntry];
    const actions = planAclActions({ plan, targetAcls: nowOnTarget, onDrift: config.acl.onDrift, targetIsIam: false, protectedPrincipals: [] });
    expect(actions.mode).toBe('kafka-acls');
    expect(keys(actions.create)).toEqual(keys([SOURCE[0] as AclEntry, SOURCE[2] as AclEntry]));
    expect(keys(actions.alreadyPresent)).toEqual(keys(nowOnTarget));
    expect(actions.remove).toEqual([]);
    expect(actions.presenceKnown).toBe(true);
  });

  it('sends every planned ACL when the target ACLs cannot be listed (creating twice is harmless)', () => {
    const { plan } = scenario({ acls: SOURCE, targetAcls: [] });
    const actions = planAclActions({ plan, targetAcls: undefined, onDrift: 'merge', targetIsIam: false, protectedPrincipals: [] });
    expect(actions.create).toHaveLength(3);
    expect(actions.presenceKnown).toBe(false);
  });

  it('writes nothing for an IAM target, `skip` or unknown source ACLs', () => {
    const iam = scenario({ acls: SOURCE }, { targetAuth: 'iam' });
    expect(planAclActions({ plan: iam.plan, targetAcls: [], onDrift: 'merge', targetIsIam: true, protectedPrincipals: [] })).toMatchObject({ mode: 'iam-access-map', create: [], remove: [] });
    const skipped = scenario({ acls: SOURCE }, { aclDrift: 'skip' });
    expect(planAclActions({ plan: skipped.plan, targetAcls: [], onDrift: 'skip', targetIsIam: false, protectedPrincipals: [] })).toMatchObject({ mode: 'skipped', create: [] });
    const unknown = scenario({ acls: null });
    expect(planAclActions({ plan: unknown.plan, targetAcls: [], onDrift: 'merge', targetIsIam: false, protectedPrincipals: [] })).toMatchObject({ mode: 'unknown', create: [] });
    // The config says IAM even if the plan was made otherwise: still nothing written.
    const kafka = scenario({ acls: SOURCE, targetAcls: [] });
    expect(planAclActions({ plan: kafka.plan, targetAcls: [], onDrift: 'merge', targetIsIam: true, protectedPrincipals: [] }).create).toEqual([]);
  });
});

describe('planAclActions (acl.on_drift: overwrite_with_source)', () => {
  const TARGET_ONLY = {
    onMigratedTopic: acl('User:legacy', 'TOPIC', 'orders-0001', 'READ'),
    onMigratedGroup: acl('User:legacy', 'GROUP', 'consumer-0001', 'READ'),
    onSourcePattern: acl('User:legacy', 'TOPIC', 'orders-', 'DESCRIBE', { patternType: 'PREFIXED' }),
    deny: acl('User:legacy', 'TOPIC', 'orders-0001', 'WRITE', { permissionType: 'DENY' }),
    otherTopic: acl('User:legacy', 'TOPIC', 'payments', 'READ'),
    wildcard: acl('User:legacy', 'TOPIC', '*', 'READ'),
    otherPrefix: acl('User:legacy', 'TOPIC', 'ord', 'READ', { patternType: 'PREFIXED' }),
    cluster: acl('User:legacy', 'CLUSTER', 'kafka-cluster', 'ALTER'),
    tool: acl('User:svc-migrator', 'TOPIC', 'orders-0001', 'ALL'),
  };
  const targetAcls = Object.values(TARGET_ONLY);

  it('removes only ALLOWs on migrated topics, groups or the source patterns, and says why it keeps the rest', () => {
    const { plan, config } = scenario({ acls: SOURCE, targetAcls, groups: 2 }, { aclDrift: 'overwrite_with_source' });
    expect(plan.acls.removeFromTarget).toHaveLength(targetAcls.length);
    const actions = planAclActions({ plan, targetAcls, onDrift: config.acl.onDrift, targetIsIam: false, protectedPrincipals: ['User:svc-migrator'] });
    expect(keys(actions.remove)).toEqual(keys([TARGET_ONLY.onMigratedTopic, TARGET_ONLY.onMigratedGroup, TARGET_ONLY.onSourcePattern]));
    const reasons = Object.fromEntries(actions.keep.map((kept) => [aclKey(kept.acl), kept.reason]));
    expect(reasons[aclKey(TARGET_ONLY.deny)]).toMatch(/DENY is never removed/);
    expect(reasons[aclKey(TARGET_ONLY.otherTopic)]).toMatch(/not a resource this migration moves/);
    expect(reasons[aclKey(TARGET_ONLY.wildcard)]).toMatch(/not a resource this migration moves/);
    expect(reasons[aclKey(TARGET_ONLY.otherPrefix)]).toMatch(/not a resource this migration moves/);
    expect(reasons[aclKey(TARGET_ONLY.cluster)]).toMatch(/CLUSTER ACLs are outside/);
    expect(reasons[aclKey(TARGET_ONLY.tool)]).toMatch(/tool connects/);
    expect(actions.remove.length + actions.keep.length).toBe(targetAcls.length);
  });

  it('removes nothing already gone, nothing when the target ACLs cannot be listed, nothing under merge', () => {
    const { plan } = scenario({ acls: SOURCE, targetAcls, groups: 2 }, { aclDrift: 'overwrite_with_source' });
    const gone = planAclActions({ plan, targetAcls: [TARGET_ONLY.deny], onDrift: 'overwrite_with_source', targetIsIam: false, protectedPrincipals: [] });
    expect(gone.remove).toEqual([]);
    expect(gone.keep.map((kept) => aclKey(kept.acl))).toEqual([aclKey(TARGET_ONLY.deny)]);
    const unlisted = planAclActions({ plan, targetAcls: undefined, onDrift: 'overwrite_with_source', targetIsIam: false, protectedPrincipals: [] });
    expect(unlisted.remove).toEqual([]);
    expect(unlisted.keep).toHaveLength(targetAcls.length);
    const merge = planAclActions({ plan, targetAcls, onDrift: 'merge', targetIsIam: false, protectedPrincipals: [] });
    expect(merge.remove).toEqual([]);
  });

  it('removalBlockedBecause is undefined exactly for a removable binding', () => {
    const scope = { topics: new Set(['t']), groups: new Set(['g']), sourcePatterns: new Set<string>(), protectedPrincipals: new Set<string>() };
    expect(removalBlockedBecause(toPlannedAcl(acl('User:x', 'TOPIC', 't', 'READ')), scope)).toBeUndefined();
    expect(removalBlockedBecause(toPlannedAcl(acl('User:x', 'TRANSACTIONAL_ID', 't', 'WRITE')), scope)).toMatch(/not a resource/);
    expect(removalBlockedBecause(toPlannedAcl(acl('User:x', 'TOPIC', 't', 'READ', { patternType: 'PREFIXED' })), scope)).toMatch(/not a resource/);
  });
});
