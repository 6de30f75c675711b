/** From the validated file (snake_case, units already converted) to the `MigrationConfig` the engine reads. */
import { isAbsolute, resolve } from 'node:path';
import { defaultAuthMode, defaultTlsEnabled, type ParsedMigration } from './schema.js';
import type { ClusterAuth, ClusterConfig, MigrationConfig } from './types.js';
import { parseClusterArn } from './validators.js';

type ParsedCluster = ParsedMigration['source'];

export interface NormalizeOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Folder that relative file paths are resolved against: the config file's folder. */
  readonly baseDir: string;
}

export function normalize(parsed: ParsedMigration, options: NormalizeOptions): MigrationConfig {
  const file = (path: string | undefined): string | undefined =>
    path === undefined ? undefined : isAbsolute(path) ? path : resolve(options.baseDir, path);
  const arnRegion = (cluster: ParsedCluster): string | undefined =>
    cluster.cluster_arn === undefined ? undefined : parseClusterArn(cluster.cluster_arn)?.region;

  const awsRegion =
    parsed.aws.region ??
    arnRegion(parsed.source) ??
    arnRegion(parsed.target) ??
    nonEmpty(options.env.AWS_REGION) ??
    nonEmpty(options.env.AWS_DEFAULT_REGION);

  const cluster = (raw: ParsedCluster): ClusterConfig => {
    const mode = raw.auth?.mode ?? defaultAuthMode(raw.cluster_arn !== undefined);
    return {
      clusterArn: raw.cluster_arn,
      bootstrapServers: raw.bootstrap_servers ?? [],
      region: arnRegion(raw) ?? awsRegion,
      auth: clusterAuth(mode, raw.auth?.username, raw.auth?.password),
      tls: {
        enabled: raw.tls?.enabled ?? defaultTlsEnabled(mode),
        caFile: file(raw.tls?.ca_file),
        certFile: file(raw.tls?.cert_file),
        keyFile: file(raw.tls?.key_file),
      },
    };
  };

  const { cutover, validation, seed } = parsed;
  return {
    source: cluster(parsed.source),
    target: cluster(parsed.target),
    topics: { include: parsed.topics.include, exclude: parsed.topics.exclude },
    groups: { include: parsed.groups.include, exclude: parsed.groups.exclude },
    aws: {
      region: awsRegion,
      profile: parsed.aws.profile,
      endpoints: {
        kafka: parsed.aws.endpoints.kafka,
        s3: parsed.aws.endpoints.s3,
        kms: parsed.aws.endpoints.kms,
      },
      s3ForcePathStyle: parsed.aws.s3_force_path_style,
    },
    backup: {
      s3Bucket: parsed.backup.s3_bucket,
      s3Prefix: trimSlashes(parsed.backup.s3_prefix),
      kmsKeyArn: parsed.backup.kms_key_arn,
    },
    evidence: {
      s3Bucket: parsed.evidence.s3_bucket,
      s3Prefix: trimSlashes(parsed.evidence.s3_prefix),
      retentionMs: parsed.evidence.retention,
      signingKeyPath: file(parsed.evidence.signing_key_path),
    },
    cutover: {
      drainTimeoutMs: cutover.drain_timeout,
      drainMaxPartitionLag: cutover.drain_max_partition_lag,
      drainStableWindowMs: cutover.drain_stable_window,
      maxProducerFreezeMs: cutover.max_producer_freeze,
      producerFreezeWebhook: cutover.producer_freeze_webhook,
      producerFreezeWebhookSecret: cutover.producer_freeze_webhook_secret,
      reverseReplicationEnabled: cutover.reverse_replication_enabled,
    },
    validation: {
      countTolerance: validation.count_tolerance,
      spotCheckRecordsPerPartition: validation.spot_check_records_per_partition,
    },
    seed: {
      maxConcurrentPartitions: seed.max_concurrent_partitions,
      segmentMaxBytes: seed.segment_max_bytes,
    },
    topology: { onConfigDrift: parsed.topology.on_config_drift },
    acl: { onDrift: parsed.acl.on_drift },
  };
}

function clusterAuth(mode: ClusterAuth['mode'], username: string | undefined, password: string | undefined): ClusterAuth {
  if (mode === 'scram-sha-512') {
    // The schema has already refused scram-sha-512 without both.
    return { mode, username: username ?? '', password: password ?? '' };
  }
  return { mode };
}

function trimSlashes(prefix: string): string {
  return prefix.trim().replace(/^\/+|\/+$/g, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
