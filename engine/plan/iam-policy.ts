/**
 * The least-privilege IAM policy for whoever runs the migration (`iam-policy-concrete.json` with the real ARNs,
 * `iam-policy-templated.json` with `${...}` placeholders for what differs between environments).
 *
 * - Kafka data plane (`kafka-cluster:*`), only for clusters that authenticate with IAM (SCRAM/TLS/plaintext clusters
 *   authorize with Kafka ACLs instead; plan.json's runnerAccess.notes lists those):
 *   source: Connect, DescribeCluster, DescribeClusterDynamicConfiguration (discovery reads broker limits);
 *   DescribeTopic, DescribeTopicDynamicConfiguration, ReadData, WriteData (cutover writes a sentinel record to every
 *   source partition); DescribeGroup (committed offsets).
 *   target: the same cluster actions; CreateTopic, DescribeTopic, AlterTopic, DescribeTopicDynamicConfiguration,
 *   AlterTopicDynamicConfiguration, WriteData, ReadData (validation); DescribeGroup, AlterGroup (offset commits).
 * - MSK control plane: kafka:DescribeClusterV2, kafka:GetBootstrapBrokers, kafka:ListNodes on the clusters named by ARN.
 * - S3: ListBucket limited by prefix (and, on the backup prefix itself, to one folder level: finding migrations);
 *   Put/Get/AbortMultipartUpload under `<prefix>/<migration id>/`; with the journal in S3, DeleteObject on its
 *   `lease.json` only (releasing the writer's lease) and GetObject on other migrations' first journal entry (listing
 *   the migrations under the prefix); on precheck's probe
 *   folder `<prefix>/.precheck/` Put/Get and DeleteObject (with their *Version forms: precheck reads and deletes the
 *   exact version it wrote, so nothing is left behind on a versioned bucket); on the evidence bucket, when Object Lock
 *   retention is configured, PutObjectRetention and GetBucketObjectLockConfiguration (precheck checks the lock is on).
 * - KMS: Encrypt, Decrypt, GenerateDataKey, DescribeKey on the backup key when one is configured.
 */
import { JOURNAL_FIRST_ENTRY, JOURNAL_LEASE_FILE, joinKey, PRECHECK_PROBE_DIR } from './locations.js';
import { mskArnBuilder, type MskArnBuilder } from './msk-arns.js';
import type { MigrationPlan, PlannedCluster, ResourceSelection } from './plan-types.js';

export interface IamStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Record<string, Record<string, string[]>>;
}

export interface IamPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: IamStatement[];
}

/** What the policy is built from (a subset of the plan, so `buildPlan` can size it before the plan is complete). */
export type RunnerPolicyInputs = Pick<MigrationPlan, 'migrationId' | 'clusters' | 'settings' | 'locations'> & {
  readonly runnerAccess: { readonly topics: ResourceSelection; readonly groups: ResourceSelection };
};

/** Every action the runner policy may contain (tests check the rendered policies against it). */
export const RUNNER_POLICY_ACTIONS = [
  'kafka-cluster:Connect',
  'kafka-cluster:DescribeCluster',
  'kafka-cluster:DescribeClusterDynamicConfiguration',
  'kafka-cluster:DescribeTopic',
  'kafka-cluster:DescribeTopicDynamicConfiguration',
  'kafka-cluster:ReadData',
  'kafka-cluster:WriteData',
  'kafka-cluster:DescribeGroup',
  'kafka-cluster:CreateTopic',
  'kafka-cluster:AlterTopic',
  'kafka-cluster:AlterTopicDynamicConfiguration',
  'kafka-cluster:AlterGroup',
  'kafka:DescribeClusterV2',
  'kafka:GetBootstrapBrokers',
  'kafka:ListNodes',
  's3:ListBucket',
  's3:PutObject',
  's3:GetObject',
  's3:AbortMultipartUpload',
  's3:GetObjectVersion',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectRetention',
  's3:GetBucketObjectLockConfiguration',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
] as const;

const KMS_ALIAS_ARN = /^arn:([^:]+):kms:([^:]+):(\d{12}):alias\/(.+)$/;

