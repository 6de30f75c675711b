import { describe, expect, it } from 'vitest';
import { isMigrationError } from '../../../engine/errors.js';
import { buildPlan, renderPlanArtifacts, type MigrationPlan } from '../../../engine/plan/index.js';
import {
  CONFIG_PATH,
  MIGRATION_ID,
  SOURCE_ARN,
  TARGET_ARN,
  shuffleInventory,
  syntheticConfig,
  syntheticInventory,
  topicConfig,
} from './fixtures.js';

const options = { migrationId: MIGRATION_ID, configPath: CONFIG_PATH };

function finding(plan: MigrationPlan, code: string) {
  return plan.findings.filter((item) => item.code === code);
}

describe('buildPlan: determinism', () => {
  it('builds and renders byte-identical artifacts twice from the same inputs', () => {
    const inventory = syntheticInventory({ topics: 12, partitionsPerTopic: 4, groups: 6, targetBrokers: 2 });
    const config = syntheticConfig();
    const first = renderPlanArtifacts(buildPlan(inventory, config, options));
    const second = renderPlanArtifacts(buildPlan(inventory, config, options));
    expect(Object.keys(first)).toHaveLength(6);
    for (const [name, text] of Object.entries(first)) expect(second[name], name).toBe(text);
  });

  it('gives the same artifacts whatever order the inventory lists things in', () => {
    const inventory = syntheticInventory({
      topics: 15,
      partitionsPerTopic: 5,
      groups: 9,
      topicsPerGroup: 3,
      topicConfigs: (_name, index) => [topicConfig('cleanup.policy', 'delete'), topicConfig('segment.bytes', String(1000 + index))],
    });
    const config = syntheticConfig({ targetAuth: 'scram-sha-512' });
    const straight = renderPlanArtifacts(buildPlan(inventory, config, options));
    for (const seed of [1, 7, 99]) {
      const shuffled = renderPlanArtifacts(buildPlan(shuffleInventory(inventory, seed), config, options));
      for (const [name, text] of Object.entries(straight)) expect(shuffled[name], `${name} with seed ${seed}`).toBe(text);
    }
  });

  it('holds only JSON values: nothing undefined, nothing lost in a JSON round trip', () => {
    const plan = buildPlan(syntheticInventory({ sourceArn: null, targetArn: null }), syntheticConfig({ sourceArn: null, targetArn: null }), options);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(JSON.stringify(plan)).not.toContain('undefined');
  });

  it('sorts topics, partitions, groups and ACLs', () => {
    const plan = buildPlan(shuffleInventory(syntheticInventory({ topics: 8, groups: 5 }), 3), syntheticConfig({ targetAuth: 'scram-sha-512' }), options);
    const names = plan.topics.map((topic) => topic.name);
    expect(names).toEqual([...names].sort());
    for (const topic of plan.topics) expect(topic.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    const groups = plan.groups.map((group) => group.groupId);
    expect(groups).toEqual([...groups].sort());
    const principals = plan.acls.create.map((acl) => acl.principal);
    expect(principals).toEqual([...principals].sort());
  });
});

describe('buildPlan: clusters, sizes and totals', () => {
  it('names both clusters and counts what will be copied', () => {
    const plan = buildPlan(syntheticInventory({ topics: 2, partitionsPerTopic: 2, recordsPerPartition: 500, bytesPerRecord: 200 }), syntheticConfig(), options);
    expect(plan.schemaVersion).toBe(1);
    expect(plan.migrationId).toBe(MIGRATION_ID);
    expect(plan.clusters.source).toMatchObject({ arn: SOURCE_ARN, metadataMode: 'ZOOKEEPER', brokerCount: 3, authMode: 'scram-sha-512' });
    expect(plan.clusters.target).toMatchObject({ arn: TARGET_ARN, metadataMode: 'KRAFT', kafkaVersion: '4.1.x.kraft', authMode: 'iam' });
    for (const topic of plan.topics) {
      for (const partition of topic.partitions) {
        expect(partition.recordsToCopy).toBe(partition.endOffset - partition.logStartOffset);
        expect(partition.sizeBytes).toBe(partition.recordsToCopy * 200);
      }
    }
    const records = plan.topics.flatMap((topic) => topic.partitions).reduce((sum, p) => sum + p.recordsToCopy, 0);
    expect(plan.totals).toMatchObject({ topics: 2, partitions: 4, recordsToCopy: records, bytesKnown: records * 200, bytesEstimated: records * 200 });
    expect(plan.phases.map((phase) => phase.name)).toEqual([
      'precheck',
      'topology_copy',
      'seed',
      'tail',
      'drain_ready',
      'cutover',
      'awaiting_client_switch',
      'validating',
      'finalized',
    ]);
    const seed = plan.phases.find((phase) => phase.name === 'seed');
    expect(seed?.estimatedBytes).toBe(records * 200);
    expect(seed?.estimatedSeconds).toBe(Math.ceil((records * 200) / plan.assumptions.seedBytesPerSecond));
  });

  it('estimates partitions of unknown size from the mean record size, and says so', () => {
    const plan = buildPlan(
      syntheticInventory({ topics: 2, partitionsPerTopic: 2, bytesPerRecord: 100, unknownSize: (t, p) => t === 1 && p === 1 }),
      syntheticConfig(),
      options,
    );
    const unknown = plan.topics[1]?.partitions[1];
    expect(unknown?.sizeBytes).toBeNull();
    expect(plan.topics[1]?.sizeBytes).toBeNull();
    expect(plan.totals.partitionsWithUnknownSize).toBe(1);
    expect(plan.totals.bytesEstimated - plan.totals.bytesKnown).toBe((unknown?.recordsToCopy ?? 0) * 100);
    expect(finding(plan, 'SIZE_UNKNOWN')[0]).toMatchObject({ severity: 'warning', subject: '1 partition' });
  });

  it('estimates segments as bytes / segment_max_bytes per partition, rounded up', () => {
    const plan = buildPlan(
      syntheticInventory({ topics: 1, partitionsPerTopic: 2, recordsPerPartition: 10_000, bytesPerRecord: 1_000 }),
      syntheticConfig({ segmentMaxBytes: '1MiB' }),
      options,
    );
    for (const partition of plan.topics[0]?.partitions ?? []) {
      expect(partition.estimatedSegments).toBe(Math.ceil((partition.sizeBytes ?? 0) / 1_048_576));
    }
    expect(plan.totals.estimatedSegments).toBe(plan.topics[0]?.estimatedSegments);
  });

  it('puts the journal in S3 under the backup prefix, or in --journal-dir', () => {
    const s3 = buildPlan(syntheticInventory(), syntheticConfig(), options);
    expect(s3.locations.journal).toEqual({
      kind: 's3',
      uri: `s3://orders-migration-backup/kafka-backup/msk-kraft/${MIGRATION_ID}/journal/`,
    });
    expect(s3.locations.segments).toBe(`s3://orders-migration-backup/kafka-backup/msk-kraft/${MIGRATION_ID}/segments/`);
    expect(s3.locations.evidence).toBe(`s3://orders-migration-evidence/evidence/${MIGRATION_ID}/`);
    const local = buildPlan(syntheticInventory(), syntheticConfig(), { ...options, journalDir: '/var/lib/kb/journal' });
    expect(local.locations.journal).toEqual({ kind: 'local', uri: '/var/lib/kb/journal' });
  });

  it('refuses a migration id that cannot be used in S3 keys and commands', () => {
    for (const bad of ['', '../etc', 'a b', 'mig/1', `x${'y'.repeat(70)}`]) {
      let error: unknown;
      try {
        buildPlan(syntheticInventory(), syntheticConfig(), { migrationId: bad });
      } catch (caught) {
        error = caught;
      }
      expect(isMigrationError(error), bad).toBe(true);
      expect((error as { code: string }).code).toBe('USAGE');
    }
  });
});

describe('buildPlan: replication and configs', () => {
  it('caps the replication factor at the target broker count, with a finding naming the topics', () => {
    const plan = buildPlan(syntheticInventory({ topics: 3, replicationFactor: 3, targetBrokers: 2 }), syntheticConfig(), options);
    for (const topic of plan.topics) expect(topic.replication).toEqual({ source: 3, target: 2, capped: true });
    const [capped] = finding(plan, 'RF_CAPPED');
    expect(capped).toMatchObject({ severity: 'warning', subject: '3 topics' });
    expect(capped?.detail).toContain('3 → 2');
    expect(capped?.detail).toContain('orders-0000');
    expect(capped?.remedy).not.toBe('');
  });

  it('keeps the replication factor when the target has enough brokers', () => {
    const plan = buildPlan(syntheticInventory({ replicationFactor: 3, targetBrokers: 6 }), syntheticConfig(), options);
    for (const topic of plan.topics) expect(topic.replication).toEqual({ source: 3, target: 3, capped: false });
    expect(finding(plan, 'RF_CAPPED')).toEqual([]);
  });

  it('drops configs Kafka 4.x refuses, each with its reason, and carries the rest', () => {
    const plan = buildPlan(
      syntheticInventory({
        topics: 1,
        topicConfigs: () => [
          topicConfig('message.format.version', '2.8-IV1'),
          topicConfig('message.downconversion.enable', 'true'),
          topicConfig('message.timestamp.difference.max.ms', '86400000'),
          topicConfig('leader.replication.throttled.replicas', '0:1,0:2'),
          topicConfig('cleanup.policy', 'compact'),
          topicConfig('max.message.bytes', '2000000'),
          topicConfig('sasl.secret.thing', null),
        ],
      }),
      syntheticConfig(),
      options,
    );
    const topic = plan.topics[0];
    const dropped = new Map(topic?.configs.dropped.map((item) => [item.name, item.reason]));
    expect([...dropped.keys()]).toEqual([
      'leader.replication.throttled.replicas',
      'message.downconversion.enable',
      'message.format.version',
      'message.timestamp.difference.max.ms',
      'sasl.secret.thing',
    ]);
    expect(dropped.get('message.format.version')).toMatch(/removed in Kafka 4\.0/);
    expect(dropped.get('message.downconversion.enable')).toMatch(/removed in Kafka 4\.0/);
    expect(dropped.get('message.timestamp.difference.max.ms')).toMatch(/before\.max\.ms and message\.timestamp\.after\.max\.ms/);
    expect(dropped.get('sasl.secret.thing')).toMatch(/sensitive/);
    const carried = new Map(topic?.configs.carried.map((item) => [item.name, item]));
    expect(carried.get('cleanup.policy')?.value).toBe('compact');
    expect(carried.get('max.message.bytes')?.value).toBe('2000000');
    expect(carried.get('retention.ms')?.value).toBe(String(7 * 86_400_000));
    expect(carried.get('message.timestamp.before.max.ms')).toMatchObject({ value: '86400000', applyAfterSeed: true });
    expect(carried.get('message.timestamp.after.max.ms')).toMatchObject({ value: '86400000', applyAfterSeed: true });
    expect(carried.has('message.format.version')).toBe(false);
    expect(finding(plan, 'CONFIG_DROPPED').map((item) => item.detail.split(':')[0]).sort()).toEqual([
      'leader.replication.throttled.replicas',
      'message.downconversion.enable',
      'message.format.version',
    ]);
    expect(finding(plan, 'SENSITIVE_CONFIG_NOT_CARRIED')).toHaveLength(1);
  });

  it('on a Kafka 3.9 KRaft target keeps message.downconversion.enable and the old timestamp limit (applied after the seed)', () => {
    const plan = buildPlan(
      syntheticInventory({
        topics: 1,
        targetVersion: '3.9.x.kraft',
        topicConfigs: () => [
          topicConfig('message.downconversion.enable', 'false'),
          topicConfig('message.timestamp.difference.max.ms', '3600000'),
          topicConfig('message.format.version', '2.8'),
        ],
      }),
      syntheticConfig(),
      options,
    );
    const carried = new Map(plan.topics[0]?.configs.carried.map((item) => [item.name, item]));
    expect(carried.get('message.downconversion.enable')?.value).toBe('false');
    expect(carried.get('message.timestamp.difference.max.ms')).toMatchObject({ value: '3600000', applyAfterSeed: true });
    expect(carried.has('message.timestamp.before.max.ms')).toBe(false);
    expect(plan.topics[0]?.configs.dropped.map((item) => item.name)).toEqual(['message.format.version']);
  });

  it('plans for Kafka 4.x rules when the target version is unknown, and says so', () => {
    const plan = buildPlan(
      syntheticInventory({ targetVersion: undefined, topicConfigs: () => [topicConfig('message.downconversion.enable', 'true')] }),
      syntheticConfig(),
      options,
    );
    expect(plan.assumptions.targetKafkaMajorAssumed).toBe(4);
    expect(finding(plan, 'TARGET_VERSION_UNKNOWN')).toHaveLength(1);
    expect(plan.topics[0]?.configs.dropped.map((item) => item.name)).toContain('message.downconversion.enable');
  });

  it('raises a segment.bytes below 1 MiB to 1 MiB for a Kafka 4.x target (which refuses it), and keeps it for 3.9', () => {
    const small = () => [topicConfig('segment.bytes', '65536')];
    const plan4 = buildPlan(syntheticInventory({ topics: 1, topicConfigs: small }), syntheticConfig(), options);
    const raised = plan4.topics[0]?.configs.carried.find((item) => item.name === 'segment.bytes');
    expect(raised?.value).toBe('1048576');
    expect(raised?.note).toMatch(/raised from 65536/);
    expect(finding(plan4, 'SEGMENT_BYTES_RAISED')).toHaveLength(1);
    const plan3 = buildPlan(syntheticInventory({ topics: 1, targetVersion: '3.9.x.kraft', topicConfigs: small }), syntheticConfig(), options);
    expect(plan3.topics[0]?.configs.carried.find((item) => item.name === 'segment.bytes')?.value).toBe('65536');
    expect(finding(plan3, 'SEGMENT_BYTES_RAISED')).toHaveLength(0);
  });

  it('caps min.insync.replicas at the target replication factor', () => {
    const plan = buildPlan(
      syntheticInventory({ topics: 1, targetBrokers: 2, topicConfigs: () => [topicConfig('min.insync.replicas', '3')] }),
      syntheticConfig(),
      options,
    );
    const minIsr = plan.topics[0]?.configs.carried.find((item) => item.name === 'min.insync.replicas');
    expect(minIsr?.value).toBe('2');
    expect(minIsr?.note).toMatch(/capped from 3/);
    expect(finding(plan, 'MIN_ISR_CAPPED')).toHaveLength(1);
  });

  it('pins broker-level settings the source topics inherit, so the target behaves the same', () => {
    const plan = buildPlan(
      syntheticInventory({ topics: 1, topicConfigs: () => [topicConfig('retention.bytes', '1073741824', 'DYNAMIC_DEFAULT_BROKER_CONFIG')] }),
      syntheticConfig(),
      options,
    );
    const pinned = plan.topics[0]?.configs.carried.find((item) => item.name === 'retention.bytes');
    expect(pinned?.value).toBe('1073741824');
    expect(pinned?.note).toMatch(/broker-level/);
  });
});

describe('buildPlan: what the target already has', () => {
  it('reports existing target topics with their partitions and records, and blocks on fewer partitions', () => {
    const base = syntheticInventory({ topics: 3, partitionsPerTopic: 3 });
    const [first, second] = base.source.topics;
    const existing = syntheticInventory({ topics: 2, partitionsPerTopic: 2, recordsPerPartition: 50 }).source.topics;
    const inventory = {
      ...base,
      target: {
        ...base.target,
        topics: [
          { ...(existing[0] as NonNullable<typeof first>), name: first?.name ?? '' },
          { ...(existing[1] as NonNullable<typeof second>), name: second?.name ?? '', partitions: (existing[1]?.partitions ?? []).map((p) => ({ ...p, endOffset: p.logStartOffset })) },
        ],
      },
    };
    const plan = buildPlan(inventory, syntheticConfig(), options);
    expect(plan.topics.map((topic) => topic.action)).toEqual(['exists', 'exists', 'create']);
    expect(plan.topics[0]?.target).toMatchObject({ partitionCount: 2 });
    expect(plan.topics[0]?.target?.records).toBeGreaterThan(0);
    expect(plan.topics[1]?.target?.records).toBe(0);
    expect(plan.totals.topicsToCreate).toBe(1);
    const fewer = finding(plan, 'TARGET_TOPIC_FEWER_PARTITIONS');
    expect(fewer[0]).toMatchObject({ severity: 'blocker', subject: '2 topics' });
    expect(finding(plan, 'TARGET_TOPIC_NOT_EMPTY')[0]).toMatchObject({ subject: first?.name });
    expect(plan.totals.findings.blocker).toBeGreaterThan(0);
    expect(plan.findings[0]?.severity).toBe('blocker');
  });

  it('lists config drift on existing topics and follows topology.on_config_drift', () => {
    const base = syntheticInventory({ topics: 1, topicConfigs: () => [topicConfig('cleanup.policy', 'compact')] });
    const source = base.source.topics[0];
    if (source === undefined) throw new Error('fixture');
    const inventory = {
      ...base,
      target: { ...base.target, topics: [{ ...source, configs: [topicConfig('cleanup.policy', 'delete'), topicConfig('segment.ms', '1000')] }] },
    };
    const overwrite = buildPlan(inventory, syntheticConfig(), options);
    expect(overwrite.topics[0]?.target?.configDrift).toEqual([
      { name: 'cleanup.policy', sourceValue: 'compact', targetValue: 'delete' },
      { name: 'retention.ms', sourceValue: String(7 * 86_400_000), targetValue: null },
      { name: 'segment.ms', sourceValue: null, targetValue: '1000' },
    ]);
    expect(overwrite.topics[0]?.target?.onDrift).toBe('overwrite');
    const fail = buildPlan(inventory, syntheticConfig({ topologyDrift: 'fail' }), options);
    expect(fail.topics[0]?.target?.onDrift).toBe('fail');
    expect(finding(fail, 'TOPIC_CONFIG_DRIFT')[0]?.severity).toBe('blocker');
  });

  it('warns about target groups with members: cutover commits only into empty groups', () => {
    const base = syntheticInventory({ groups: 2 });
    const inventory = {
      ...base,
      target: { ...base.target, groups: [{ groupId: 'consumer-0001', state: 'Stable', protocolType: 'consumer', memberCount: 3, offsets: [] }] },
    };
    const plan = buildPlan(inventory, syntheticConfig(), options);
    expect(plan.groups[1]?.target).toEqual({ state: 'Stable', memberCount: 3, committedOffsets: 0 });
    expect(finding(plan, 'TARGET_GROUP_ACTIVE')[0]).toMatchObject({ subject: 'consumer-0001', severity: 'warning' });
  });

  it('counts each group\'s committed offsets', () => {
    const plan = buildPlan(syntheticInventory({ topics: 4, partitionsPerTopic: 3, groups: 3, topicsPerGroup: 2 }), syntheticConfig(), options);
    for (const group of plan.groups) {
      expect(group.committedOffsets).toBe(6);
      expect(group.topics).toHaveLength(2);
    }
    expect(plan.totals.committedOffsets).toBe(18);
  });
});

describe('buildPlan: retention and operator findings', () => {
  it('warns when a topic\'s retention is shorter than twice the time to drain_ready', () => {
    const plan = buildPlan(
      syntheticInventory({
        topics: 2,
        partitionsPerTopic: 1,
        recordsPerPartition: 1_000_000,
        bytesPerRecord: 55_000, // 55 GB: about 1,000 s of seed
        topicConfigs: (_name, index) => (index === 1 ? [topicConfig('retention.ms', '600000')] : []),
      }),
      syntheticConfig(),
      options,
    );
    expect(finding(plan, 'RETENTION_SHORTER_THAN_MIGRATION').map((item) => item.subject)).toEqual(['orders-0001']);
  });

  it('notes a cutover without a producer-freeze webhook and evidence without Object Lock', () => {
    const plan = buildPlan(syntheticInventory(), syntheticConfig({ webhook: false, retention: null }), options);
    expect(plan.settings.cutover.producerFreeze).toBe('operator-prompt');
    expect(finding(plan, 'PRODUCER_FREEZE_BY_OPERATOR')).toHaveLength(1);
    expect(finding(plan, 'EVIDENCE_NOT_LOCKED')).toHaveLength(1);
    expect(plan.settings.evidence.retentionDays).toBeNull();
  });

  it('says when the source could not be reached', () => {
    const base = syntheticInventory();
    const inventory = {
      ...base,
      source: { ...base.source, reachable: false, error: { code: 'CLUSTER_UNREACHABLE', message: 'connect ETIMEDOUT' }, topics: [], groups: [] },
    };
    const plan = buildPlan(inventory, syntheticConfig(), options);
    expect(finding(plan, 'CLUSTER_UNREACHABLE')[0]).toMatchObject({ severity: 'blocker', subject: 'source' });
    expect(finding(plan, 'CLUSTER_UNREACHABLE')[0]?.detail).toContain('ETIMEDOUT');
  });
});
