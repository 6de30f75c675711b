/**
 * `.testbed/env`: the bed's addresses and credentials as shell-sourceable `KEY='value'` lines
 * (`set -a; . .testbed/env; set +a`), read by tests through `loadTestbedEnv()`.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { BED_DIR, ENV_FILE } from './paths.js';

export const ENV_KEYS = [
  'SOURCE_BOOTSTRAP',
  'SOURCE_SCRAM_BOOTSTRAP',
  'TARGET_BOOTSTRAP',
  'TARGET_SCRAM_TLS_BOOTSTRAP',
  'SCRAM_USERNAME',
  'SCRAM_PASSWORD',
  'TARGET_CA_FILE',
  'S3_ENDPOINT',
  'MSK_ENDPOINT',
  'KMS_ENDPOINT',
  'KMS_KEY_ARN',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'SOURCE_CLUSTER_ARN',
  'TARGET_CLUSTER_ARN',
  'BACKUP_BUCKET',
  'EVIDENCE_BUCKET',
  'KAFKA_SOURCE_LIBS',
  'KAFKA_TARGET_LIBS',
] as const;

export type TestbedEnvKey = (typeof ENV_KEYS)[number];
export type TestbedEnv = Record<TestbedEnvKey, string>;

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export function formatEnvFile(env: TestbedEnv): string {
  const lines = ENV_KEYS.map((key) => `${key}=${shellQuote(env[key])}`);
  return `# Written by \`npm run testbed -- up\`; load with: set -a; . .testbed/env; set +a\n${lines.join('\n')}\n`;
}

export function parseEnvFile(text: string): Partial<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)='(.*)'$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) values[match[1]] = match[2].replace(/'\\''/g, "'");
  }
  return values;
}

/** Writes atomically (rename), mode 0600: it holds the SCRAM password. */
export function writeEnvFile(env: TestbedEnv): void {
  mkdirSync(BED_DIR, { recursive: true });
  const partial = `${ENV_FILE}.partial`;
  writeFileSync(partial, formatEnvFile(env), { mode: 0o600 });
  renameSync(partial, ENV_FILE);
}

export function readEnvFile(file = ENV_FILE): TestbedEnv {
  const values = parseEnvFile(readFileSync(file, 'utf8'));
  const missing = ENV_KEYS.filter((key) => values[key] === undefined);
  if (missing.length > 0) throw new Error(`${file} lacks ${missing.join(', ')}; run \`npm run testbed -- up\` again`);
  return Object.fromEntries(ENV_KEYS.map((key) => [key, values[key] ?? ''])) as TestbedEnv;
}
