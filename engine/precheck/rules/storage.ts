/**
 * S3 and KMS, from the probes' results: backup bucket (B07), evidence bucket (B08), the backup channel's KMS key
 * (B18 when the probe failed, W03 when it was not probed), skipped bucket probes (W12) and probe objects that could
 * not be removed (W13).
 */
import { finding } from '../codes.js';
import type { Rule, RuleContext } from '../context.js';
import type { Finding } from '../finding.js';
import type { ProbeResult } from '../probe-types.js';

export function bucketSubject(bucket: string, prefix: string): string {
  return prefix === '' ? `s3://${bucket}` : `s3://${bucket}/${prefix}`;
}

function bucketFindings(context: RuleContext, which: 'backup' | 'evidence', probe: ProbeResult): Finding[] {
  const settings = context.config[which];
  const subject = bucketSubject(settings.s3Bucket, settings.s3Prefix);
  const key = `${which}.s3_bucket`;
  if (probe.ok === 'skipped') {
    return [
      finding(
        'W12',
        subject,
        `${which} bucket was not probed (${probe.reason}); write access to ${subject} is unverified`,
        `rerun precheck with the S3 probe, or check yourself that the caller can put, get and delete objects under ${subject}`,
      ),
    ];
  }
  if (probe.ok === false) {
    const permissions =
      which === 'backup'
        ? `s3:ListBucket, s3:PutObject, s3:GetObject and s3:DeleteObject${context.config.backup.kmsKeyArn !== undefined ? ' (and kms:GenerateDataKey / kms:Decrypt on backup.kms_key_arn)' : ''}`
        : `s3:ListBucket, s3:PutObject${context.config.evidence.retentionMs !== undefined ? ', s3:PutObjectRetention' : ''} and s3:DeleteObject${context.config.evidence.retentionMs !== undefined ? ' (evidence.retention also needs a bucket with S3 Object Lock enabled)' : ''}`;
    return [
      finding(
        which === 'backup' ? 'B07' : 'B08',
        subject,
        `${which} bucket ${subject} is not usable: ${probe.error}`,
        `check ${key} and ${which}.s3_prefix, the bucket's region (aws.region) and aws.endpoints.s3, and that the caller has ${permissions} on it`,
      ),
    ];
  }
  if (probe.leftover !== undefined) {
    return [
      finding(
        'W13',
        subject,
        `precheck probe object s3://${settings.s3Bucket}/${probe.leftover.key} could not be deleted (${probe.leftover.error}); the bucket is writable`,
        `delete it by hand (aws s3 rm s3://${settings.s3Bucket}/${probe.leftover.key}); grant s3:DeleteObject on ${subject} so the migration can clean up after itself`,
      ),
    ];
  }
  return [];
}

export const bucketRule: Rule = (context) => [
  ...bucketFindings(context, 'backup', context.probes.backupBucket),
  ...bucketFindings(context, 'evidence', context.probes.evidenceBucket),
];

export const kmsKeyRule: Rule = (context) => {
  const keyArn = context.config.backup.kmsKeyArn;
  if (keyArn === undefined) return [];
  const probe = context.probes.kmsKey ?? { ok: 'skipped', reason: 'not probed' };
  if (probe.ok === true) return [];
  if (probe.ok === 'skipped') {
    return [
      finding(
        'W03',
        keyArn,
        'KMS key ARN set on backup channel',
        'CMK access is not verified by this precheck phase; ensure the caller has kms:Encrypt/Decrypt/GenerateDataKey',
      ),
    ];
  }
  return [
    finding(
      'B18',
      keyArn,
      `KMS key ${keyArn} of the backup channel is not usable: ${probe.error}`,
      'check backup.kms_key_arn and aws.endpoints.kms, that the key is enabled and in the right region, and that its key policy or the caller\'s IAM policy allows kms:DescribeKey, kms:GenerateDataKey, kms:Encrypt and kms:Decrypt',
    ),
  ];
};

export const storageRules: readonly Rule[] = [bucketRule, kmsKeyRule];
