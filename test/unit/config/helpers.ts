import { expect } from 'vitest';
import { ConfigInvalidError, parseConfig, type MigrationConfig } from '../../../engine/config/index.js';
import { isMigrationError, type MigrationError } from '../../../engine/errors.js';

export const ENV = {
  SCRAM_USERNAME: 'svc-migrator',
  SCRAM_PASSWORD: 'pw-Zk7#qLm!9vR2',
  FREEZE_HMAC_SECRET: 'hmac-Jx83mWq0pLs',
} as const;

export const SOURCE_ARN =
  'arn:aws:kafka:us-east-1:111122223333:cluster/source-zk/11111111-2222-3333-4444-555555555555-1';
export const TARGET_ARN =
  'arn:aws:kafka:us-west-2:111122223333:cluster/target-kraft/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-3';

/** The smallest valid file, root layout: only the required keys. */
export const MINIMAL = `source:
  bootstrap_servers: 127.0.0.1:19092
target:
  bootstrap_servers: 127.0.0.1:29092
backup:
  s3_bucket: kb-backup
evidence:
  s3_bucket: kb-evidence
`;

/** Indents a root-layout body under `enterprise.msk_kraft_migration`. */
export function wrapEnterprise(body: string): string {
  const indented = body
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
  return `enterprise:\n  msk_kraft_migration:\n${indented}`;
}

export function parse(text: string, env: NodeJS.ProcessEnv = ENV, filePath = '/cfg/migration.yaml'): MigrationConfig {
  return parseConfig(text, { env, filePath });
}

/** The ConfigInvalidError a text raises; fails the test when it parses. */
export function invalid(text: string, env: NodeJS.ProcessEnv = ENV, filePath = '/cfg/migration.yaml'): ConfigInvalidError {
  try {
    parseConfig(text, { env, filePath });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigInvalidError);
    return error as ConfigInvalidError;
  }
  throw new Error('expected the config to be refused, but it parsed');
}

/** The message lines (one per problem) after the heading. */
export function problemLines(error: MigrationError): string[] {
  expect(isMigrationError(error)).toBe(true);
  return error.message.split('\n').slice(1).map((line) => line.trim());
}

/** The one problem line that names `keyPath`; fails unless exactly one does. */
export function lineFor(error: MigrationError, keyPath: string): string {
  const matches = problemLines(error).filter((line) => line.includes(` ${keyPath}: `));
  expect(matches, `problem lines for ${keyPath}:\n${error.message}`).toHaveLength(1);
  return matches[0] as string;
}
