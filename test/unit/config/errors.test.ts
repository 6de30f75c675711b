import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, loadConfig } from '../../../engine/config/index.js';
import { isMigrationError, MigrationError } from '../../../engine/errors.js';
import { ENV, invalid, lineFor, MINIMAL, problemLines, SOURCE_ARN, wrapEnterprise } from './helpers.js';

const P = 'enterprise.msk_kraft_migration';

describe('a bad value', () => {
  // Line numbers below are those of the wrapped text: MINIMAL's 8 lines start at line 3.
  const text = wrapEnterprise(`${MINIMAL}cutover:
  drain_timeout: 30 minutes
  drain_max_partition_lag: -5
seed:
  segment_max_bytes: 32 MB/s
topology:
  on_config_drift: ignore
`);
  const error = invalid(text, ENV, 'migration.yaml');

  it('is CONFIG_INVALID, a MigrationError with exit code 1 and a hint', () => {
    expect(isMigrationError(error)).toBe(true);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(1);
    expect(error.hint).toContain('docs/config.md');
  });

  it('names the file and line, the key path, the value and what was expected', () => {
    expect(lineFor(error, `${P}.cutover.drain_timeout`)).toBe(
      `migration.yaml:12: ${P}.cutover.drain_timeout: got "30 minutes"; expected a duration such as 500ms, 30s, 30m, 2h, 7d or 7y (y = 365 days), or a bare number of seconds`,
    );
    expect(lineFor(error, `${P}.cutover.drain_max_partition_lag`)).toBe(
      `migration.yaml:13: ${P}.cutover.drain_max_partition_lag: got -5; expected a whole number at least 0 (records)`,
    );
    expect(lineFor(error, `${P}.seed.segment_max_bytes`)).toMatch(
      /^migration\.yaml:15: .*: got "32 MB\/s"; expected a size such as 512KiB, 32MiB, 1GiB or 1MB/,
    );
  });

  it('lists allowed values for enums', () => {
    expect(lineFor(error, `${P}.topology.on_config_drift`)).toBe(
      `migration.yaml:17: ${P}.topology.on_config_drift: got "ignore"; expected one of: overwrite_with_source, keep_target, fail`,
    );
  });

  it('reports every problem at once, one per line, in file order', () => {
    const lines = problemLines(error);
    expect(error.message.split('\n')[0]).toBe('Config migration.yaml is not valid (4 problems):');
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => Number(/^migration\.yaml:(\d+):/.exec(line)?.[1]))).toEqual([12, 13, 15, 17]);
    expect(error.problems.map((problem) => problem.path.join('.'))).toEqual([
      `${P}.cutover.drain_timeout`,
      `${P}.cutover.drain_max_partition_lag`,
      `${P}.seed.segment_max_bytes`,
      `${P}.topology.on_config_drift`,
    ]);
  });
});

describe('unknown keys', () => {
  it('suggests the closest known key', () => {
    const error = invalid(`${MINIMAL}cutover:\n  drain_timout: 10m\n  drainStableWindow: 5s\n`);
    expect(lineFor(error, 'cutover.drain_timout')).toBe(
      '/cfg/migration.yaml:10: cutover.drain_timout: unknown key; did you mean `drain_timeout`?',
    );
    expect(lineFor(error, 'cutover.drainStableWindow')).toContain('did you mean `drain_stable_window`?');
  });

  it('lists the known keys when nothing is close', () => {
    const error = invalid(`${MINIMAL}seed:\n  parallelism: 8\n`);
    expect(lineFor(error, 'seed.parallelism')).toContain(
      'unknown key; expected one of: max_concurrent_partitions, segment_max_bytes',
    );
  });

  it('catches unknown keys at every level, including the layout wrapper', () => {
    const error = invalid(`enterprise:\n  msk_kraft_migrations: {}\n`);
    expect(lineFor(error, 'enterprise.msk_kraft_migrations')).toContain('did you mean `msk_kraft_migration`?');
    expect(lineFor(error, 'enterprise.msk_kraft_migration')).toMatch(
      /^\/cfg\/migration\.yaml:1: .*: missing; expected a mapping with source, target, backup and evidence/,
    );
  });
});

