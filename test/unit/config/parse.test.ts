import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../engine/config/index.js';
import { ENV, MINIMAL, parse, SOURCE_ARN, TARGET_ARN, wrapEnterprise } from './helpers.js';

describe('defaults', () => {
  const config = parse(MINIMAL, {});

  it('fills every optional key with its documented default', () => {
    expect(config.topics).toEqual({ include: ['*'], exclude: [] });
    expect(config.groups).toEqual({ include: ['*'], exclude: [] });
    expect(config.backup).toEqual({ s3Bucket: 'kb-backup', s3Prefix: 'kafka-backup/msk-kraft', kmsKeyArn: undefined });
    expect(config.evidence).toEqual({
      s3Bucket: 'kb-evidence',
      s3Prefix: 'evidence',
      retentionMs: undefined,
      signingKeyPath: undefined,
    });
    expect(config.cutover).toEqual({
      drainTimeoutMs: 30 * 60_000,
      drainMaxPartitionLag: 100,
      drainStableWindowMs: 30_000,
      maxProducerFreezeMs: 60_000,
      producerFreezeWebhook: undefined,
      producerFreezeWebhookSecret: undefined,
      reverseReplicationEnabled: false,
    });
    expect(config.validation).toEqual({ countTolerance: 1, spotCheckRecordsPerPartition: 3 });
    expect(config.seed).toEqual({ maxConcurrentPartitions: 4, segmentMaxBytes: 32 * 1024 * 1024 });
    expect(config.topology).toEqual({ onConfigDrift: 'overwrite_with_source' });
    expect(config.acl).toEqual({ onDrift: 'merge' });
    expect(config.aws).toEqual({ region: undefined, profile: undefined, endpoints: {}, s3ForcePathStyle: false });
  });

  it('connects to bare bootstrap servers without authentication or TLS by default', () => {
    expect(config.source).toEqual({
      clusterArn: undefined,
      bootstrapServers: ['127.0.0.1:19092'],
      region: undefined,
      auth: { mode: 'plaintext' },
      tls: { enabled: false, caFile: undefined, certFile: undefined, keyFile: undefined },
    });
  });

  it('uses IAM over TLS for a cluster named only by ARN, and takes its region from the ARN', () => {
    const arnOnly = parse(MINIMAL.replace('bootstrap_servers: 127.0.0.1:19092', `cluster_arn: ${SOURCE_ARN}`), {});
    expect(arnOnly.source.auth).toEqual({ mode: 'iam' });
    expect(arnOnly.source.tls.enabled).toBe(true);
    expect(arnOnly.source.bootstrapServers).toEqual([]);
    expect(arnOnly.source.region).toBe('us-east-1');
    expect(arnOnly.aws.region).toBe('us-east-1');
  });

  it.each([
    ['iam', true],
    ['scram-sha-512', true],
    ['tls', true],
    ['plaintext', false],
  ] as const)('auth.mode %s sets tls.enabled to %s by default', (mode, enabled) => {
    const credentials = mode === 'scram-sha-512' ? '\n    username: u\n    password: p' : '';
    const text = MINIMAL.replace(
      'bootstrap_servers: 127.0.0.1:19092',
      `bootstrap_servers: 127.0.0.1:19092\n  auth:\n    mode: ${mode}${credentials}`,
    );
    expect(parse(text, {}).source.tls.enabled).toBe(enabled);
  });
});

describe('layouts', () => {
  it('reads the same block under enterprise.msk_kraft_migration and at the root', () => {
    const full = `${MINIMAL}cutover:\n  drain_timeout: 10m\ntopics:\n  include: ["orders.*"]\n`;
    expect(parse(wrapEnterprise(full))).toEqual(parse(full));
    expect(parse(wrapEnterprise(full)).cutover.drainTimeoutMs).toBe(600_000);
  });
});

