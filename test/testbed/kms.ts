/**
 * A few KMS calls against moto as plain SigV4-signed JSON requests (the project has no KMS client dependency).
 */
import { createHash, createHmac } from 'node:crypto';

export interface AwsTarget {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256Hex = (data: string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

async function kmsCall<T>(aws: AwsTarget, action: string, body: object): Promise<T> {
  const url = new URL(aws.endpoint);
  const payload = JSON.stringify(body);
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const target = `TrentService.${action}`;
  const signedHeaders = 'content-type;host;x-amz-date;x-amz-target';
  const canonical = [
    'POST',
    '/',
    '',
    'content-type:application/x-amz-json-1.1',
    `host:${url.host}`,
    `x-amz-date:${amzDate}`,
    `x-amz-target:${target}`,
    '',
    signedHeaders,
    sha256Hex(payload),
  ].join('\n');
  const scope = `${day}/${aws.region}/kms/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${aws.secretAccessKey}`, day), aws.region), 'kms'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  const response = await fetch(new URL('/', url), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-date': amzDate,
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=${aws.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`KMS ${action} at ${aws.endpoint} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface KeyMetadata {
  KeyId: string;
  Arn: string;
}

/** The ARN of the key behind `aliasName`, creating key and alias when the alias does not exist yet. */
export async function ensureKmsKey(aws: AwsTarget, aliasName: string, description: string): Promise<string> {
  const { Aliases = [] } = await kmsCall<{ Aliases?: { AliasName: string; TargetKeyId?: string }[] }>(
    aws,
    'ListAliases',
    {},
  );
  const existing = Aliases.find((alias) => alias.AliasName === aliasName && alias.TargetKeyId);
  if (existing?.TargetKeyId) {
    const { KeyMetadata } = await kmsCall<{ KeyMetadata: KeyMetadata }>(aws, 'DescribeKey', {
      KeyId: existing.TargetKeyId,
    });
    return KeyMetadata.Arn;
  }
  const { KeyMetadata } = await kmsCall<{ KeyMetadata: KeyMetadata }>(aws, 'CreateKey', {
    Description: description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
  });
  await kmsCall(aws, 'CreateAlias', { AliasName: aliasName, TargetKeyId: KeyMetadata.KeyId });
  return KeyMetadata.Arn;
}