describe('required keys', () => {
  it('names each missing key with the line of its parent', () => {
    const error = invalid(wrapEnterprise('source:\n  bootstrap_servers: a:1\nbackup:\n  s3_prefix: x\n'));
    expect(lineFor(error, `${P}.target`)).toMatch(/^\/cfg\/migration\.yaml:2: .*: missing; expected a mapping with cluster_arn/);
    expect(lineFor(error, `${P}.backup.s3_bucket`)).toMatch(/^\/cfg\/migration\.yaml:5: .*: missing; expected an S3 bucket name/);
    expect(lineFor(error, `${P}.evidence`)).toMatch(/missing; expected a mapping with s3_bucket/);
  });

  it('needs cluster_arn or bootstrap_servers for each cluster', () => {
    const error = invalid(MINIMAL.replace('bootstrap_servers: 127.0.0.1:29092', 'auth: { mode: iam }'));
    expect(lineFor(error, 'target.cluster_arn')).toBe(
      '/cfg/migration.yaml:3: target.cluster_arn: missing; expected cluster_arn or bootstrap_servers (or both) to find the cluster',
    );
  });

  it('says so when the file is empty or not a mapping', () => {
    expect(problemLines(invalid('# nothing here\n'))).toEqual([
      '/cfg/migration.yaml: the file is empty; expected a mapping with source, target, backup and evidence',
    ]);
    expect(problemLines(invalid('- a\n- b\n'))[0]).toMatch(/^\/cfg\/migration\.yaml:1: got a list of 2 items; expected a mapping/);
  });
});

describe('auth and TLS rules', () => {
  const cluster = (lines: string) => MINIMAL.replace('bootstrap_servers: 127.0.0.1:19092', `bootstrap_servers: 127.0.0.1:19092\n${lines}`);

  it('scram-sha-512 requires username and password', () => {
    const error = invalid(cluster('  auth:\n    mode: scram-sha-512'));
    expect(lineFor(error, 'source.auth.username')).toBe(
      '/cfg/migration.yaml:3: source.auth.username: missing; expected a username: auth.mode scram-sha-512 requires username and password',
    );
    expect(lineFor(error, 'source.auth.password')).toContain('missing; expected a password');
  });

  it('iam with a username or password names them', () => {
    const error = invalid(cluster('  auth:\n    mode: iam\n    username: alice\n    password: ${SCRAM_PASSWORD}'));
    expect(lineFor(error, 'source.auth.username')).toBe(
      '/cfg/migration.yaml:5: source.auth.username: got "alice"; expected no username or password with auth.mode iam ' +
        '(IAM authenticates with AWS credentials, not a username and password); remove username',
    );
    expect(lineFor(error, 'source.auth.password')).toMatch(/^\/cfg\/migration\.yaml:6: .*got <redacted>; expected no username or password with auth\.mode iam/);
  });

  it('refuses an unknown auth mode with the allowed ones', () => {
    const error = invalid(cluster('  auth: { mode: sasl }'));
    expect(lineFor(error, 'source.auth.mode')).toContain('got "sasl"; expected one of: iam, scram-sha-512, tls, plaintext');
  });

  it('mutual TLS needs both cert_file and key_file', () => {
    const certOnly = invalid(cluster('  auth: { mode: tls }\n  tls:\n    cert_file: client.pem'));
    expect(lineFor(certOnly, 'source.tls.key_file')).toBe(
      '/cfg/migration.yaml:4: source.tls.key_file: missing; expected a key_file too: tls.cert_file is set and mutual TLS needs the certificate and its key',
    );
    const keyOnly = invalid(cluster('  auth: { mode: tls }\n  tls: { key_file: client.key }'));
    expect(lineFor(keyOnly, 'source.tls.cert_file')).toContain('missing; expected a cert_file too');
  });

  it('iam and tls modes cannot turn TLS off; TLS files need TLS on', () => {
    const error = invalid(cluster('  auth: { mode: iam }\n  tls:\n    enabled: false\n    ca_file: ca.pem'));
    expect(lineFor(error, 'source.tls.enabled')).toContain('got false; expected true, or no tls.enabled: auth.mode iam needs TLS');
    expect(lineFor(error, 'source.tls.ca_file')).toContain('expected no ca_file while tls.enabled is false');
  });
});

