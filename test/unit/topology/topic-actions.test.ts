import { describe, expect, it } from 'vitest';
import { planTopicActions } from '../../../engine/topology/index.js';
import { scenario, targetTopic, topicConfig } from './fixtures.js';

const TIMESTAMPS = (name: string) => (name === 'orders-0001' ? [topicConfig('message.timestamp.type', 'LogAppendTime')] : []);

describe('planTopicActions', () => {
  it('creates what the fresh target lacks, with the source partitions, the planned RF and the carried configs minus deferred ones', () => {
    const { plan, inventory } = scenario({ topics: 3, partitionsPerTopic: 4, replicationFactor: 3, targetBrokers: 2, topicConfigs: TIMESTAMPS });
    const actions = planTopicActions({ plan, target: inventory.target, createdByThisMigration: new Set(), policy: 'overwrite_with_source' });
    expect(actions.blockers).toEqual([]);
    expect(actions.existing).toEqual([]);
    expect(actions.create.map((entry) => entry.spec)).toEqual([
      { name: 'orders-0000', partitions: 4, replicationFactor: 2, configs: [{ name: 'retention.ms', value: '604800000' }] },
      { name: 'orders-0001', partitions: 4, replicationFactor: 2, configs: [] },
      { name: 'orders-0002', partitions: 4, replicationFactor: 2, configs: [] },
    ]);
    expect(actions.create[1]?.deferred.map((config) => `${config.name}=${config.value}`)).toEqual(['message.timestamp.type=LogAppendTime']);
  });

  it('takes existence from the fresh target, not from the plan', () => {
    const { plan, inventory } = scenario({ topics: 2 });
    expect(plan.topics.map((topic) => topic.action)).toEqual(['create', 'create']);
    const fresh = { ...inventory.target, topics: [targetTopic('orders-0000', 3, { configs: [topicConfig('retention.ms', '604800000')] })] };
    const actions = planTopicActions({ plan, target: fresh, createdByThisMigration: new Set(['orders-0000']), policy: 'fail' });
    expect(actions.create.map((entry) => entry.spec.name)).toEqual(['orders-0001']);
    expect(actions.existing).toEqual([
      expect.objectContaining({ createdByThisMigration: true, partitions: 3, records: 0, diff: expect.objectContaining({ action: 'none' }) }),
    ]);
    expect(actions.blockers).toEqual([]);
  });

  it('blocks on a different partition count (B14), even on a topic this migration created', () => {
    const { plan, inventory } = scenario({ topics: 1, partitionsPerTopic: 6 });
    for (const ours of [false, true]) {
      const fresh = { ...inventory.target, topics: [targetTopic('orders-0000', 4, { configs: [topicConfig('retention.ms', '604800000')] })] };
      const actions = planTopicActions({ plan, target: fresh, createdByThisMigration: new Set(ours ? ['orders-0000'] : []), policy: 'overwrite_with_source' });
      expect(actions.blockers).toEqual([
        expect.objectContaining({
          code: 'B14',
          severity: 'blocker',
          subject: 'orders-0000',
          detail: expect.stringContaining('with 4 partitions; the source has 6'),
          remedy: expect.stringContaining('delete target topic orders-0000 yourself'),
        }),
      ]);
    }
  });

  it('blocks on records this migration did not write (B13), not on its own', () => {
    const { plan, inventory } = scenario({ topics: 1 });
    const fresh = { ...inventory.target, topics: [targetTopic('orders-0000', 3, { records: 42, configs: [topicConfig('retention.ms', '604800000')] })] };
    const foreign = planTopicActions({ plan, target: fresh, createdByThisMigration: new Set(), policy: 'overwrite_with_source' });
    expect(foreign.blockers).toEqual([expect.objectContaining({ code: 'B13', subject: 'orders-0000', detail: expect.stringContaining('42 records') })]);
    const ours = planTopicActions({ plan, target: fresh, createdByThisMigration: new Set(['orders-0000']), policy: 'overwrite_with_source' });
    expect(ours.blockers).toEqual([]);
    expect(ours.existing[0]?.records).toBe(42);
  });

  it('turns drift under `fail` into one blocker per topic listing each setting, and lists every blocker at once', () => {
    const { plan, inventory } = scenario({ topics: 3 });
    const fresh = {
      ...inventory.target,
      topics: [
        targetTopic('orders-0000', 3, { configs: [topicConfig('retention.ms', '1000'), topicConfig('segment.ms', '5')] }),
        targetTopic('orders-0001', 2),
        targetTopic('orders-0002', 3, { records: 1 }),
      ],
    };
    const actions = planTopicActions({ plan, target: fresh, createdByThisMigration: new Set(), policy: 'fail' });
    expect(actions.blockers.map((blocker) => [blocker.code, blocker.subject])).toEqual([
      ['TOPIC_CONFIG_DRIFT', 'orders-0000'],
      ['B14', 'orders-0001'],
      ['B13', 'orders-0002'],
    ]);
    expect(actions.blockers[0]?.detail).toContain('retention.ms source=604800000 target=1000; segment.ms source=(not set) target=5');
  });

  it('keep_target: no deferred settings for a kept topic (its target settings stay)', () => {
    const { plan, inventory } = scenario({ topics: 2, topicConfigs: TIMESTAMPS });
    const fresh = { ...inventory.target, topics: [targetTopic('orders-0001', 3, { configs: [topicConfig('segment.ms', '5')] })] };
    const actions = planTopicActions({ plan, target: fresh, createdByThisMigration: new Set(), policy: 'keep_target' });
    expect(actions.existing[0]).toMatchObject({ diff: { action: 'keep' }, deferred: [] });
  });
});
