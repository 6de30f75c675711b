import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../engine/plan/index.js';
import { acl, CONFIG_PATH, MIGRATION_ID, syntheticConfig, syntheticInventory } from './fixtures.js';

const options = { migrationId: MIGRATION_ID, configPath: CONFIG_PATH };
const TARGET_PREFIX = 'arn:aws:kafka:us-east-1:111122223333';
const CLUSTER = `${TARGET_PREFIX}:cluster/orders-kraft/0b9f3c52-7d4e-4a51-9d0c-2f6e8a1b3c4d-2`;
const TOPIC = (name: string) => `${TARGET_PREFIX}:topic/orders-kraft/0b9f3c52-7d4e-4a51-9d0c-2f6e8a1b3c4d-2/${name}`;
const GROUP = (name: string) => `${TARGET_PREFIX}:group/orders-kraft/0b9f3c52-7d4e-4a51-9d0c-2f6e8a1b3c4d-2/${name}`;

describe('ACLs for an IAM target: the access map', () => {
  const acls = [
    acl('User:orders-app', 'TOPIC', 'orders-', 'WRITE', { patternType: 'PREFIXED' }),
    acl('User:orders-app', 'TOPIC', 'orders-', 'READ', { patternType: 'PREFIXED' }),
    acl('User:orders-app', 'GROUP', 'orders-consumers', 'READ'),
    acl('User:orders-app', 'TRANSACTIONAL_ID', 'orders-tx', 'WRITE'),
    acl('User:audit', 'TOPIC', '*', 'DESCRIBE'),
    acl('User:audit', 'CLUSTER', 'kafka-cluster', 'DESCRIBE'),
    acl('User:audit', 'TOPIC', 'payments', 'READ', { permissionType: 'DENY' }),
    acl('User:ops', 'CLUSTER', 'kafka-cluster', 'CREATE'),
    acl('User:ops', 'TOPIC', 'orders-0001', 'ALTER_CONFIGS', { host: '10.0.0.7' }),
    acl('User:ops', 'CLUSTER', 'kafka-cluster', 'CLUSTER_ACTION'),
  ];
  const plan = buildPlan(syntheticInventory({ acls }), syntheticConfig({ targetAuth: 'iam' }), options);
  const byPrincipal = new Map(plan.acls.iamAccessMap.map((entry) => [entry.principal, entry]));

  it('applies no ACLs and gives each principal its kafka-cluster actions and resource ARNs instead', () => {
    expect(plan.acls.mode).toBe('iam-access-map');
    expect(plan.acls.create).toEqual([]);
    expect(plan.acls.sourceCount).toBe(acls.length);
    expect([...byPrincipal.keys()]).toEqual(['User:audit', 'User:ops', 'User:orders-app']);
    expect(plan.findings.find((finding) => finding.code === 'IAM_TARGET_ACCESS_MAP')).toBeDefined();
  });

  it('maps a prefixed READ/WRITE to ReadData/WriteData (with DescribeTopic) on a topic ARN pattern, and a group READ to AlterGroup', () => {
    const app = byPrincipal.get('User:orders-app');
    expect(app?.statements).toContainEqual({
      effect: 'Allow',
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData', 'kafka-cluster:WriteData'],
      resources: [TOPIC('orders-*')],
    });
    expect(app?.statements).toContainEqual({
      effect: 'Allow',
      actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
      resources: [GROUP('orders-consumers')],
    });
    expect(app?.statements).toContainEqual({ effect: 'Allow', actions: ['kafka-cluster:Connect'], resources: [CLUSTER] });
    const tx = app?.statements.find((statement) => statement.actions.includes('kafka-cluster:AlterTransactionalId'));
    expect(tx?.resources).toEqual([`${TARGET_PREFIX}:transactional-id/orders-kraft/0b9f3c52-7d4e-4a51-9d0c-2f6e8a1b3c4d-2/orders-tx`]);
  });

  it('maps DENY to a Deny statement on the action only, and a literal * to every topic', () => {
    const audit = byPrincipal.get('User:audit');
    expect(audit?.statements).toContainEqual({ effect: 'Deny', actions: ['kafka-cluster:ReadData'], resources: [TOPIC('payments')] });
    expect(audit?.statements).toContainEqual({ effect: 'Allow', actions: ['kafka-cluster:DescribeTopic'], resources: [TOPIC('*')] });
    expect(audit?.statements).toContainEqual({
      effect: 'Allow',
      actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
      resources: [CLUSTER],
    });
  });

  it('turns CLUSTER CREATE into CreateTopic on every topic, and lists what IAM cannot express', () => {
    const ops = byPrincipal.get('User:ops');
    expect(ops?.statements).toContainEqual({ effect: 'Allow', actions: ['kafka-cluster:CreateTopic'], resources: [TOPIC('*')] });
    expect(ops?.unmapped.map((item) => item.acl.operation).sort()).toEqual(['ALTER_CONFIGS', 'CLUSTER_ACTION']);
    expect(ops?.unmapped.find((item) => item.acl.operation === 'ALTER_CONFIGS')?.reason).toMatch(/host/);
    const warning = plan.findings.find((finding) => finding.code === 'ACL_NOT_MAPPABLE_TO_IAM');
    expect(warning).toMatchObject({ subject: 'User:ops', severity: 'warning' });
  });
});

