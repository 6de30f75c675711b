/**
 * `aws-cli.sh`: the AWS infrastructure this migration needs, created only where missing. It never changes or
 * removes anything that exists: bucket settings are applied only to a bucket the script has just created, the MSK
 * configuration only if none of that name exists, and applying it to the target is printed, not run.
 */
import { joinKey } from './locations.js';
import type { MigrationPlan } from './plan-types.js';
import { shellQuote } from './shell-quote.js';

/** MSK configuration names: letters, digits and hyphens. */
export function mskConfigurationName(plan: MigrationPlan): string {
  const base = `kafka-backup-${plan.migrationId}`.replace(/[^A-Za-z0-9-]/g, '-');
  return base.slice(0, 64).replace(/-+$/, '');
}

/** An MSK Kafka version string (`3.9.x`, `4.1.x.kraft`) from the control plane, else undefined. */
function mskKafkaVersion(version: string | null): string | undefined {
  return version !== null && /^\d+\.\d+\.x(\.kraft)?$/.test(version) ? version : undefined;
}

const PUBLIC_ACCESS_BLOCK = 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true';

export function renderAwsCli(plan: MigrationPlan): string {
  const { settings } = plan;
  const keyArn = settings.backup.kmsKeyArn;
  const retentionDays = settings.evidence.retentionDays;
  const target = plan.clusters.target;
  const q = shellQuote;

  const backupEncryption = JSON.stringify({
    Rules: [
      keyArn === null
        ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }
        : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true },
    ],
  });
  const evidenceEncryption = JSON.stringify({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });

  const globalArgs = (region: string, endpoint: string | null): string =>
    [`--region "${region}"`, settings.aws.profile === null ? '' : `--profile ${q(settings.aws.profile)}`, endpoint === null ? '' : `--endpoint-url ${q(endpoint)}`]
      .filter((part) => part !== '')
      .join(' ');

  const brokerSettings = plan.targetBrokerSettings;
  const kafkaVersion = mskKafkaVersion(target.kafkaVersion);

  const lines: string[] = [
    '#!/usr/bin/env bash',
    `# AWS infrastructure for migration ${plan.migrationId}, written by \`kafka-backup migrate msk-kraft plan\`.`,
    '#',
    '# Creates only what is missing, and changes nothing that already exists:',
    `#   - the segment (backup) bucket ${settings.backup.bucket}: ${keyArn === null ? 'SSE-S3' : 'SSE-KMS with the backup key (S3 Bucket Key on)'}, public access blocked;`,
    `#   - the evidence bucket ${settings.evidence.bucket}: SSE-S3, public access blocked` +
      (retentionDays === null ? ';' : `, S3 Object Lock with ${retentionDays} days default retention;`),
    '#     (SSE-S3, not the backup key: the evidence outlives the migration and must stay readable if that key is retired)',
    '#   - an MSK configuration for the target carrying the source brokers\' settings.',
    '# Bucket settings are applied only to a bucket this script has just created. Review, then run: bash aws-cli.sh',
    '# Needs the AWS CLI and credentials allowed s3:CreateBucket, s3:PutBucket*, s3:PutEncryptionConfiguration,',
    '# kafka:ListConfigurations, kafka:CreateConfiguration and kafka:DescribeConfiguration.',
    'set -euo pipefail',
    '',
    plan.region === null
      ? 'REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"\n[ -n "$REGION" ] || { echo "the plan names no region: set AWS_REGION" >&2; exit 2; }'
      : `REGION=${q(plan.region)}`,
    `MIGRATION_ID=${q(plan.migrationId)}`,
    `BACKUP_BUCKET=${q(settings.backup.bucket)}`,
    `EVIDENCE_BUCKET=${q(settings.evidence.bucket)}`,
    '# The MSK configuration is created where the target cluster is; the buckets in the migration\'s region.',
    target.region === null || target.region === plan.region ? 'TARGET_REGION="$REGION"' : `TARGET_REGION=${q(target.region)}`,
    `S3=(aws ${globalArgs('$REGION', settings.aws.s3Endpoint)})`,
    `KAFKA=(aws ${globalArgs('$TARGET_REGION', settings.aws.kafkaEndpoint)})`,
    '',
    'say() { printf \'%s\\n\' "$*" >&2; }',
    '',
    '# us-east-1 takes no LocationConstraint; every other region needs one.',
    'LOCATION=()',
    'if [ "$REGION" != "us-east-1" ]; then LOCATION=(--create-bucket-configuration "LocationConstraint=$REGION"); fi',
    '',
  ];

  if (retentionDays !== null) {
    lines.push(
      `EVIDENCE_RETENTION_DAYS=${retentionDays}`,
      '# COMPLIANCE: nobody, the root user included, can shorten or lift the retention of a locked object.',
      '# GOVERNANCE: principals with s3:BypassGovernanceRetention can. Choose with EVIDENCE_LOCK_MODE=GOVERNANCE bash aws-cli.sh',
      'EVIDENCE_LOCK_MODE="${EVIDENCE_LOCK_MODE:-COMPLIANCE}"',
      'case "$EVIDENCE_LOCK_MODE" in',
      '  COMPLIANCE | GOVERNANCE) ;;',
      '  *) say "EVIDENCE_LOCK_MODE must be COMPLIANCE or GOVERNANCE, not $EVIDENCE_LOCK_MODE"; exit 2 ;;',
      'esac',
      '',
    );
  }

  lines.push(
    `# 1. Segment (backup) bucket: seed segments under ${joinKey(settings.backup.prefix, plan.migrationId)}/segments/` +
      (plan.locations.journal.kind === 's3' ? ' and the journal' : ''),
    'if "${S3[@]}" s3api head-bucket --bucket "$BACKUP_BUCKET" >/dev/null 2>&1; then',
    '  say "bucket $BACKUP_BUCKET exists (or is not yours to see): left as it is; precheck checks that it is usable"',
    'else',
    '  say "creating bucket $BACKUP_BUCKET in $REGION"',
    '  "${S3[@]}" s3api create-bucket --bucket "$BACKUP_BUCKET" ${LOCATION[@]+"${LOCATION[@]}"} >/dev/null',
    `  "\${S3[@]}" s3api put-public-access-block --bucket "$BACKUP_BUCKET" --public-access-block-configuration ${q(PUBLIC_ACCESS_BLOCK)}`,
    `  "\${S3[@]}" s3api put-bucket-encryption --bucket "$BACKUP_BUCKET" --server-side-encryption-configuration ${q(backupEncryption)}`,
    'fi',
    '',
    `# 2. Evidence bucket: the signed evidence bundle under ${joinKey(settings.evidence.prefix, plan.migrationId)}/`,
    'if "${S3[@]}" s3api head-bucket --bucket "$EVIDENCE_BUCKET" >/dev/null 2>&1; then',
    '  say "bucket $EVIDENCE_BUCKET exists (or is not yours to see): left as it is; precheck checks that it is usable"',
  );
  if (retentionDays !== null) {
    lines.push(
      '  if ! "${S3[@]}" s3api get-object-lock-configuration --bucket "$EVIDENCE_BUCKET" >/dev/null 2>&1; then',
      '    say "WARNING: $EVIDENCE_BUCKET has no Object Lock, which can only be enabled when a bucket is created:"',
      '    say "         evidence.retention cannot be applied there; name a new evidence bucket in the config and plan again"',
      '  fi',
    );
  }
  lines.push(
    'else',
    '  say "creating bucket $EVIDENCE_BUCKET in $REGION"',
    `  "\${S3[@]}" s3api create-bucket --bucket "$EVIDENCE_BUCKET" \${LOCATION[@]+"\${LOCATION[@]}"}${retentionDays === null ? '' : ' --object-lock-enabled-for-bucket'} >/dev/null`,
    `  "\${S3[@]}" s3api put-public-access-block --bucket "$EVIDENCE_BUCKET" --public-access-block-configuration ${q(PUBLIC_ACCESS_BLOCK)}`,
    `  "\${S3[@]}" s3api put-bucket-encryption --bucket "$EVIDENCE_BUCKET" --server-side-encryption-configuration ${q(evidenceEncryption)}`,
  );
  if (retentionDays !== null) {
    lines.push(
      '  "${S3[@]}" s3api put-object-lock-configuration --bucket "$EVIDENCE_BUCKET" --object-lock-configuration \\',
      '    "{\\"ObjectLockEnabled\\":\\"Enabled\\",\\"Rule\\":{\\"DefaultRetention\\":{\\"Mode\\":\\"$EVIDENCE_LOCK_MODE\\",\\"Days\\":$EVIDENCE_RETENTION_DAYS}}}"',
    );
  }
  lines.push('fi', '');

  lines.push(
    "# 3. MSK configuration for the target, from the source brokers' settings:",
    ...brokerSettings.properties.map((property) => `#   ${property.name}=${property.value}: ${property.why}`),
    ...(brokerSettings.withheld.length === 0
      ? []
      : [
          '# Withheld until after finalize (set them then if clients need them):',
          ...brokerSettings.withheld.map((item) => `#   ${item.name}=${item.value}: ${item.reason}`),
        ]),
    ...(brokerSettings.unknown.length === 0
      ? []
      : [`# Not reported by the source brokers (look them up in the source MSK configuration): ${brokerSettings.unknown.join(', ')}`]),
    `MSK_CONFIGURATION_NAME=${q(mskConfigurationName(plan))}`,
    `SERVER_PROPERTIES=${q(brokerSettings.properties.map((property) => `${property.name}=${property.value}`).join('\n'))}`,
    'CONFIGURATION_ARN="$("${KAFKA[@]}" kafka list-configurations --query "Configurations[?Name==\'$MSK_CONFIGURATION_NAME\'].Arn" --output text)"',
    'if [ -n "$CONFIGURATION_ARN" ] && [ "$CONFIGURATION_ARN" != "None" ]; then',
    '  say "MSK configuration $MSK_CONFIGURATION_NAME exists: $CONFIGURATION_ARN (left as it is)"',
    'else',
    '  say "creating MSK configuration $MSK_CONFIGURATION_NAME"',
    '  CONFIGURATION_ARN="$("${KAFKA[@]}" kafka create-configuration --name "$MSK_CONFIGURATION_NAME" \\',
    `    --description ${q(`kafka-backup migration ${plan.migrationId}: source broker settings for the KRaft target`)} \\`,
    ...(kafkaVersion === undefined ? [] : [`    --kafka-versions ${q(kafkaVersion)} \\`]),
    '    --server-properties fileb://<(printf \'%s\\n\' "$SERVER_PROPERTIES") \\',
    '    --query Arn --output text)"',
    'fi',
    'REVISION="$("${KAFKA[@]}" kafka describe-configuration --arn "$CONFIGURATION_ARN" --query LatestRevision.Revision --output text)"',
    '',
  );

  if (target.arn === null) {
    lines.push(
      'say "The target is not named by cluster ARN in the config: attach configuration $CONFIGURATION_ARN (revision $REVISION) to it yourself."',
    );
  } else {
    lines.push(
      '# 4. Applying the configuration restarts the target brokers one by one. The target is new and empty, but this',
      '#    script still only prints the command: run it yourself, before execute.',
      `TARGET_CLUSTER_ARN=${q(target.arn)}`,
      'say "Apply the configuration to the target (rolling restart), before execute:"',
      'say "  aws kafka update-cluster-configuration --region $TARGET_REGION --cluster-arn $TARGET_CLUSTER_ARN \\\\"',
      'say "    --configuration-info Arn=$CONFIGURATION_ARN,Revision=$REVISION \\\\"',
      'say "    --current-version \\"\\$(aws kafka describe-cluster-v2 --region $TARGET_REGION --cluster-arn $TARGET_CLUSTER_ARN --query ClusterInfo.CurrentVersion --output text)\\""',
    );
  }
  lines.push('say "done: migration $MIGRATION_ID infrastructure is in place"', '');
  return lines.join('\n');
}
