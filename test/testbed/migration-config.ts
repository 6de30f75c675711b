/**
 * The two migration configs `up` writes for the bed: `.testbed/migration.yaml` (clusters by ARN through the fake MSK
 * API, SCRAM: SASL_PLAINTEXT on the source, SASL_SSL on the target) and `.testbed/migration-bootstrap.yaml` (the same
 * by bootstrap servers over PLAINTEXT, no ARNs). Credentials stay `${SCRAM_USERNAME}`/`${SCRAM_PASSWORD}` references.
 */
import { writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { TestbedEnv } from './env-file.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE, MIGRATION_CONFIG_FILE } from './paths.js';

const scramAuth = { mode: 'scram-sha-512', username: '${SCRAM_USERNAME}', password: '${SCRAM_PASSWORD}' };

function sharedSettings(env: TestbedEnv) {
  return {
    topics: { include: ['*'], exclude: [] },
    groups: { include: ['*'], exclude: [] },
    aws: {
      region: env.AWS_REGION,
      endpoints: { kafka: env.MSK_ENDPOINT, s3: env.S3_ENDPOINT, kms: env.KMS_ENDPOINT },
      s3_force_path_style: true,
    },
    backup: { s3_bucket: env.BACKUP_BUCKET, s3_prefix: 'migrations', kms_key_arn: env.KMS_KEY_ARN },
    evidence: { s3_bucket: env.EVIDENCE_BUCKET, s3_prefix: 'evidence', retention: '1d' },
    cutover: { drain_timeout: '5m', drain_max_partition_lag: 0, drain_stable_window: '2s', max_producer_freeze: '60s' },
    validation: { count_tolerance: 1, spot_check_records_per_partition: 3 },
    seed: { max_concurrent_partitions: 4, segment_max_bytes: '8MiB' },
    topology: { on_config_drift: 'overwrite_with_source' },
    acl: { on_drift: 'merge' },
  };
}

export function migrationConfigByArn(env: TestbedEnv): object {
  return {
    enterprise: {
      msk_kraft_migration: {
        source: { cluster_arn: env.SOURCE_CLUSTER_ARN, auth: scramAuth, tls: { enabled: false } },
        target: {
          cluster_arn: env.TARGET_CLUSTER_ARN,
          auth: scramAuth,
          tls: { enabled: true, ca_file: env.TARGET_CA_FILE },
        },
        ...sharedSettings(env),
      },
    },
  };
}

export function migrationConfigByBootstrap(env: TestbedEnv): object {
  return {
    enterprise: {
      msk_kraft_migration: {
        source: { bootstrap_servers: env.SOURCE_BOOTSTRAP, auth: { mode: 'plaintext' }, tls: { enabled: false } },
        target: { bootstrap_servers: env.TARGET_BOOTSTRAP, auth: { mode: 'plaintext' }, tls: { enabled: false } },
        ...sharedSettings(env),
      },
    },
  };
}

const HEADER = (what: string) =>
  `# Written by \`npm run testbed -- up\`: ${what}.\n` +
  '# SCRAM credentials are read from the environment: set -a; . .testbed/env; set +a\n';

export function writeMigrationConfigs(env: TestbedEnv): void {
  const dump = (config: object) => yaml.dump(config, { lineWidth: 200, noRefs: true });
  writeFileSync(
    MIGRATION_CONFIG_FILE,
    HEADER('migrate the test bed source to its target by cluster ARN through the fake MSK API, over SCRAM') +
      dump(migrationConfigByArn(env)),
  );
  writeFileSync(
    MIGRATION_BOOTSTRAP_CONFIG_FILE,
    HEADER('the same migration by bootstrap servers over PLAINTEXT (no ARNs)') + dump(migrationConfigByBootstrap(env)),
  );
}
