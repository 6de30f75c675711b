/**
 * What the runner needs to be allowed to do: how its IAM policy names topics and groups (as narrow as fits IAM's
 * managed-policy size), and the notes IAM JSON cannot carry (placeholders left in, Kafka ACLs for non-IAM clusters).
 */
import { IAM_MANAGED_POLICY_MAX_CHARS, MAX_LISTED_IAM_RESOURCES } from './assumptions.js';
import { buildRunnerPolicy, policySize, type RunnerPolicyInputs } from './iam-policy.js';
import { JOURNAL_LEASE_FILE, joinKey, PRECHECK_PROBE_DIR } from './locations.js';
import type { MigrationPlan, PlannedCluster, ResourceSelection, RunnerAccess } from './plan-types.js';
import { selectResources, type SelectionStrategy } from './resource-selection.js';

/** Narrowest first: topics stay named longest, groups widen first (there are usually more of them). */
const LADDER: ReadonlyArray<readonly [SelectionStrategy, SelectionStrategy]> = [
  ['listed', 'listed'],
  ['listed', 'prefixes'],
  ['prefixes', 'prefixes'],
  ['listed', 'all'],
  ['prefixes', 'all'],
  ['all', 'all'],
];

export function planRunnerAccess(
  base: Pick<MigrationPlan, 'migrationId' | 'clusters' | 'settings' | 'locations'>,
  topicNames: readonly string[],
  groupIds: readonly string[],
): RunnerAccess {
  const unconstrained = {
    topics: selectResources(topicNames, 'topics', MAX_LISTED_IAM_RESOURCES),
    groups: selectResources(groupIds, 'groups', MAX_LISTED_IAM_RESOURCES),
  };
  let chosen: Pick<RunnerAccess, 'topics' | 'groups'> | undefined;
  for (const [topicFloor, groupFloor] of LADDER) {
    const candidate = {
      topics: selectResources(topicNames, 'topics', MAX_LISTED_IAM_RESOURCES, topicFloor),
      groups: selectResources(groupIds, 'groups', MAX_LISTED_IAM_RESOURCES, groupFloor),
    };
    const inputs: RunnerPolicyInputs = { ...base, runnerAccess: candidate };
    chosen = candidate;
    if (policySize(buildRunnerPolicy(inputs, { templated: false })) <= IAM_MANAGED_POLICY_MAX_CHARS) break;
  }
  const picked = chosen as Pick<RunnerAccess, 'topics' | 'groups'>;
  const widened = (selection: ResourceSelection, narrowest: ResourceSelection): ResourceSelection =>
    selection.strategy === narrowest.strategy
      ? selection
      : {
          ...selection,
          reason: `${selection.reason}; widened from ${narrowest.strategy} so the policy fits IAM's ${IAM_MANAGED_POLICY_MAX_CHARS}-character managed-policy limit`,
        };
  const selection = { topics: widened(picked.topics, unconstrained.topics), groups: widened(picked.groups, unconstrained.groups) };
  return { ...selection, notes: runnerNotes(base) };
}

function runnerNotes(base: Pick<MigrationPlan, 'migrationId' | 'clusters' | 'settings' | 'locations'>): string[] {
  const notes: string[] = [];
  const { source, target } = base.clusters;
  for (const cluster of [source, target]) {
    if (cluster.authMode !== 'iam') {
      notes.push(
        `The ${cluster.role} cluster authenticates with ${cluster.authMode}: IAM does not authorize its Kafka requests, so the ` +
          `policies carry no kafka-cluster statements for it. If it has an authorizer, the runner's principal needs these ACLs: ` +
          kafkaAclsFor(cluster),
      );
    } else if (cluster.arn === null) {
      notes.push(
        `The ${cluster.role} cluster is given by bootstrap servers only: its cluster ARN parts are unknown, so ` +
          `iam-policy-concrete.json keeps \${${cluster.role.toUpperCase()}_...} placeholders for them; fill them from ` +
          '`aws kafka list-clusters-v2` (or name the cluster by cluster_arn in the config and plan again).',
      );
    }
    if (cluster.arn === null) {
      notes.push(`The ${cluster.role} cluster has no ARN: no MSK control-plane permissions are granted for it.`);
    }
  }
  const { backup, evidence } = base.settings;
  notes.push(
    `s3:ListBucket is limited to the prefixes ${joinKey(backup.prefix, base.migrationId)}/ and ` +
      `${joinKey(backup.prefix, PRECHECK_PROBE_DIR)}/ (and the same under ${evidence.prefix === '' ? 'the evidence bucket root' : `${evidence.prefix}/`}); ` +
      's3:DeleteObject is granted only on the precheck probe folders and, with the journal in S3, on the journal lease ' +
      `(${joinKey(backup.prefix, base.migrationId, JOURNAL_LEASE_FILE)}). A HeadBucket (no prefix) is therefore refused; ` +
      'precheck tolerates that and proves access by writing, reading and deleting its probe object instead.',
  );
  if (backup.kmsKeyArn !== null && /:alias\//.test(backup.kmsKeyArn)) {
    notes.push(
      'backup.kms_key_arn is an alias ARN: KMS authorizes by key ARN, so the concrete policy allows key/* in that account ' +
        'only where kms:ResourceAliases matches the alias; the templated policy expects ${KMS_KEY_ARN} to be the key ARN.',
    );
  }
  notes.push(
    'iam-policy-templated.json uses ${SOURCE_CLUSTER_ARN}, ${SOURCE_REGION}, ${SOURCE_ACCOUNT_ID}, ${SOURCE_CLUSTER_NAME}, ' +
      '${SOURCE_CLUSTER_UUID} (and TARGET_ likewise), ${BACKUP_BUCKET}, ${EVIDENCE_BUCKET} and ${KMS_KEY_ARN}: substitute them ' +
      '(e.g. with envsubst) before attaching it.',
  );
  return notes;
}

function kafkaAclsFor(cluster: PlannedCluster): string {
  return cluster.role === 'source'
    ? 'DESCRIBE and DESCRIBE_CONFIGS on the CLUSTER; READ, WRITE (cutover sentinels), DESCRIBE and DESCRIBE_CONFIGS on the ' +
        'selected topics; DESCRIBE on the selected groups.'
    : 'DESCRIBE, DESCRIBE_CONFIGS and ALTER (to create ACLs) on the CLUSTER; CREATE, WRITE, READ, DESCRIBE, ALTER, ' +
        'DESCRIBE_CONFIGS and ALTER_CONFIGS on the selected topics; READ and DESCRIBE on the selected groups.';
}
