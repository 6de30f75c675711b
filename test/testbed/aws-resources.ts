/** What `up` creates in moto, idempotently: the backup bucket, the evidence bucket (Object Lock) and a KMS key. */
import {
  CreateBucketCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ensureKmsKey, type AwsTarget } from './kms.js';

export const BACKUP_BUCKET = 'kb-backup';
export const EVIDENCE_BUCKET = 'kb-evidence';
export const KMS_ALIAS = 'alias/kb-backup';

export interface AwsResources {
  backupBucket: string;
  evidenceBucket: string;
  kmsKeyArn: string;
}

async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return false;
    throw error;
  }
}

export async function ensureAwsResources(aws: AwsTarget): Promise<AwsResources> {
  const s3 = new S3Client({
    region: aws.region,
    endpoint: aws.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey },
  });
  try {
    if (!(await bucketExists(s3, BACKUP_BUCKET))) {
      await s3.send(new CreateBucketCommand({ Bucket: BACKUP_BUCKET }));
    }
    if (!(await bucketExists(s3, EVIDENCE_BUCKET))) {
      await s3.send(new CreateBucketCommand({ Bucket: EVIDENCE_BUCKET, ObjectLockEnabledForBucket: true }));
    }
    const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: EVIDENCE_BUCKET }));
    if (lock.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') {
      throw new Error(`bucket ${EVIDENCE_BUCKET} exists without Object Lock; restart moto (testbed down, then up)`);
    }
  } finally {
    s3.destroy();
  }
  const kmsKeyArn = await ensureKmsKey(aws, KMS_ALIAS, 'kafka-backup test bed: backup channel key');
  return { backupBucket: BACKUP_BUCKET, evidenceBucket: EVIDENCE_BUCKET, kmsKeyArn };
}
