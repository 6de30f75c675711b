/**
 * An S3 client built from the config's `aws` settings: region, named profile, endpoint override (a VPC endpoint, or
 * moto in tests) and path-style addressing. Credentials come from the default provider chain unless given.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AwsSettings } from '../config/types.js';

export interface AwsClientOptions {
  /** Explicit credentials; the default provider chain (env, profile, SSO, container/instance role) when absent. */
  readonly credentials?: S3ClientConfig['credentials'];
  /** Region for this client, when it must differ from `aws.region` (e.g. a KMS key's own region). */
  readonly region?: string;
  /** Attempts per call, retries included (SDK default 3). */
  readonly maxAttempts?: number;
  /** Milliseconds to wait for a connection before calling the endpoint unreachable (default 5 s). */
  readonly connectionTimeoutMs?: number;
  /** Milliseconds a request may take in all (default 30 s). */
  readonly requestTimeoutMs?: number;
}

/** The shared part of every AWS client's config; never holds secrets unless `credentials` is passed. */
export function awsClientConfig(aws: AwsSettings, endpoint: string | undefined, options: AwsClientOptions = {}) {
  const region = options.region ?? aws.region;
  return {
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(aws.profile === undefined ? {} : { profile: aws.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? 5_000, requestTimeout: options.requestTimeoutMs ?? 30_000 },
  };
}

export function createS3Client(aws: AwsSettings, options: AwsClientOptions = {}): S3Client {
  return new S3Client({ ...awsClientConfig(aws, aws.endpoints.s3, options), forcePathStyle: aws.s3ForcePathStyle });
}
