import { describe, expect, it } from 'vitest';
import type { CarriedConfig, DroppedConfig } from '../../../engine/plan/plan-types.js';
import { creationConfigs, diffTopicConfigs, type ConfigDiffInput } from '../../../engine/topology/index.js';
import { topicConfig } from './fixtures.js';

const carried = (name: string, value: string, applyAfterSeed = false): CarriedConfig => ({ name, value, applyAfterSeed, note: null });
const dropped = (name: string, value: string | null): DroppedConfig => ({ name, value, reason: 'test' });

const SOURCE: CarriedConfig[] = [
  carried('cleanup.policy', 'compact'),
  carried('message.timestamp.type', 'LogAppendTime', true),
  carried('retention.ms', '3600000'),
];

function input(over: Partial<ConfigDiffInput>): ConfigDiffInput {
  return { carried: SOURCE, dropped: [], targetEntries: [], policy: 'overwrite_with_source', createdByThisMigration: false, ...over };
}

describe('creationConfigs', () => {
  it('is the carried settings without those deferred to after the seed', () => {
    expect(creationConfigs(SOURCE)).toEqual([
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'retention.ms', value: '3600000' },
    ]);
  });
});

describe('diffTopicConfigs', () => {
  const targetEntries = [
    topicConfig('retention.ms', '1000'),
    topicConfig('segment.ms', '60000'),
    topicConfig('cleanup.policy', 'compact'),
    // Inherited from the target broker: not the topic's own setting, never drift.
    topicConfig('min.insync.replicas', '2', 'DYNAMIC_BROKER_CONFIG'),
    topicConfig('max.message.bytes', '1048588', 'STATIC_BROKER_CONFIG'),
  ];

  it('keep_target: every difference reported, nothing sent', () => {
    const diff = diffTopicConfigs(input({ policy: 'keep_target', targetEntries }));
    expect(diff.action).toBe('keep');
    expect(diff.changes).toEqual([]);
    expect(diff.kept).toEqual(diff.drift);
    expect(diff.drift).toEqual([
      // A deferred setting the target lacks is drift for a topic whose settings are kept: it will not get it.
      { name: 'message.timestamp.type', sourceValue: 'LogAppendTime', targetValue: null, applyAfterSeed: true },
      { name: 'retention.ms', sourceValue: '3600000', targetValue: '1000', applyAfterSeed: false },
      { name: 'segment.ms', sourceValue: null, targetValue: '60000', applyAfterSeed: false },
    ]);
  });

  it('fail: the drift and nothing to send', () => {
    const diff = diffTopicConfigs(input({ policy: 'fail', targetEntries }));
    expect(diff.action).toBe('fail');
    expect(diff.changes).toEqual([]);
    expect(diff.drift.map((item) => item.name)).toEqual(['message.timestamp.type', 'retention.ms', 'segment.ms']);
  });

  it('overwrite_with_source: SET the source values that differ, DELETE target-only settings, leave equal ones', () => {
    const diff = diffTopicConfigs(input({ targetEntries }));
    expect(diff.action).toBe('overwrite');
    expect(diff.changes).toEqual([
      { alteration: { name: 'retention.ms', op: 'SET', value: '3600000' }, previousValue: '1000', reason: 'drift' },
      { alteration: { name: 'segment.ms', op: 'DELETE', value: null }, previousValue: '60000', reason: 'drift' },
    ]);
    // Converging, a missing deferred setting is the state wanted before the seed: not drift.
    expect(diff.drift.map((item) => item.name)).toEqual(['retention.ms', 'segment.ms']);
  });

  it('overwrite_with_source: removes a deferred setting the target has until the seed is done, even at the same value', () => {
    const same = diffTopicConfigs(input({ targetEntries: [topicConfig('cleanup.policy', 'compact'), topicConfig('retention.ms', '3600000'), topicConfig('message.timestamp.type', 'LogAppendTime')] }));
    expect(same.drift).toEqual([]);
    expect(same.changes).toEqual([
      { alteration: { name: 'message.timestamp.type', op: 'DELETE', value: null }, previousValue: 'LogAppendTime', reason: 'before-seed' },
    ]);
    expect(same.action).toBe('overwrite');
    const other = diffTopicConfigs(input({ targetEntries: [topicConfig('cleanup.policy', 'compact'), topicConfig('retention.ms', '3600000'), topicConfig('message.timestamp.type', 'CreateTime')] }));
    expect(other.changes).toEqual([
      { alteration: { name: 'message.timestamp.type', op: 'DELETE', value: null }, previousValue: 'CreateTime', reason: 'drift' },
    ]);
  });

  it('never touches a setting the plan drops (broker ids, removed in Kafka 4, sensitive), whatever the policy', () => {
    const entries = [...targetEntries, topicConfig('leader.replication.throttled.replicas', '0:1'), topicConfig('sasl.thing', null)];
    const drops = [dropped('leader.replication.throttled.replicas', '*'), dropped('sasl.thing', null)];
    for (const policy of ['overwrite_with_source', 'keep_target', 'fail'] as const) {
      const diff = diffTopicConfigs(input({ policy, targetEntries: entries, dropped: drops }));
      const names = [...diff.drift.map((item) => item.name), ...diff.changes.map((change) => change.alteration.name)];
      expect(names).not.toContain('leader.replication.throttled.replicas');
      expect(names).not.toContain('sasl.thing');
    }
  });

  it('no drift: action none, nothing to send', () => {
    const diff = diffTopicConfigs(input({ policy: 'fail', targetEntries: [topicConfig('cleanup.policy', 'compact'), topicConfig('retention.ms', '3600000'), topicConfig('message.timestamp.type', 'LogAppendTime')] }));
    expect(diff).toEqual({ drift: [], action: 'none', changes: [], kept: [] });
  });

  it("a topic this migration created is brought back to the plan whatever the policy, and its applied deferred settings are left", () => {
    for (const policy of ['keep_target', 'fail'] as const) {
      const diff = diffTopicConfigs(input({ policy, createdByThisMigration: true, targetEntries }));
      expect(diff.action).toBe('reconcile');
      expect(diff.changes.map((change) => [change.alteration.op, change.alteration.name, change.reason])).toEqual([
        ['SET', 'retention.ms', 'reconcile'],
        ['DELETE', 'segment.ms', 'reconcile'],
      ]);
    }
    const applied = diffTopicConfigs(
      input({
        policy: 'fail',
        createdByThisMigration: true,
        targetEntries: [topicConfig('cleanup.policy', 'compact'), topicConfig('retention.ms', '3600000'), topicConfig('message.timestamp.type', 'LogAppendTime')],
      }),
    );
    expect(applied).toEqual({ drift: [], action: 'none', changes: [], kept: [] });
  });
});
