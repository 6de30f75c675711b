/**
 * The config file's shape, as zod schemas over the parsed (and interpolated) YAML. Field checks live in
 * `fields.ts`; the rules that tie several keys together are the `superRefine` steps here, which run even when
 * other keys failed, so that every problem is reported at once.
 */
import { z } from 'zod';
import {
  addIssue,
  anyText,
  duration,
  flag,
  integer,
  isBoolean,
  isNumber,
  isRecord,
  isString,
  oneOf,
  section,
  size,
  stringList,
  text,
  valid,
} from './fields.js';
import { checkPattern } from './filters.js';
import { formatDuration } from './durations.js';
import {
  checkBucketName,
  checkClusterArn,
  checkHostPort,
  checkHttpUrl,
  checkKmsKeyArn,
  checkRegion,
  CLUSTER_ARN_EXPECTATION,
  HOST_PORT_EXPECTATION,
  KMS_KEY_ARN_EXPECTATION,
  REGION_EXPECTATION,
  URL_EXPECTATION,
} from './validators.js';
import { ACL_DRIFT_POLICIES, AUTH_MODES, TOPOLOGY_DRIFT_POLICIES, type AuthMode } from './types.js';

/**
 * Run a cross-key rule even when some keys failed their own checks (so every problem is reported at once), as long
 * as there is a mapping to look at. Rules must then read keys defensively: a failed key holds no usable value.
 */
const EVEN_AFTER_ERRORS = { when: (payload: { value: unknown }) => isRecord(payload.value) };

const MINUTE = 60_000;
const DAY = 86_400_000;

const authSchema = section(
  {
    mode: oneOf(AUTH_MODES),
    username: text('a username').optional(),
    password: text('a password').optional(),
  },
  'a mapping with mode (and username/password for scram-sha-512)',
);

const tlsSchema = section({
  enabled: flag().optional(),
  ca_file: text('a path to a PEM file').optional(),
  cert_file: text('a path to a PEM client certificate').optional(),
  key_file: text('a path to a PEM client key').optional(),
});

const clusterSchema = section(
  {
    cluster_arn: text(CLUSTER_ARN_EXPECTATION, checkClusterArn).optional(),
    bootstrap_servers: stringList({
      what: `broker addresses as ${HOST_PORT_EXPECTATION}`,
      minItems: 1,
      commaSeparated: true,
      format: checkHostPort,
    }).optional(),
    auth: authSchema.optional(),
    tls: tlsSchema.optional(),
  },
  'a mapping with cluster_arn and/or bootstrap_servers, auth and tls',
).superRefine((cluster, ctx) => {
  if (cluster.cluster_arn === undefined && cluster.bootstrap_servers === undefined) {
    addIssue(ctx, 'cluster_arn or bootstrap_servers (or both) to find the cluster', ['cluster_arn']);
  }
  const auth = isRecord(cluster.auth) ? cluster.auth : undefined;
  const mode = valid(auth?.mode, (v): v is AuthMode => isString(v) && (AUTH_MODES as readonly string[]).includes(v));
  if (auth !== undefined && mode !== undefined) checkAuth(auth, mode, ctx);
  const effectiveMode = mode ?? (auth === undefined ? defaultAuthMode(isString(cluster.cluster_arn)) : undefined);
  const tls = isRecord(cluster.tls) ? cluster.tls : undefined;
  if (tls !== undefined) checkTls(tls, effectiveMode, auth === undefined, ctx);
}, EVEN_AFTER_ERRORS);

/** `auth` may be left out: IAM for a cluster named by ARN (MSK), plaintext for bare bootstrap servers. */
export function defaultAuthMode(hasClusterArn: boolean): AuthMode {
  return hasClusterArn ? 'iam' : 'plaintext';
}

/** MSK always uses TLS for IAM, mTLS and SCRAM; plaintext means no TLS unless asked for. */
export function defaultTlsEnabled(mode: AuthMode): boolean {
  return mode !== 'plaintext';
}

