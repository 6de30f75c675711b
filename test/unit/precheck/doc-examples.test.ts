/** Every example line in docs/precheck-codes.md is what the engine prints for a matching situation, word for word. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRECHECK_CODE_LIST, renderFindingLine } from '../../../engine/precheck/index.js';
import { SOURCE_ARN, entry, run, topic, type Scenario } from './builders.js';

const DAY = 86_400_000;
const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'precheck-codes.md'), 'utf8');

function docExample(code: string): string | undefined {
  const section = DOC.split(/^### /m).find((part) => part.startsWith(`${code} — `));
  return section === undefined ? undefined : /- \*\*Example:\*\*\n\s*```\n\s*(.+)\n/.exec(section)?.[1];
}

const SCENARIOS: Record<string, Scenario> = {
  B01: {
    inventory: (inv) => {
      inv.target.controlPlane = undefined;
      inv.target.controlPlaneError = {
        code: 'CONTROL_PLANE',
        message:
          'MSK DescribeClusterV2: arn:aws:kafka:us-east-1:111122223333:cluster/target-kraft/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-2 not found in region us-east-1 (or not visible to these credentials)',
      };
    },
  },
  B02: { inventory: (inv) => void (inv.target.controlPlane!.type = 'SERVERLESS') },
  B03: {
    inventory: (inv) => {
      inv.source.metadataMode = 'KRAFT';
      inv.source.controlPlane!.kafkaVersion = '3.7.x.kraft';
    },
  },
  B04: {
    inventory: (inv) => {
      inv.target.metadataMode = 'ZOOKEEPER';
      inv.target.controlPlane!.kafkaVersion = '3.9.x';
    },
  },
  B05: {
    config: (config) => void (config.target.clusterArn = SOURCE_ARN),
    inventory: (inv) => {
      inv.target.controlPlane!.arn = SOURCE_ARN;
      inv.target.clusterId = inv.source.clusterId;
    },
  },
  B06: { inventory: (inv) => void (inv.target.controlPlane!.kafkaVersion = '3.6.0') },
  B07: {
    probes: (probes) =>
      void (probes.backupBucket = { ok: false, error: 'bucket kb-backup does not exist (HeadBucket at https://s3.us-east-1.amazonaws.com answered 404)' }),
  },
  B08: {
    config: (config) => void (config.evidence.retentionMs = 7 * 365 * DAY),
    probes: (probes) =>
      void (probes.evidenceBucket = {
        ok: false,
        error:
          'evidence.retention is set, which needs S3 Object Lock, but bucket kb-evidence does not have Object Lock enabled (it can only be enabled on a versioned bucket)',
      }),
  },
  B09: {
    inventory: (inv) => {
      inv.source.reachable = false;
      inv.source.error = { code: 'CLUSTER_UNREACHABLE', message: 'Connection timeout' };
    },
  },
  B10: {
    inventory: (inv) => {
      inv.target.reachable = false;
      inv.target.error = { code: 'CLUSTER_UNREACHABLE', message: 'SASL SCRAM authentication failed' };
    },
  },
  B11: { inventory: (inv) => void (inv.source.limits.messageMaxBytes = 8_388_608) },
  B12: { inventory: (inv) => void inv.source.topics.push(topic('images', { configs: [entry('max.message.bytes', '10485760')] })) },
  B13: { inventory: (inv) => void inv.target.topics.push(topic('orders', { records: 4000 })) },
  B14: { inventory: (inv) => void inv.target.topics.push(topic('orders', { partitions: 6, records: 0 })) },
  B15: { inventory: (inv) => void (inv.target.limits.logMessageTimestampBeforeMaxMs = DAY) },
  B16: { inventory: (inv) => void inv.target.groups.push({ groupId: 'billing', state: 'Stable', protocolType: 'consumer', memberCount: 2, offsets: [] }) },
  B17: { inventory: (inv) => void (inv.source.controlPlane!.auth = { iam: true, scram: false, tls: false, unauthenticated: false }) },
  B18: {
    probes: (probes) =>
      void (probes.kmsKey = {
        ok: false,
        error:
          'key arn:aws:kms:us-east-1:111122223333:key/0b7d5c55-1111-4222-8333-944445555666 does not exist (kms:DescribeKey at the KMS endpoint of us-east-1: NotFoundException)',
      }),
  },
  B19: { inventory: (inv) => void (inv.source.topics[1]!.partitions[4]!.leader = -1) },
  B20: { inventory: (inv) => void (inv.target.brokers = inv.target.brokers.slice(0, 1)) },
  W01: { inventory: (inv) => void (inv.target.brokers = inv.target.brokers.slice(0, 2)) },
  W02: {
    inventory: (inv) =>
      void (inv.source.topics = [topic('clicks', { partitions: 3, partitionBytes: 66_000_000_000, configs: [entry('retention.ms', String(4 * 3_600_000))] })]),
  },
  W03: { probes: (probes) => void (probes.kmsKey = { ok: 'skipped', reason: 'not probed' }) },
  W04: { inventory: (inv) => void (inv.target.limits.messageMaxBytes = undefined) },
  W05: { inventory: (inv) => void (inv.target.limits.logMessageTimestampBeforeMaxMs = 10 * DAY) },
  W06: { inventory: (inv) => void (inv.target.limits.logMessageTimestampType = 'LogAppendTime') },
  W07: { inventory: (inv) => void (inv.target.limits.autoCreateTopicsEnable = true) },
  W08: {
    config: (config) => void (config.target.auth = { mode: 'iam' }),
    inventory: (inv) =>
      void (inv.source.acls = [1, 2, 3].map((i) => ({
        resourceType: 'TOPIC' as const,
        resourceName: `orders-${i}`,
        patternType: 'LITERAL' as const,
        principal: 'User:alice',
        host: '*',
        operation: 'READ',
        permissionType: 'ALLOW' as const,
      }))),
  },
  W09: {
    inventory: (inv) => {
      inv.source.acls = undefined;
      inv.source.aclError = 'SECURITY_DISABLED: No Authorizer is configured on the broker';
    },
  },
  W10: {
    config: (config) => {
      config.target.clusterArn = undefined;
      config.target.bootstrapServers = ['b-1.target.kafka.us-east-1.amazonaws.com:9096'];
    },
    inventory: (inv) => {
      inv.target.controlPlane = undefined;
      inv.target.kafkaVersion = undefined;
    },
  },
  W11: { inventory: (inv) => void (inv.target.metadataMode = 'UNKNOWN') },
  W12: { probes: (probes) => void (probes.backupBucket = { ok: 'skipped', reason: 'probes disabled' }) },
  W13: {
    probes: (probes) =>
      void (probes.evidenceBucket = {
        ok: true,
        leftover: {
          key: 'evidence/.precheck/5d0c7f9e-3a4b-4c1d-9e8f-0a1b2c3d4e5f',
          error: 's3:DeleteObjectVersion was denied, or a default Object Lock retention protects it',
        },
      }),
  },
  I01: { config: (config) => void (config.target.auth = { mode: 'iam' }) },
  I02: {},
  I03: {
    inventory: (inv) => {
      inv.source.controlPlane!.kafkaVersion = '3.6.0';
      inv.source.controlPlane!.zoneCount = 2;
    },
  },
  I04: {
    config: (config) => {
      config.source.clusterArn = undefined;
      config.source.bootstrapServers = ['b-1.source.kafka.us-east-1.amazonaws.com:9096'];
    },
    inventory: (inv) => void (inv.source.controlPlane = undefined),
  },
};

describe('documented example lines', () => {
  it('has a scenario for every code', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...PRECHECK_CODE_LIST]);
  });
  for (const code of PRECHECK_CODE_LIST) {
    it(`${code}: the engine prints the documented example`, () => {
      const found = run(SCENARIOS[code]).findings.find((item) => item.code === code);
      expect(found, `${code} did not fire`).toBeDefined();
      expect(renderFindingLine(found!)).toBe(docExample(code));
    });
  }
});
