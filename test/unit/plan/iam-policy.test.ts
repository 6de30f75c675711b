import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  renderIamPolicyConcrete,
  renderIamPolicyTemplated,
  RUNNER_POLICY_ACTIONS,
  type IamPolicyDocument,
} from '../../../engine/plan/index.js';
import { CONFIG_PATH, KMS_KEY_ARN, MIGRATION_ID, SOURCE_ARN, TARGET_ARN, syntheticConfig, syntheticInventory } from './fixtures.js';

const options = { migrationId: MIGRATION_ID, configPath: CONFIG_PATH };
const ALLOWED = new Set<string>(RUNNER_POLICY_ACTIONS);

function parse(text: string): IamPolicyDocument {
  expect(text.endsWith('\n')).toBe(true);
  return JSON.parse(text) as IamPolicyDocument;
}

function checkShape(policy: IamPolicyDocument): void {
  expect(Object.keys(policy)).toEqual(['Version', 'Statement']);
  expect(policy.Version).toBe('2012-10-17');
  expect(policy.Statement.length).toBeGreaterThan(0);
  const sids = policy.Statement.map((statement) => statement.Sid);
  expect(new Set(sids).size).toBe(sids.length);
  for (const statement of policy.Statement) {
    expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(statement.Effect).toBe('Allow');
    expect(statement.Resource.length).toBeGreaterThan(0);
    for (const action of statement.Action) expect(ALLOWED.has(action), action).toBe(true);
    for (const resource of statement.Resource) expect(resource === '*', 'no unscoped resource').toBe(false);
  }
}

function actionsOn(policy: IamPolicyDocument, resourcePart: string): string[] {
  return policy.Statement.filter((statement) => statement.Resource.some((resource) => resource.includes(resourcePart))).flatMap(
    (statement) => statement.Action,
  );
}