describe('formats', () => {
  it('validates cluster ARNs, buckets, KMS key ARNs, URLs, regions and host:port entries', () => {
    const text = `source:
  cluster_arn: arn:aws:kafka:us-east-1:1111:cluster/x/y
  bootstrap_servers: "good.example.com:9092,no-port"
target:
  bootstrap_servers:
    - ok:9092
    - bad:70000
backup:
  s3_bucket: My_Bucket
  kms_key_arn: arn:aws:kms:us-east-1:111122223333:alias
evidence:
  s3_bucket: 192.168.1.10
  retention: 36h
aws:
  region: US-EAST-1
  endpoints:
    s3: ftp://files.example.com
cutover:
  producer_freeze_webhook: https://ops:pa55word@hooks.example.com/freeze
`;
    const error = invalid(text);
    expect(lineFor(error, 'source.cluster_arn')).toMatch(
      /^\/cfg\/migration\.yaml:2: .*got "arn:aws:kafka:us-east-1:1111:cluster\/x\/y"; expected an MSK cluster ARN: arn:aws:kafka:<region>:<12-digit account>:cluster\/<name>\/<uuid>$/,
    );
    expect(lineFor(error, 'source.bootstrap_servers')).toContain('entry 2 ("no-port") is not');
    expect(lineFor(error, 'target.bootstrap_servers[1]')).toMatch(/^\/cfg\/migration\.yaml:7: .*"bad:70000".*the port must be 1 to 65535/);
    expect(lineFor(error, 'backup.s3_bucket')).toContain('expected an S3 bucket name (only lowercase letters, digits, dots and hyphens)');
    expect(lineFor(error, 'backup.kms_key_arn')).toContain('expected a KMS key ARN');
    expect(lineFor(error, 'evidence.s3_bucket')).toContain('must not look like an IP address');
    expect(lineFor(error, 'evidence.retention')).toContain('got "36h"; expected a whole number of days');
    expect(lineFor(error, 'aws.region')).toContain('expected an AWS region such as us-east-1');
    expect(lineFor(error, 'aws.endpoints.s3')).toMatch(/^\/cfg\/migration\.yaml:17: .*got "ftp:\/\/files\.example\.com"; expected an http:\/\/ or https:\/\/ URL$/);
    const webhook = lineFor(error, 'cutover.producer_freeze_webhook');
    expect(webhook).toContain('without user:password');
    expect(webhook).not.toContain('pa55word');
  });

  it('refuses reverse replication as not supported', () => {
    const error = invalid(`${MINIMAL}cutover:\n  reverse_replication_enabled: true\n`);
    expect(lineFor(error, 'cutover.reverse_replication_enabled')).toBe(
      '/cfg/migration.yaml:10: cutover.reverse_replication_enabled: got true; expected false: reverse replication is not supported; remove the key or set it to false',
    );
  });

  it('needs a drain window shorter than the drain timeout', () => {
    const error = invalid(`${MINIMAL}cutover:\n  drain_timeout: 1m\n  drain_stable_window: 5m\n`);
    expect(lineFor(error, 'cutover.drain_stable_window')).toContain('got "5m"; expected a window shorter than cutover.drain_timeout (1m)');
  });

  it('wants strings quoted rather than guessed from YAML numbers', () => {
    const error = invalid(MINIMAL.replace('s3_bucket: kb-backup', 's3_bucket: kb-backup\n  kms_key_arn: 12345'));
    expect(lineFor(error, 'backup.kms_key_arn')).toContain('got 12345; expected a KMS key ARN');
  });
});

describe('YAML syntax errors', () => {
  it('name the line and the reason, and never quote the file text', () => {
    const text = 'source:\n  auth:\n    password: "hunter2-in-file\nbackup: x\n';
    const error = invalid(text);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(problemLines(error)).toHaveLength(1);
    expect(problemLines(error)[0]).toMatch(/^\/cfg\/migration\.yaml:\d+: YAML syntax error at column \d+: /);
    expect(error.message).not.toContain('hunter2');
  });

  it('report duplicate keys with their line', () => {
    const error = invalid(`${MINIMAL}seed: {}\nseed: {}\n`);
    expect(problemLines(error)[0]).toMatch(/^\/cfg\/migration\.yaml:10: YAML syntax error at column \d+: duplicated mapping key/);
  });
});

describe('loadConfig', () => {
  it('raises CONFIG_NOT_FOUND naming the path when the file is missing', async () => {
    const path = join(tmpdir(), 'kb-config-does-not-exist', 'migration.yaml');
    const error = await loadConfig(path, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('CONFIG_NOT_FOUND');
    expect((error as MigrationError).message).toBe(`Config file ${path} does not exist`);
    expect((error as MigrationError).exitCode).toBe(1);
  });

  it('raises CONFIG_NOT_FOUND for a folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kb-config-'));
    const error = await loadConfig(folder, {}).catch((caught: unknown) => caught);
    expect((error as MigrationError).code).toBe('CONFIG_NOT_FOUND');
    expect((error as MigrationError).message).toContain('is a directory');
  });

  it('reads, validates and resolves paths against the file folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kb-config-'));
    await mkdir(join(folder, 'nested'));
    const path = join(folder, 'nested', 'migration.yaml');
    await writeFile(path, MINIMAL.replace('s3_bucket: kb-evidence', 's3_bucket: kb-evidence\n  signing_key_path: ../sign.pem'));
    const config = await loadConfig(path, {});
    expect(config.evidence.signingKeyPath).toBe(join(folder, 'sign.pem'));
  });

  it('names the file as given in CONFIG_INVALID lines', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kb-config-'));
    const path = join(folder, 'migration.yaml');
    await writeFile(path, MINIMAL.replace('kb-backup', 'KB'));
    const error = await loadConfig(path, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect(lineFor(error as ConfigInvalidError, 'backup.s3_bucket')).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6: `));
  });

  it('accepts an ARN-only cluster from the reference layout', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kb-config-'));
    const path = join(folder, 'migration.yaml');
    await writeFile(path, wrapEnterprise(MINIMAL.replace('bootstrap_servers: 127.0.0.1:19092', `cluster_arn: ${SOURCE_ARN}`)));
    await expect(loadConfig(path, {})).resolves.toMatchObject({ source: { clusterArn: SOURCE_ARN } });
  });
});