describe('ACLs for a Kafka-ACL target', () => {
  const source = [
    acl('User:a', 'TOPIC', 'orders-', 'READ', { patternType: 'PREFIXED' }),
    acl('User:b', 'GROUP', 'g1', 'READ'),
    acl('User:b', 'GROUP', 'g1', 'READ'), // listed twice: planned once
  ];
  const onTarget = [acl('User:b', 'GROUP', 'g1', 'READ'), acl('User:legacy', 'TOPIC', 'old', 'WRITE')];

  it('merge: creates the ones the target lacks and removes nothing', () => {
    const plan = buildPlan(syntheticInventory({ acls: source, targetAcls: onTarget }), syntheticConfig({ targetAuth: 'scram-sha-512' }), options);
    expect(plan.acls.mode).toBe('kafka-acls');
    expect(plan.acls.create.map((item) => item.principal)).toEqual(['User:a']);
    expect(plan.acls.alreadyOnTarget).toBe(1);
    expect(plan.acls.removeFromTarget).toEqual([]);
    expect(plan.acls.iamAccessMap).toEqual([]);
    expect(plan.totals.aclsToCreate).toBe(1);
  });

  it('overwrite_with_source: also lists target ACLs the source lacks for removal, with a warning', () => {
    const plan = buildPlan(
      syntheticInventory({ acls: source, targetAcls: onTarget }),
      syntheticConfig({ targetAuth: 'scram-sha-512', aclDrift: 'overwrite_with_source' }),
      options,
    );
    expect(plan.acls.removeFromTarget.map((item) => item.principal)).toEqual(['User:legacy']);
    expect(plan.findings.find((finding) => finding.code === 'ACLS_REMOVED_FROM_TARGET')?.severity).toBe('warning');
  });

  it('skip: carries none', () => {
    const plan = buildPlan(syntheticInventory({ acls: source }), syntheticConfig({ targetAuth: 'scram-sha-512', aclDrift: 'skip' }), options);
    expect(plan.acls).toMatchObject({ mode: 'skipped', create: [], sourceCount: 2 });
  });

  it('source ACLs that could not be listed: nothing carried, and a warning that says why', () => {
    const plan = buildPlan(syntheticInventory({ acls: null }), syntheticConfig({ targetAuth: 'scram-sha-512' }), options);
    expect(plan.acls).toMatchObject({ mode: 'unknown', sourceCount: null, create: [] });
    const warning = plan.findings.find((finding) => finding.code === 'ACLS_UNKNOWN');
    expect(warning?.detail).toContain('CLUSTER_AUTHORIZATION_FAILED');
  });
});
