/** A KMS client built from the config's `aws` settings, in the key's own region when its ARN names one. */
import { KMSClient } from '@aws-sdk/client-kms';
import type { AwsSettings } from '../config/types.js';
import { awsClientConfig, type AwsClientOptions } from './s3-client.js';

/** `arn:aws:kms:<region>:<account>:key/<id>` or `.../alias/<name>` → region; undefined for bare ids and alias names. */
export function regionFromKmsKeyArn(keyArn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(key|alias)\//.exec(keyArn);
  return match?.[1];
}

export function createKmsClient(aws: AwsSettings, keyArn: string | undefined, options: AwsClientOptions = {}): KMSClient {
  const region = options.region ?? (keyArn === undefined ? undefined : regionFromKmsKeyArn(keyArn));
  return new KMSClient(awsClientConfig(aws, aws.endpoints.kms, { ...options, ...(region === undefined ? {} : { region }) }));
}