function checkAuth(auth: Record<string, unknown>, mode: AuthMode, ctx: z.core.$RefinementCtx): void {
  if (mode === 'scram-sha-512') {
    for (const key of ['username', 'password'] as const) {
      if (auth[key] === undefined) {
        addIssue(ctx, `a ${key}: auth.mode scram-sha-512 requires username and password`, ['auth', key]);
      }
    }
    return;
  }
  const present = (['username', 'password'] as const).filter((key) => auth[key] !== undefined);
  const why =
    mode === 'iam'
      ? 'IAM authenticates with AWS credentials, not a username and password'
      : mode === 'tls'
        ? 'TLS authenticates with a client certificate (tls.cert_file and tls.key_file)'
        : 'plaintext sends no credentials';
  for (const key of present) {
    addIssue(ctx, `no ${present.join(' or ')} with auth.mode ${mode} (${why}); remove ${key}`, ['auth', key]);
  }
}

function checkTls(
  tls: Record<string, unknown>,
  mode: AuthMode | undefined,
  modeIsDefault: boolean,
  ctx: z.core.$RefinementCtx,
): void {
  const explicit = valid(tls.enabled, isBoolean);
  const enabled = explicit ?? (mode === undefined ? undefined : defaultTlsEnabled(mode));
  if (explicit === false && (mode === 'iam' || mode === 'tls')) {
    const why = mode === 'iam' ? 'MSK serves IAM authentication over TLS only' : 'a client certificate needs TLS';
    addIssue(ctx, `true, or no tls.enabled: auth.mode ${mode} needs TLS (${why})`, ['tls', 'enabled']);
  }
  if (enabled === false) {
    const off =
      explicit === false
        ? 'tls.enabled is false'
        : `TLS is off by default for auth.mode plaintext${modeIsDefault ? ' (the default auth.mode without cluster_arn)' : ''}`;
    for (const key of ['ca_file', 'cert_file', 'key_file'] as const) {
      if (tls[key] !== undefined) addIssue(ctx, `no ${key} while ${off}; set tls.enabled: true or remove ${key}`, ['tls', key]);
    }
    return;
  }
  if (tls.cert_file !== undefined && tls.key_file === undefined) {
    addIssue(ctx, 'a key_file too: tls.cert_file is set and mutual TLS needs the certificate and its key', ['tls', 'key_file']);
  }
  if (tls.key_file !== undefined && tls.cert_file === undefined) {
    addIssue(ctx, 'a cert_file too: tls.key_file is set and mutual TLS needs the certificate and its key', ['tls', 'cert_file']);
  }
}

const pattern = (what: string, minItems: number) =>
  stringList({ what: `${what} patterns: globs (* and ?) or /regex/`, minItems, format: checkPattern });

const filterSchema = (what: string) =>
  section({
    include: pattern(what, 1).default(['*']),
    exclude: pattern(what, 0).default([]),
  });

const url = (what: string) => text(`${what}: ${URL_EXPECTATION}`, checkHttpUrl);

const awsSchema = section({
  region: text(REGION_EXPECTATION, checkRegion).optional(),
  profile: text('an AWS profile name').optional(),
  endpoints: section({
    kafka: url('the MSK control-plane endpoint').optional(),
    s3: url('the S3 endpoint').optional(),
    kms: url('the KMS endpoint').optional(),
  }).prefault({}),
  s3_force_path_style: flag().default(false),
});

const bucket = text('an S3 bucket name', checkBucketName);

export const DEFAULT_BACKUP_PREFIX = 'kafka-backup/msk-kraft';
export const DEFAULT_EVIDENCE_PREFIX = 'evidence';

const backupSchema = section(
  {
    s3_bucket: bucket,
    s3_prefix: anyText('an S3 key prefix').default(DEFAULT_BACKUP_PREFIX),
    kms_key_arn: text(KMS_KEY_ARN_EXPECTATION, checkKmsKeyArn).optional(),
  },
  'a mapping with s3_bucket (and optionally s3_prefix, kms_key_arn)',
);

const evidenceSchema = section(
  {
    s3_bucket: bucket,
    s3_prefix: anyText('an S3 key prefix').default(DEFAULT_EVIDENCE_PREFIX),
    retention: duration({ min: DAY, wholeDays: true }).optional(),
    signing_key_path: text('a path to an Ed25519 private key (PEM)').optional(),
  },
  'a mapping with s3_bucket (and optionally s3_prefix, retention, signing_key_path)',
);

