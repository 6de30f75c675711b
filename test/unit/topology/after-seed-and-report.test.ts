import { describe, expect, it } from 'vitest';
import { toPlannedAcl } from '../../../engine/plan/acl-plan.js';
import {
  afterSeedChanges,
  applyAfterSeedConfigs,
  buildTopologyReport,
  copyTopology,
  type TopologyEvent,
  type TopologyReportDraft,
} from '../../../engine/topology/index.js';
import { acl, RecordingApplier, scenario, targetTopic, topicConfig } from './fixtures.js';

const LIMITS = (name: string) =>
  name === 'orders-0000'
    ? [topicConfig('message.timestamp.type', 'LogAppendTime')]
    : name === 'orders-0001'
      ? [topicConfig('message.timestamp.before.max.ms', '86400000'), topicConfig('message.timestamp.after.max.ms', '3600000')]
      : [];

describe('applyAfterSeedConfigs', () => {
  it('sets every deferred setting, one incremental request per topic, and emits after-seed events', async () => {
    const { plan } = scenario({ topics: 3, acls: [], topicConfigs: LIMITS });
    const applier = new RecordingApplier();
    const events: TopologyEvent[] = [];
    const result = await applyAfterSeedConfigs(plan, applier, { onEvent: (event) => events.push(event) });
    expect(result.set).toEqual([
      { topic: 'orders-0000', name: 'message.timestamp.type', value: 'LogAppendTime' },
      { topic: 'orders-0001', name: 'message.timestamp.after.max.ms', value: '3600000' },
      { topic: 'orders-0001', name: 'message.timestamp.before.max.ms', value: '86400000' },
    ]);
    expect(result.skipped).toEqual([]);
    expect(applier.writes()).toEqual([
      { method: 'incrementalAlterTopicConfigs', topic: 'orders-0000', alterations: [{ name: 'message.timestamp.type', op: 'SET', value: 'LogAppendTime' }] },
      {
        method: 'incrementalAlterTopicConfigs',
        topic: 'orders-0001',
        alterations: [
          { name: 'message.timestamp.after.max.ms', op: 'SET', value: '3600000' },
          { name: 'message.timestamp.before.max.ms', op: 'SET', value: '86400000' },
        ],
      },
    ]);
    expect(events.every((event) => event.type === 'topology.config.set' && event.reason === 'after-seed')).toBe(true);
    expect(events).toHaveLength(3);
  });

  it('leaves existing topics whose settings are kept (keep_target), from the plan or from the report', async () => {
    const { plan, config, inventory } = scenario(
      { topics: 2, acls: [], topicConfigs: LIMITS, targetTopics: [targetTopic('orders-0000', 3, { configs: [topicConfig('segment.ms', '5')] })] },
      { topologyDrift: 'keep_target' },
    );
    expect(afterSeedChanges(plan)).toEqual({
      set: [
        { topic: 'orders-0001', name: 'message.timestamp.after.max.ms', value: '3600000' },
        { topic: 'orders-0001', name: 'message.timestamp.before.max.ms', value: '86400000' },
      ],
      skipped: [{ topic: 'orders-0000', name: 'message.timestamp.type', value: 'LogAppendTime', reason: expect.stringContaining('keep_target') }],
    });
    const report = await copyTopology({ plan, config, inventory, applier: new RecordingApplier() });
    expect(afterSeedChanges(plan, report)).toEqual(afterSeedChanges(plan));
  });
});

describe('buildTopologyReport', () => {
  const empty: TopologyReportDraft = {
    migrationId: 'mig-1',
    policies: { onConfigDrift: 'overwrite_with_source', aclOnDrift: 'merge' },
    topics: { created: [], alreadyPresent: [], configsSet: [], configsDeleted: [], drift: [], configsDeferred: [], configsDropped: [] },
    acls: { mode: 'kafka-acls', created: [], alreadyPresent: [], alreadyOnTargetAtPlan: 0, deleted: [], keptOnTarget: [], presenceKnown: true },
    accessMap: null,
    findings: [],
  };

  it('sorts every list and counts; nothing written means changed: false', () => {
    const b = toPlannedAcl(acl('User:b', 'TOPIC', 't', 'READ'));
    const a = toPlannedAcl(acl('User:a', 'TOPIC', 't', 'READ'));
    const report = buildTopologyReport({
      ...empty,
      topics: {
        ...empty.topics,
        alreadyPresent: [
          { name: 'z', partitions: 1, replicationFactor: 3, plannedReplicationFactor: 3, createdByThisMigration: true, records: 0 },
          { name: 'a', partitions: 1, replicationFactor: 3, plannedReplicationFactor: 3, createdByThisMigration: false, records: 0 },
        ],
        drift: [
          { topic: 'z', name: 'b', sourceValue: '1', targetValue: '2', action: 'kept' },
          { topic: 'a', name: 'c', sourceValue: null, targetValue: '2', action: 'kept' },
        ],
        configsDropped: [{ topic: 'a', name: 'message.format.version', value: '2.8', reason: 'removed' }],
      },
      acls: { ...empty.acls, alreadyPresent: [b, a] },
    });
    expect(report.schemaVersion).toBe(1);
    expect(report.topics.alreadyPresent.map((topic) => topic.name)).toEqual(['a', 'z']);
    expect(report.topics.drift.map((item) => item.topic)).toEqual(['a', 'z']);
    expect(report.acls.alreadyPresent.map((item) => item.principal)).toEqual(['User:a', 'User:b']);
    expect(report.summary).toEqual({
      topicsCreated: 0,
      topicsAlreadyPresent: 2,
      configsSet: 0,
      configsDeleted: 0,
      configsKept: 2,
      configsDeferred: 0,
      configsDropped: 1,
      aclsCreated: 0,
      aclsAlreadyPresent: 2,
      aclsDeleted: 0,
      aclsKeptOnTarget: 0,
      accessMapPrincipals: 0,
      changed: false,
    });
  });

  it('counts configs set at creation with the incremental ones, and any write as a change', () => {
    const report = buildTopologyReport({
      ...empty,
      topics: {
        ...empty.topics,
        created: [{ name: 't', partitions: 3, replicationFactor: 3, configs: [{ name: 'retention.ms', value: '1' }, { name: 'cleanup.policy', value: 'compact' }] }],
        configsSet: [{ topic: 'u', name: 'retention.ms', value: '1', previousValue: '2', reason: 'drift' }],
      },
    });
    expect(report.topics.created[0]?.configs.map((config) => config.name)).toEqual(['cleanup.policy', 'retention.ms']);
    expect(report.summary).toMatchObject({ topicsCreated: 1, configsSet: 3, changed: true });
    expect(buildTopologyReport({ ...empty, acls: { ...empty.acls, deleted: [toPlannedAcl(acl('User:a', 'TOPIC', 't', 'READ'))] } }).summary.changed).toBe(true);
  });
});
