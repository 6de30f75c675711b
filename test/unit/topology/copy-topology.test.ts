import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../engine/errors.js';
import type { AclEntry, ClusterInventory, ConfigEntry } from '../../../engine/inventory/types.js';
import type { AclBinding, ApplierPort, ConfigAlteration, NewTopic } from '../../../engine/kafka/applier-port.js';
import { aclKey, copyTopology, TopologyBlockedError, type TopologyEvent } from '../../../engine/topology/index.js';
import { acl, PLAN_ENV, RecordingApplier, scenario, TARGET_ARN, targetTopic, topicConfig } from './fixtures.js';

const SOURCE_ACLS: AclEntry[] = [
  acl('User:orders-app', 'TOPIC', 'orders-', 'WRITE', { patternType: 'PREFIXED' }),
  acl('User:orders-app', 'GROUP', 'consumer-0000', 'READ'),
];
const STAMPED = (name: string) => (name === 'orders-0001' ? [topicConfig('message.timestamp.type', 'LogAppendTime'), topicConfig('max.message.bytes', '2097152')] : []);

/** A target cluster in memory: the applier writes into it, `inventory()` reads it back the way discovery would. */
class InMemoryTarget implements ApplierPort {
  readonly topics = new Map<string, { partitions: number; rf: number; configs: Map<string, string> }>();
  readonly acls = new Map<string, AclBinding>();
  writes = 0;

  constructor(private readonly base: ClusterInventory) {}

  inventory(): ClusterInventory {
    const topics = [...this.topics.entries()].map(([name, topic]) =>
      targetTopic(name, topic.partitions, {
        rf: topic.rf,
        configs: [...topic.configs.entries()].map(([key, value]): ConfigEntry => topicConfig(key, value)),
      }),
    );
    return { ...this.base, topics, acls: [...this.acls.values()] as AclEntry[] };
  }

  async createTopics(topics: readonly NewTopic[]) {
    this.writes += 1;
    return topics.map((topic) => {
      if (this.topics.has(topic.name)) return { name: topic.name, outcome: 'already-exists' as const };
      this.topics.set(topic.name, { partitions: topic.partitions, rf: topic.replicationFactor, configs: new Map(topic.configs.map((c) => [c.name, c.value])) });
      return { name: topic.name, outcome: 'created' as const };
    });
  }

  async incrementalAlterTopicConfigs(name: string, alterations: readonly ConfigAlteration[]) {
    this.writes += 1;
    const topic = this.topics.get(name);
    if (topic === undefined) throw new Error(`no topic ${name}`);
    for (const alteration of alterations) {
      if (alteration.op === 'SET') topic.configs.set(alteration.name, alteration.value ?? '');
      else topic.configs.delete(alteration.name);
    }
  }

  async createAcls(acls: readonly AclBinding[]) {
    this.writes += 1;
    for (const binding of acls) this.acls.set(aclKey(binding as AclEntry), binding);
    return acls.map((binding) => ({ acl: binding, outcome: 'created' as const }));
  }

  async deleteAcls(acls: readonly AclBinding[]) {
    this.writes += 1;
    return acls.map((binding) => ({ acl: binding, outcome: 'deleted' as const, removed: this.acls.delete(aclKey(binding as AclEntry)) ? 1 : 0 }));
  }

  async close() {}
}