export const CUTOVER_DEFAULTS = {
  drainTimeoutMs: 30 * MINUTE,
  drainMaxPartitionLag: 100,
  drainStableWindowMs: 30_000,
  maxProducerFreezeMs: 60_000,
} as const;

const cutoverSchema = section({
  drain_timeout: duration({ min: 1 }).default(CUTOVER_DEFAULTS.drainTimeoutMs),
  drain_max_partition_lag: integer({ min: 0, what: 'records' }).default(CUTOVER_DEFAULTS.drainMaxPartitionLag),
  drain_stable_window: duration().default(CUTOVER_DEFAULTS.drainStableWindowMs),
  max_producer_freeze: duration({ min: 1 }).default(CUTOVER_DEFAULTS.maxProducerFreezeMs),
  producer_freeze_webhook: url('the producer-freeze webhook').optional(),
  producer_freeze_webhook_secret: text('an HMAC secret').optional(),
  reverse_replication_enabled: flag('false (reverse replication is not supported)')
    .pipe(
      z.literal(false, { error: 'false: reverse replication is not supported; remove the key or set it to false' }),
    )
    .default(false),
}).superRefine((cutover, ctx) => {
  const timeout = valid(cutover.drain_timeout, isNumber);
  const window = valid(cutover.drain_stable_window, isNumber);
  if (timeout !== undefined && window !== undefined && window >= timeout) {
    addIssue(
      ctx,
      `a window shorter than cutover.drain_timeout (${formatDuration(timeout)}), or the drain can never succeed`,
      ['drain_stable_window'],
    );
  }
  if (cutover.producer_freeze_webhook_secret !== undefined && cutover.producer_freeze_webhook === undefined) {
    addIssue(ctx, 'producer_freeze_webhook_secret only together with producer_freeze_webhook', [
      'producer_freeze_webhook_secret',
    ]);
  }
}, EVEN_AFTER_ERRORS);

export const VALIDATION_DEFAULTS = { countTolerance: 1, spotCheckRecordsPerPartition: 3 } as const;
export const SEED_DEFAULTS = { maxConcurrentPartitions: 4, segmentMaxBytes: 32 * 1024 * 1024 } as const;

const validationSchema = section({
  count_tolerance: integer({ min: 0, what: 'records per partition' }).default(VALIDATION_DEFAULTS.countTolerance),
  spot_check_records_per_partition: integer({ min: 0, max: 10_000, what: 'records' }).default(
    VALIDATION_DEFAULTS.spotCheckRecordsPerPartition,
  ),
});

const seedSchema = section({
  max_concurrent_partitions: integer({ min: 1, max: 1024, what: 'partitions' }).default(
    SEED_DEFAULTS.maxConcurrentPartitions,
  ),
  segment_max_bytes: size({ min: 1024, max: 5 * 1024 ** 3 }).default(SEED_DEFAULTS.segmentMaxBytes),
});

export const migrationSchema = section(
  {
    source: clusterSchema,
    target: clusterSchema,
    topics: filterSchema('topic').prefault({}),
    groups: filterSchema('consumer group').prefault({}),
    aws: awsSchema.prefault({}),
    backup: backupSchema,
    evidence: evidenceSchema,
    cutover: cutoverSchema.prefault({}),
    validation: validationSchema.prefault({}),
    seed: seedSchema.prefault({}),
    topology: section({ on_config_drift: oneOf(TOPOLOGY_DRIFT_POLICIES).default('overwrite_with_source') }).prefault({}),
    acl: section({ on_drift: oneOf(ACL_DRIFT_POLICIES).default('merge') }).prefault({}),
  },
  'a mapping with source, target, backup and evidence (and optional topics, groups, aws, cutover, validation, seed, topology, acl)',
);

/** The reference product's layout: the same block under `enterprise.msk_kraft_migration`. */
export const enterpriseSchema = section({
  enterprise: section({ msk_kraft_migration: migrationSchema }, 'a mapping with msk_kraft_migration'),
});

export const ENTERPRISE_ROOT = ['enterprise', 'msk_kraft_migration'] as const;

export type ParsedMigration = z.output<typeof migrationSchema>;