describe('runner IAM policy: IAM source and target, clusters by ARN', () => {
  const plan = buildPlan(syntheticInventory({ topics: 3, groups: 2 }), syntheticConfig({ sourceAuth: 'iam', targetAuth: 'iam' }), options);
  const concrete = parse(renderIamPolicyConcrete(plan));
  const templated = parse(renderIamPolicyTemplated(plan));

  it('is a valid policy document with only the runner actions', () => {
    checkShape(concrete);
    checkShape(templated);
  });

  it('names the real cluster ARNs, topic and group ARNs, buckets and key', () => {
    const text = JSON.stringify(concrete);
    expect(text).toContain(SOURCE_ARN);
    expect(text).toContain(TARGET_ARN);
    expect(text).toContain('arn:aws:s3:::orders-migration-backup');
    expect(text).toContain('arn:aws:s3:::orders-migration-evidence');
    expect(text).toContain(KMS_KEY_ARN);
    expect(text).not.toContain('${');
    const sourceTopic = 'arn:aws:kafka:us-east-1:111122223333:topic/orders-zk/6357e0b2-0e6a-4b86-a0b4-70df934c2e31-5/orders-0001';
    expect(actionsOn(concrete, sourceTopic).sort()).toEqual([
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:DescribeTopicDynamicConfiguration',
      'kafka-cluster:ReadData',
      'kafka-cluster:WriteData',
    ]);
    const targetGroup = 'arn:aws:kafka:us-east-1:111122223333:group/orders-kraft/0b9f3c52-7d4e-4a51-9d0c-2f6e8a1b3c4d-2/consumer-0001';
    expect(actionsOn(concrete, targetGroup).sort()).toEqual(['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup']);
    expect(actionsOn(concrete, SOURCE_ARN)).toEqual(
      expect.arrayContaining(['kafka-cluster:Connect', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', 'kafka:ListNodes']),
    );
  });

  it('keeps S3 to the migration prefixes: list by prefix condition, delete only the precheck probes and the journal lease', () => {
    const list = concrete.Statement.filter((statement) => statement.Action.includes('s3:ListBucket'));
    expect(list.map((statement) => statement.Sid)).toEqual([
      'BackupBucketListMigrationPrefixes',
      'BackupBucketListMigrations',
      'EvidenceBucketListMigrationPrefixes',
    ]);
    expect(list[0]?.Condition).toEqual({
      StringLike: { 's3:prefix': [`kafka-backup/msk-kraft/${MIGRATION_ID}/*`, 'kafka-backup/msk-kraft/.precheck/*'] },
    });
    // Finding migrations lists one folder level under the prefix, nothing deeper.
    expect(list[1]?.Condition).toEqual({ StringEquals: { 's3:prefix': ['kafka-backup/msk-kraft/'], 's3:delimiter': ['/'] } });
    expect(list[2]?.Condition).toEqual({ StringLike: { 's3:prefix': [`evidence/${MIGRATION_ID}/*`, 'evidence/.precheck/*'] } });
    const deletable = concrete.Statement.filter((s) => s.Action.includes('s3:DeleteObject')).flatMap((s) => s.Resource);
    expect(deletable).toEqual([
      `arn:aws:s3:::orders-migration-backup/kafka-backup/msk-kraft/${MIGRATION_ID}/lease.json`,
      'arn:aws:s3:::orders-migration-backup/kafka-backup/msk-kraft/.precheck/*',
      'arn:aws:s3:::orders-migration-evidence/evidence/.precheck/*',
    ]);
    const retention = concrete.Statement.filter((statement) => statement.Action.includes('s3:PutObjectRetention'));
    expect(retention.flatMap((statement) => statement.Resource)).toEqual([`arn:aws:s3:::orders-migration-evidence/evidence/${MIGRATION_ID}/*`]);
    expect(actionsOn(concrete, KMS_KEY_ARN).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']);
  });

  it('with a local journal, grants nothing for a journal in S3', () => {
    const local = buildPlan(syntheticInventory(), syntheticConfig({ sourceAuth: 'iam', targetAuth: 'iam' }), { ...options, journalDir: '/var/kb' });
    const policy = parse(renderIamPolicyConcrete(local));
    checkShape(policy);
    expect(policy.Statement.map((statement) => statement.Sid)).not.toContain('BackupJournalLeaseRelease');
    expect(policy.Statement.map((statement) => statement.Sid)).not.toContain('BackupBucketListMigrations');
  });

  it('templated: the same statements with placeholders for clusters, accounts, buckets and key', () => {
    expect(templated.Statement.map((statement) => statement.Sid)).toEqual(concrete.Statement.map((statement) => statement.Sid));
    const text = JSON.stringify(templated);
    for (const placeholder of ['${SOURCE_CLUSTER_ARN}', '${TARGET_CLUSTER_ARN}', '${TARGET_ACCOUNT_ID}', '${BACKUP_BUCKET}', '${EVIDENCE_BUCKET}', '${KMS_KEY_ARN}']) {
      expect(text).toContain(placeholder);
    }
    expect(text).not.toContain('111122223333');
    expect(text).not.toContain('orders-migration-backup');
  });
});

describe('runner IAM policy: other set-ups', () => {
  it('has no kafka-cluster statements for a SCRAM cluster, and says in plan.json which ACLs it needs instead', () => {
    const plan = buildPlan(syntheticInventory(), syntheticConfig({ sourceAuth: 'scram-sha-512', targetAuth: 'scram-sha-512' }), options);
    const policy = parse(renderIamPolicyConcrete(plan));
    checkShape(policy);
    expect(policy.Statement.flatMap((statement) => statement.Action).filter((action) => action.startsWith('kafka-cluster:'))).toEqual([]);
    expect(policy.Statement.find((statement) => statement.Sid === 'MskControlPlaneRead')?.Resource).toEqual([SOURCE_ARN, TARGET_ARN]);
    expect(plan.runnerAccess.notes.filter((note) => note.includes('scram-sha-512'))).toHaveLength(2);
  });

  it('keeps placeholders in the concrete policy for an IAM cluster given by bootstrap servers, and notes it in plan.json', () => {
    const plan = buildPlan(
      syntheticInventory({ targetArn: null }),
      syntheticConfig({ targetAuth: 'iam', targetArn: null }),
      options,
    );
    const text = renderIamPolicyConcrete(plan);
    checkShape(parse(text));
    expect(text).toContain('${TARGET_CLUSTER_ARN}');
    expect(text).toContain('${TARGET_CLUSTER_UUID}');
    expect(text).toContain(SOURCE_ARN);
    expect(plan.runnerAccess.notes.some((note) => note.includes('bootstrap servers only') && note.includes('${TARGET_'))).toBe(true);
    const control = parse(text).Statement.find((statement) => statement.Sid === 'MskControlPlaneRead');
    expect(control?.Resource).toEqual([SOURCE_ARN]);
  });

  it('names topics one by one while the policy fits, then prefix patterns, then every topic; never over 6,144 characters', () => {
    const config = syntheticConfig({ sourceAuth: 'iam', targetAuth: 'iam' });
    const few = buildPlan(syntheticInventory({ topics: 4, groups: 3 }), config, options);
    expect(few.runnerAccess.topics).toMatchObject({ strategy: 'listed', patterns: ['orders-0000', 'orders-0001', 'orders-0002', 'orders-0003'] });
    const fits = buildPlan(syntheticInventory({ topics: 10, groups: 3 }), config, options);
    expect(fits.runnerAccess.topics).toMatchObject({ strategy: 'prefixes', patterns: ['orders-*'] });
    expect(fits.runnerAccess.topics.reason).toMatch(/widened from listed so the policy fits IAM's 6144-character/);
    const prefixed = buildPlan(
      syntheticInventory({ topics: 40, groups: 3, topicPrefix: (index) => `${['orders', 'payments', 'audit'][index % 3]}.events-${index}` }),
      config,
      options,
    );
    expect(prefixed.runnerAccess.topics).toMatchObject({ strategy: 'prefixes', patterns: ['audit.*', 'orders.*', 'payments.*'] });
    expect(prefixed.runnerAccess.topics.reason).toMatch(/not selected/);
    const many = buildPlan(syntheticInventory({ topics: 300, groups: 300, topicPrefix: (index) => `t${index}x` }), config, options);
    expect(many.runnerAccess.topics.strategy).toBe('all');
    for (const plan of [few, fits, prefixed, many]) {
      const text = renderIamPolicyConcrete(plan);
      expect(text.replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
      for (const pattern of plan.runnerAccess.topics.patterns) {
        expect(text).toContain(`topic/orders-zk/6357e0b2-0e6a-4b86-a0b4-70df934c2e31-5/${pattern}"`);
      }
    }
  });

  it('matches a KMS alias through kms:ResourceAliases (KMS does not authorize by alias ARN)', () => {
    const alias = 'arn:aws:kms:us-east-1:111122223333:alias/kafka-backup';
    const plan = buildPlan(syntheticInventory(), syntheticConfig({ kmsKeyArn: alias }), options);
    const statement = parse(renderIamPolicyConcrete(plan)).Statement.find((item) => item.Sid === 'BackupKmsKeyByAlias');
    expect(statement?.Resource).toEqual(['arn:aws:kms:us-east-1:111122223333:key/*']);
    expect(statement?.Condition).toEqual({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/kafka-backup'] } });
  });

  it('grants no KMS and no object-lock actions when neither is configured', () => {
    const plan = buildPlan(syntheticInventory(), syntheticConfig({ kmsKeyArn: null, retention: null }), options);
    const actions = parse(renderIamPolicyConcrete(plan)).Statement.flatMap((statement) => statement.Action);
    expect(actions.filter((action) => action.startsWith('kms:'))).toEqual([]);
    expect(actions).not.toContain('s3:PutObjectRetention');
    expect(actions).not.toContain('s3:GetBucketObjectLockConfiguration');
  });
});
