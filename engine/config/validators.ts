/**
 * Checks for the string formats in the config. Each returns `undefined` when the value is fine, else a sentence
 * saying what was expected (the caller adds the key path, the value and the line).
 */

const PARTITION = 'aws(?:-cn|-us-gov|-iso|-iso-b)?';
const REGION_PART = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const ACCOUNT = '\\d{12}';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const CLUSTER_ARN = new RegExp(
  `^arn:${PARTITION}:kafka:(${REGION_PART}):(${ACCOUNT}):cluster/([A-Za-z0-9][A-Za-z0-9-]{0,63})/(${UUID}(?:-\\d+)?)$`,
);
const KMS_KEY_ARN = new RegExp(
  `^arn:${PARTITION}:kms:(${REGION_PART}):(${ACCOUNT}):(?:key/(?:${UUID}|mrk-[0-9a-f]{32})|alias/[A-Za-z0-9/_-]{1,250})$`,
);
const REGION = new RegExp(`^${REGION_PART}$`);

export const CLUSTER_ARN_EXPECTATION =
  'an MSK cluster ARN: arn:aws:kafka:<region>:<12-digit account>:cluster/<name>/<uuid>';
export const KMS_KEY_ARN_EXPECTATION =
  'a KMS key ARN: arn:aws:kms:<region>:<12-digit account>:key/<key id> (or :alias/<name>)';
export const REGION_EXPECTATION = 'an AWS region such as us-east-1';

export interface ClusterArnParts {
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  readonly clusterUuid: string;
}

export function parseClusterArn(arn: string): ClusterArnParts | undefined {
  const match = CLUSTER_ARN.exec(arn);
  if (match === null) return undefined;
  return {
    region: match[1] as string,
    accountId: match[2] as string,
    clusterName: match[3] as string,
    clusterUuid: match[4] as string,
  };
}

export function checkClusterArn(value: string): string | undefined {
  if (parseClusterArn(value) !== undefined) return undefined;
  if (/^arn:[^:]*:kafka-serverless:/.test(value)) return `${CLUSTER_ARN_EXPECTATION} (MSK Serverless is not supported)`;
  return CLUSTER_ARN_EXPECTATION;
}

export function checkKmsKeyArn(value: string): string | undefined {
  return KMS_KEY_ARN.test(value) ? undefined : KMS_KEY_ARN_EXPECTATION;
}

export function checkRegion(value: string): string | undefined {
  return REGION.test(value) ? undefined : REGION_EXPECTATION;
}

/** S3 general-purpose bucket naming rules; the message names the rule that was broken. */
export function checkBucketName(name: string): string | undefined {
  const rule = brokenBucketRule(name);
  return rule === undefined ? undefined : `an S3 bucket name (${rule})`;
}

function brokenBucketRule(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return '3 to 63 characters';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'no two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not look like an IP address';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) return `must not start with ${prefix}`;
  }
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) return `must not end with ${suffix}`;
  }
  return undefined;
}

export const URL_EXPECTATION = 'an http:// or https:// URL';

/** An http(s) URL without credentials in it (credentials belong in secret keys, not in a URL that gets logged). */
export function checkHttpUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return URL_EXPECTATION;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return URL_EXPECTATION;
  if (url.username !== '' || url.password !== '') {
    return `${URL_EXPECTATION} without user:password in it (credentials in a URL end up in logs)`;
  }
  return undefined;
}

/** Removes a `user:password@` part so a bad URL can be shown in an error without its credentials. */
export function stripUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1<redacted>@');
}

export const HOST_PORT_EXPECTATION = 'host:port, such as broker-1.example.com:9092, 10.0.0.5:9096 or [::1]:9092';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

export function checkHostPort(entry: string): string | undefined {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(entry);
  if (match === null) return HOST_PORT_EXPECTATION;
  const host = match[1] as string;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return `${HOST_PORT_EXPECTATION}; the port must be 1 to 65535`;
  if (!host.startsWith('[') && !HOSTNAME.test(host)) return HOST_PORT_EXPECTATION;
  return undefined;
}
