import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { ConfigInvalidError, parseConfig } from '../../../engine/config/index.js';
import { ENV } from './helpers.js';
import { allKeyPaths } from './schema-keys.js';

const FULL = {
  source: {
    cluster_arn: 'arn:aws:kafka:us-east-1:111122223333:cluster/a/11111111-2222-3333-4444-555555555555-1',
    bootstrap_servers: ['a:1'],
    auth: { mode: 'scram-sha-512', username: 'u', password: ENV.SCRAM_PASSWORD },
    tls: { enabled: true, ca_file: 'ca.pem', cert_file: 'c.pem', key_file: 'k.pem' },
  },
  target: { bootstrap_servers: 'b:1', auth: { mode: 'iam' }, tls: { enabled: true } },
  topics: { include: ['*'], exclude: [] },
  groups: { include: ['*'], exclude: [] },
  aws: { region: 'us-east-1', profile: 'p', endpoints: { kafka: 'http://x', s3: 'http://y', kms: 'http://z' }, s3_force_path_style: true },
  backup: { s3_bucket: 'kb-backup', s3_prefix: 'p', kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:alias/kb' },
  evidence: { s3_bucket: 'kb-evidence', s3_prefix: 'e', retention: '7y', signing_key_path: 's.pem' },
  cutover: {
    drain_timeout: '30m',
    drain_max_partition_lag: 100,
    drain_stable_window: '30s',
    max_producer_freeze: '60s',
    producer_freeze_webhook: 'https://h/x',
    producer_freeze_webhook_secret: ENV.FREEZE_HMAC_SECRET,
    reverse_replication_enabled: false,
  },
  validation: { count_tolerance: 1, spot_check_records_per_partition: 3 },
  seed: { max_concurrent_partitions: 4, segment_max_bytes: '32MiB' },
  topology: { on_config_drift: 'fail' },
  acl: { on_drift: 'skip' },
};

function withValue(path: string, value: unknown): unknown {
  const copy = structuredClone(FULL) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1] as string] = value;
  return copy;
}

describe('any wrong value at any key', () => {
  it('the full document is valid to begin with', () => {
    expect(() => parseConfig(yaml.dump(FULL), { env: ENV, filePath: 'm.yaml' })).not.toThrow();
  });

  const paths = allKeyPaths();
  const wrongValues: unknown[] = ['nonsense value', -7, [1, 'two'], { nested: true }, true];
  it.each(paths)('%s: refused with a config problem for that key, never a crash', (path) => {
    for (const value of wrongValues) {
      const text = yaml.dump(withValue(path, value));
      try {
        parseConfig(text, { env: ENV, filePath: 'm.yaml' });
      } catch (error) {
        expect(error, `${path} = ${JSON.stringify(value)}`).toBeInstanceOf(ConfigInvalidError);
        const problems = (error as ConfigInvalidError).problems;
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(problem.line, JSON.stringify(problem)).toBeGreaterThan(0);
        expect((error as Error).message).not.toContain(ENV.SCRAM_PASSWORD);
        expect((error as Error).message).not.toContain(ENV.FREEZE_HMAC_SECRET);
      }
    }
  });
});