describe('copyTopology', () => {
  it('creates topics, then ACLs; a second run over the resulting target writes nothing and says already present', async () => {
    const { plan, config, inventory } = scenario({ topics: 3, acls: SOURCE_ACLS, targetAcls: [], topicConfigs: STAMPED });
    const target = new InMemoryTarget(inventory.target);
    const events: TopologyEvent[] = [];
    const first = await copyTopology({ plan, config, inventory: { target: target.inventory() }, applier: target, onEvent: (event) => events.push(event) });

    expect([...target.topics.keys()]).toEqual(['orders-0000', 'orders-0001', 'orders-0002']);
    expect(Object.fromEntries(target.topics.get('orders-0001')?.configs ?? [])).toEqual({ 'max.message.bytes': '2097152' });
    expect(first.topics.configsDeferred).toEqual([{ topic: 'orders-0001', name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    expect(first.summary).toMatchObject({ topicsCreated: 3, aclsCreated: 2, configsSet: 2, configsDeferred: 1, changed: true });
    expect(events.map((event) => event.type)).toEqual([
      'topology.started',
      'topology.topic.created',
      'topology.topic.created',
      'topology.topic.created',
      'topology.acl.created',
      'topology.acl.created',
      'topology.config.deferred',
      'topology.finished',
    ]);

    const writesBefore = target.writes;
    const ours = new Set(first.topics.created.map((topic) => topic.name));
    const second = await copyTopology({ plan, config, inventory: { target: target.inventory() }, applier: target, createdByThisMigration: ours });
    expect(target.writes).toBe(writesBefore);
    expect(second.summary).toMatchObject({ topicsCreated: 0, topicsAlreadyPresent: 3, aclsCreated: 0, aclsAlreadyPresent: 2, configsSet: 0, configsDeleted: 0, changed: false });
    expect(second.topics.alreadyPresent.every((topic) => topic.createdByThisMigration)).toBe(true);
    // Deterministic: the same work gives the same JSON.
    const third = await copyTopology({ plan, config, inventory: { target: target.inventory() }, applier: target, createdByThisMigration: ours });
    expect(JSON.stringify(third)).toBe(JSON.stringify(second));
  });

  it('journals the names before creating them, and creates nothing when journaling fails', async () => {
    const { plan, config, inventory } = scenario({ topics: 2 });
    const applier = new RecordingApplier();
    const order: string[] = [];
    const original = applier.createTopics.bind(applier);
    applier.createTopics = async (topics) => {
      order.push('create');
      return original(topics);
    };
    await copyTopology({ plan, config, inventory, applier, beforeCreateTopics: async (names) => void order.push(`journal ${names.join(',')}`) });
    expect(order).toEqual(['journal orders-0000,orders-0001', 'create']);

    const refused = new RecordingApplier();
    const error = await copyTopology({
      plan,
      config,
      inventory,
      applier: refused,
      beforeCreateTopics: async () => {
        throw new Error('journal unavailable');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('journal unavailable');
    expect(refused.writes()).toEqual([]);
  });

  it('writes nothing at all when anything blocks, and lists every blocker', async () => {
    const { plan, config, inventory } = scenario({ topics: 3, acls: SOURCE_ACLS, targetAcls: [] });
    const fresh = { ...inventory.target, topics: [targetTopic('orders-0002', 1, { records: 5 })] };
    const applier = new RecordingApplier();
    const events: TopologyEvent[] = [];
    const error = await copyTopology({ plan, config, inventory: { target: fresh }, applier, onEvent: (event) => events.push(event) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyBlockedError);
    expect(error).toMatchObject({ code: 'PRECHECK_BLOCKED', exitCode: 1, retriable: false });
    expect((error as TopologyBlockedError).blockers.map((blocker) => blocker.code)).toEqual(['B14', 'B13']);
    expect((error as Error).message).toMatch(/nothing was written/);
    expect((error as Error).message).toContain('orders-0002');
    expect(applier.writes()).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['topology.started', 'topology.blocked']);
  });

  it('stops, naming each topic, when the target refuses a creation or a topic appeared meanwhile', async () => {
    const { plan, config, inventory } = scenario({ topics: 3, acls: SOURCE_ACLS, targetAcls: [] });
    const applier = new RecordingApplier();
    applier.topicOutcome = (topic) =>
      topic.name === 'orders-0001'
        ? { name: topic.name, outcome: 'failed', error: { code: 'POLICY_VIOLATION', message: 'POLICY_VIOLATION: no' } }
        : topic.name === 'orders-0002'
          ? { name: topic.name, outcome: 'already-exists' }
          : { name: topic.name, outcome: 'created' };
    const error = await copyTopology({ plan, config, inventory, applier }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('could not create 2 topics on the target (1 created)');
    expect((error as Error).message).toContain('orders-0001: POLICY_VIOLATION: no');
    expect((error as Error).message).toContain('orders-0002: created by someone else since the target was discovered');
    // Stopped before ACLs.
    expect(applier.writes().map((call) => call.method)).toEqual(['createTopics']);
  });

  it('reports refused ACLs with their binding', async () => {
    const { plan, config, inventory } = scenario({ topics: 1, acls: SOURCE_ACLS, targetAcls: [] });
    const applier = new RecordingApplier();
    applier.aclOutcome = (binding) => ({ acl: binding, outcome: 'failed', error: { code: 'SECURITY_DISABLED', message: 'SECURITY_DISABLED' } });
    const error = await copyTopology({ plan, config, inventory, applier }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRECHECK_BLOCKED', hint: expect.stringContaining('no authorizer') });
    expect((error as Error).message).toContain('create ALLOW User:orders-app WRITE on PREFIXED TOPIC orders- from *: SECURITY_DISABLED');
  });

  it('changes existing topics key by key under overwrite_with_source, and only reports under keep_target', async () => {
    const fresh = (inv: ClusterInventory) => ({ ...inv, topics: [targetTopic('orders-0000', 3, { configs: [topicConfig('retention.ms', '1'), topicConfig('segment.ms', '5')] })] });
    const overwrite = scenario({ topics: 1, acls: [] });
    const applier = new RecordingApplier();
    const report = await copyTopology({ ...overwrite, inventory: { target: fresh(overwrite.inventory.target) }, applier });
    expect(applier.writes()).toEqual([
      {
        method: 'incrementalAlterTopicConfigs',
        topic: 'orders-0000',
        alterations: [
          { name: 'retention.ms', op: 'SET', value: '604800000' },
          { name: 'segment.ms', op: 'DELETE', value: null },
        ],
      },
    ]);
    expect(report.topics.drift.map((item) => [item.name, item.action])).toEqual([
      ['retention.ms', 'set'],
      ['segment.ms', 'deleted'],
    ]);

    const keep = scenario({ topics: 1, acls: [] }, { topologyDrift: 'keep_target' });
    const keepApplier = new RecordingApplier();
    const events: TopologyEvent[] = [];
    const kept = await copyTopology({ ...keep, inventory: { target: fresh(keep.inventory.target) }, applier: keepApplier, onEvent: (event) => events.push(event) });
    expect(keepApplier.writes()).toEqual([]);
    expect(kept.summary).toMatchObject({ configsKept: 2, changed: false });
    expect(events.filter((event) => event.type === 'topology.config.kept')).toHaveLength(2);
  });

  it('ignores a listener that throws', async () => {
    const { plan, config, inventory } = scenario({ topics: 1 });
    const report = await copyTopology({
      plan,
      config,
      inventory,
      applier: new RecordingApplier(),
      onEvent: () => {
        throw new Error('broken screen');
      },
    });
    expect(report.summary.topicsCreated).toBe(1);
  });

  it('refuses to work from an unreachable target inventory', async () => {
    const { plan, config, inventory } = scenario({ topics: 1 });
    const error = await copyTopology({
      plan,
      config,
      inventory: { target: { ...inventory.target, reachable: false, error: { code: 'CLUSTER_UNREACHABLE', message: 'timeout' } } },
      applier: new RecordingApplier(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CLUSTER_UNREACHABLE', retriable: true });
  });

  it('on an IAM target writes no ACL and returns the access map with I01, the same for the same plan', async () => {
    const { plan, config, inventory } = scenario({ topics: 1, acls: SOURCE_ACLS }, { targetAuth: 'iam' });
    const applier = new RecordingApplier();
    const events: TopologyEvent[] = [];
    const report = await copyTopology({ plan, config, inventory, applier, onEvent: (event) => events.push(event) });
    expect(applier.writes().map((call) => call.method)).toEqual(['createTopics']);
    expect(report.acls).toMatchObject({ mode: 'iam-access-map', created: [], deleted: [] });
    expect(report.findings).toEqual([
      {
        code: 'I01',
        severity: 'info',
        subject: TARGET_ARN,
        detail: 'target is IAM-auth',
        remedy: 'ACLs are emitted as access-map.json for customer IaC to translate to IAM policies (tool does not apply IAM)',
      },
    ]);
    expect(report.accessMap).toMatchObject({ schemaVersion: 1, migrationId: plan.migrationId, targetCluster: { arn: TARGET_ARN, name: 'orders-kraft' } });
    expect(report.accessMap?.principals).toEqual(plan.acls.iamAccessMap);
    expect(report.accessMap?.principals[0]?.statements).toContainEqual(
      expect.objectContaining({ effect: 'Allow', actions: expect.arrayContaining(['kafka-cluster:WriteData']) }),
    );
    expect(events).toContainEqual({ type: 'topology.access_map.ready', principals: 1, unmapped: 0 });
    const again = await copyTopology({ plan, config, inventory, applier: new RecordingApplier() });
    expect(JSON.stringify(again.accessMap)).toBe(JSON.stringify(report.accessMap));
  });

  it('never puts a secret in the report or the events', async () => {
    const { plan, config, inventory } = scenario({ topics: 2, acls: SOURCE_ACLS, targetAcls: [] });
    const events: TopologyEvent[] = [];
    const report = await copyTopology({ plan, config, inventory, applier: new RecordingApplier(), onEvent: (event) => events.push(event) });
    const text = JSON.stringify({ report, events });
    expect(text).not.toContain(PLAN_ENV.SCRAM_PASSWORD);
    expect(text).not.toContain(PLAN_ENV.FREEZE_HMAC_SECRET);
  });
});