export function buildRunnerPolicy(plan: RunnerPolicyInputs, options: { templated: boolean }): IamPolicyDocument {
  const { templated } = options;
  const { partition } = plan.settings.aws;
  const source = mskArnBuilder(plan.clusters.source, partition, templated);
  const target = mskArnBuilder(plan.clusters.target, partition, templated);
  const statements: IamStatement[] = [];
  const topics = plan.runnerAccess.topics.patterns;
  const groups = plan.runnerAccess.groups.patterns;

  const iamClusters = [
    plan.clusters.source.authMode === 'iam' ? source.cluster : undefined,
    plan.clusters.target.authMode === 'iam' ? target.cluster : undefined,
  ].filter((arn): arn is string => arn !== undefined);
  if (iamClusters.length > 0) {
    statements.push({
      Sid: 'ClustersConnectDescribe',
      Effect: 'Allow',
      Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:DescribeClusterDynamicConfiguration'],
      Resource: iamClusters,
    });
  }
  const dataPlane = (cluster: PlannedCluster, arns: MskArnBuilder, prefix: 'Source' | 'Target'): void => {
    if (cluster.authMode !== 'iam') return;
    if (topics.length > 0) {
      statements.push({
        Sid: prefix === 'Source' ? 'SourceTopicsReadAndSentinel' : 'TargetTopicsCreateWriteValidate',
        Effect: 'Allow',
        Action:
          prefix === 'Source'
            ? [
                'kafka-cluster:DescribeTopic',
                'kafka-cluster:DescribeTopicDynamicConfiguration',
                'kafka-cluster:ReadData',
                'kafka-cluster:WriteData',
              ]
            : [
                'kafka-cluster:CreateTopic',
                'kafka-cluster:DescribeTopic',
                'kafka-cluster:AlterTopic',
                'kafka-cluster:DescribeTopicDynamicConfiguration',
                'kafka-cluster:AlterTopicDynamicConfiguration',
                'kafka-cluster:WriteData',
                'kafka-cluster:ReadData',
              ],
        Resource: topics.map((topic) => arns.resource('topic', topic)),
      });
    }
    if (groups.length > 0) {
      statements.push({
        Sid: prefix === 'Source' ? 'SourceGroupsDescribe' : 'TargetGroupsCommitOffsets',
        Effect: 'Allow',
        Action: prefix === 'Source' ? ['kafka-cluster:DescribeGroup'] : ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
        Resource: groups.map((group) => arns.resource('group', group)),
      });
    }
  };
  dataPlane(plan.clusters.source, source, 'Source');
  dataPlane(plan.clusters.target, target, 'Target');

  const controlPlane = [
    plan.clusters.source.arn === null ? undefined : source.cluster,
    plan.clusters.target.arn === null ? undefined : target.cluster,
  ].filter((arn): arn is string => arn !== undefined);
  if (controlPlane.length > 0) {
    statements.push({
      Sid: 'MskControlPlaneRead',
      Effect: 'Allow',
      Action: ['kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', 'kafka:ListNodes'],
      Resource: controlPlane,
    });
  }

  const s3 = (bucket: string, key = ''): string => `arn:${partition}:s3:::${bucket}${key === '' ? '' : `/${key}`}`;
  const buckets = [
    {
      name: 'Backup',
      bucket: templated ? '${BACKUP_BUCKET}' : plan.settings.backup.bucket,
      prefix: plan.settings.backup.prefix,
      retention: false,
    },
    {
      name: 'Evidence',
      bucket: templated ? '${EVIDENCE_BUCKET}' : plan.settings.evidence.bucket,
      prefix: plan.settings.evidence.prefix,
      retention: plan.settings.evidence.retentionDays !== null,
    },
  ];
  const s3Journal = plan.locations.journal.kind === 's3';
  for (const { name, bucket, prefix, retention } of buckets) {
    const migrationKey = joinKey(prefix, plan.migrationId);
    const probeKey = joinKey(prefix, PRECHECK_PROBE_DIR);
    statements.push({
      Sid: `${name}BucketListMigrationPrefixes`,
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [s3(bucket)],
      Condition: { StringLike: { 's3:prefix': [`${migrationKey}/*`, `${probeKey}/*`] } },
    });
    const journalHere = s3Journal && name === 'Backup';
    if (journalHere) {
      statements.push({
        Sid: 'BackupBucketListMigrations',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [s3(bucket)],
        Condition: {
          StringEquals: prefix === '' ? { 's3:delimiter': ['/'] } : { 's3:prefix': [`${prefix}/`], 's3:delimiter': ['/'] },
        },
      });
    }
    statements.push({
      Sid: `${name}ObjectsReadWrite`,
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', ...(retention ? ['s3:PutObjectRetention'] : [])],
      Resource: [s3(bucket, `${migrationKey}/*`)],
    });
    if (journalHere) {
      statements.push({
        Sid: 'BackupJournalLeaseRelease',
        Effect: 'Allow',
        Action: ['s3:DeleteObject'],
        Resource: [s3(bucket, joinKey(migrationKey, JOURNAL_LEASE_FILE))],
      });
      statements.push({
        Sid: 'BackupJournalFirstEntries',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [s3(bucket, joinKey(prefix, '*', JOURNAL_FIRST_ENTRY))],
      });
    }
    statements.push({
      Sid: `${name}PrecheckProbe`,
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: [s3(bucket, `${probeKey}/*`)],
    });
    if (retention) {
      statements.push({
        Sid: `${name}BucketObjectLockRead`,
        Effect: 'Allow',
        Action: ['s3:GetBucketObjectLockConfiguration'],
        Resource: [s3(bucket)],
      });
    }
  }

  const keyArn = plan.settings.backup.kmsKeyArn;
  if (keyArn !== null) {
    const actions = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];
    const alias = KMS_ALIAS_ARN.exec(keyArn);
    if (alias !== null && !templated) {
      // KMS authorizes cryptographic calls on the key's ARN, never on an alias ARN: match the key by its alias.
      const [, keyPartition, region, account, aliasName] = alias as unknown as [string, string, string, string, string];
      statements.push({
        Sid: 'BackupKmsKeyByAlias',
        Effect: 'Allow',
        Action: actions,
        Resource: [`arn:${keyPartition}:kms:${region}:${account}:key/*`],
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [`alias/${aliasName}`] } },
      });
    } else {
      statements.push({ Sid: 'BackupKmsKey', Effect: 'Allow', Action: actions, Resource: [templated ? '${KMS_KEY_ARN}' : keyArn] });
    }
  }

  return { Version: '2012-10-17', Statement: statements };
}

export function renderIamPolicy(policy: IamPolicyDocument): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/** The size IAM counts against its managed-policy limit: the JSON without whitespace. */
export function policySize(policy: IamPolicyDocument): number {
  return JSON.stringify(policy).replace(/\s/g, '').length;
}

/** The `${NAME}` placeholders a rendered policy still holds, sorted. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(/\$\{[A-Z_]+\}/g) ?? [])].sort();
}