describe('normalization', () => {
  it('splits comma-separated bootstrap servers and accepts lists', () => {
    const text = MINIMAL.replace('127.0.0.1:19092', '"b-1.example.com:9096, b-2.example.com:9096 ,[::1]:9092"').replace(
      'bootstrap_servers: 127.0.0.1:29092',
      'bootstrap_servers:\n    - t-1.example.com:9098\n    - t-2.example.com:9098',
    );
    const config = parse(text);
    expect(config.source.bootstrapServers).toEqual(['b-1.example.com:9096', 'b-2.example.com:9096', '[::1]:9092']);
    expect(config.target.bootstrapServers).toEqual(['t-1.example.com:9098', 't-2.example.com:9098']);
  });

  it('resolves relative file paths against the config file folder and keeps absolute ones', () => {
    const text = MINIMAL.replace(
      'bootstrap_servers: 127.0.0.1:19092',
      'bootstrap_servers: 127.0.0.1:19092\n  auth: { mode: tls }\n  tls: { ca_file: ./certs/ca.pem, cert_file: /etc/kb/client.pem, key_file: ../keys/client.key }',
    ).replace('s3_bucket: kb-evidence', 's3_bucket: kb-evidence\n  signing_key_path: signing.pem');
    const config = parse(text, {}, '/srv/migrations/prod/migration.yaml');
    expect(config.source.tls).toEqual({
      enabled: true,
      caFile: '/srv/migrations/prod/certs/ca.pem',
      certFile: '/etc/kb/client.pem',
      keyFile: '/srv/migrations/keys/client.key',
    });
    expect(config.evidence.signingKeyPath).toBe('/srv/migrations/prod/signing.pem');
  });

  it('converts durations to milliseconds and sizes to bytes, bare numbers as seconds and bytes', () => {
    const config = parse(
      `${MINIMAL}cutover:\n  drain_timeout: 2h\n  drain_stable_window: 500ms\n  max_producer_freeze: 90\n` +
        'seed:\n  segment_max_bytes: 1048576\n',
    );
    expect(config.cutover.drainTimeoutMs).toBe(7_200_000);
    expect(config.cutover.drainStableWindowMs).toBe(500);
    expect(config.cutover.maxProducerFreezeMs).toBe(90_000);
    expect(config.seed.segmentMaxBytes).toBe(1_048_576);
    const withRetention = parse(MINIMAL.replace('s3_bucket: kb-evidence', 's3_bucket: kb-evidence\n  retention: 7y'));
    expect(withRetention.evidence.retentionMs).toBe(7 * 365 * 86_400_000);
  });

  it('takes the region from aws.region, else the source ARN, else the target ARN, else AWS_REGION', () => {
    const both = MINIMAL.replace('bootstrap_servers: 127.0.0.1:19092', `cluster_arn: ${SOURCE_ARN}`).replace(
      'bootstrap_servers: 127.0.0.1:29092',
      `cluster_arn: ${TARGET_ARN}`,
    );
    const fromArns = parse(both, { AWS_REGION: 'eu-west-1' });
    expect(fromArns.aws.region).toBe('us-east-1');
    expect(fromArns.source.region).toBe('us-east-1');
    expect(fromArns.target.region).toBe('us-west-2'); // each cluster keeps the region of its own ARN
    expect(parse(`${both}aws:\n  region: ap-south-1\n`).aws.region).toBe('ap-south-1');
    expect(parse(MINIMAL, { AWS_REGION: 'eu-west-1' }).aws.region).toBe('eu-west-1');
    expect(parse(MINIMAL, { AWS_DEFAULT_REGION: 'eu-north-1' }).source.region).toBe('eu-north-1');
  });

  it('strips slashes around S3 prefixes', () => {
    const config = parse(MINIMAL.replace('s3_bucket: kb-backup', 's3_bucket: kb-backup\n  s3_prefix: /migrations/2026/'));
    expect(config.backup.s3Prefix).toBe('migrations/2026');
  });

  it('treats an empty key (`groups:` with nothing after it) as not set', () => {
    expect(parse(`${MINIMAL}groups:\ncutover:\n`).groups).toEqual({ include: ['*'], exclude: [] });
  });

  it('accepts a single pattern string for include and exclude', () => {
    const config = parse(`${MINIMAL}topics:\n  include: "orders.*"\n  exclude: /^orders\\.tmp/\n`);
    expect(config.topics).toEqual({ include: ['orders.*'], exclude: ['/^orders\\.tmp/'] });
    const selected = compileFilter(config.topics);
    expect(['orders.eu', 'orders.tmp1', 'payments'].filter(selected)).toEqual(['orders.eu']);
  });

  it('keeps secrets usable by the engine (only redactConfig hides them)', () => {
    const text = MINIMAL.replace(
      'bootstrap_servers: 127.0.0.1:19092',
      'bootstrap_servers: 127.0.0.1:19092\n  auth: { mode: scram-sha-512, username: ${SCRAM_USERNAME}, password: ${SCRAM_PASSWORD} }',
    );
    expect(parse(text).source.auth).toEqual({
      mode: 'scram-sha-512',
      username: ENV.SCRAM_USERNAME,
      password: ENV.SCRAM_PASSWORD,
    });
  });
});
