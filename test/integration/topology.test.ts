/**
 * Topology copy against the real test bed: Kafka 3.9 (ZooKeeper) source, Kafka 4.1 (KRaft) target. The test makes
 * its own source topics (non-default configs) and ACLs, and its own target topics in the way, through PLAINTEXT
 * kafkajs admins (unique names per run); then discover → buildPlan → copyTopology writes to the target by ARN over
 * SCRAM/SASL_SSL (the bed's migration.yaml), and the result is checked from the outside with DescribeConfigs,
 * Metadata and DescribeAcls.
 *
 * The bed is shared: the inventory's ACLs are narrowed to this run's principals before planning, so the run never
 * copies or removes another test's ACLs.
 */
import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { discover } from '../../engine/discovery/index.js';
import type { Inventory } from '../../engine/inventory/types.js';
import type { ApplierPort } from '../../engine/kafka/applier-port.js';
import { buildPlan, type MigrationPlan } from '../../engine/plan/index.js';
import {
  applyAfterSeedConfigs,
  connectTargetApplier,
  copyTopology,
  TopologyBlockedError,
  type TopologyEvent,
  type TopologyReport,
} from '../../engine/topology/index.js';
import { configVariant } from '../support/config-variant.js';
import { MIGRATION_CONFIG_FILE } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, ConfigResourceTypes, logLevel } = kafkajs;

const bed = loadTestbedEnv();
const env: NodeJS.ProcessEnv = { ...process.env, ...bed };

const RUN = `topo-${Date.now().toString(36)}-${process.pid}`;
const TOPIC = {
  orders: `${RUN}.orders`,
  compacted: `${RUN}.compacted`,
  stamped: `${RUN}.stamped`,
  drift: `${RUN}.drift`,
  mismatch: `${RUN}.mismatch`,
  bystander: `${RUN}.bystander`,
  foreign: `${RUN}.foreign`,
  unrelated: `${RUN}.unrelated`,
};
const APP = `User:${RUN}-app`;
const OTHER = `User:${RUN}-other`;
const OURS = new Set([APP, OTHER]);
const HAPPY = [TOPIC.compacted, TOPIC.orders, TOPIC.stamped];

type AclSpec = { principal: string; resourceType: string; resourceName: string; patternType: 'LITERAL' | 'PREFIXED'; operation: string; permissionType: 'ALLOW' | 'DENY' };
const acl = (principal: string, resourceType: string, resourceName: string, patternType: AclSpec['patternType'], operation: string, permissionType: AclSpec['permissionType'] = 'ALLOW'): AclSpec => ({
  principal,
  resourceType,
  resourceName,
  patternType,
  operation,
  permissionType,
});

const SOURCE_ACLS = [
  acl(APP, 'TOPIC', TOPIC.orders, 'LITERAL', 'READ'),
  acl(APP, 'TOPIC', `${RUN}.`, 'PREFIXED', 'WRITE'),
  acl(APP, 'GROUP', `${RUN}-`, 'PREFIXED', 'READ'),
  acl(OTHER, 'TOPIC', TOPIC.compacted, 'LITERAL', 'WRITE', 'DENY'),
];
/** Target-only ACLs for acl.on_drift: overwrite_with_source. */
const TARGET_ONLY = {
  removable: acl(OTHER, 'TOPIC', TOPIC.orders, 'LITERAL', 'READ'),
  deny: acl(OTHER, 'TOPIC', TOPIC.orders, 'LITERAL', 'DESCRIBE', 'DENY'),
  unrelated: acl(OTHER, 'TOPIC', TOPIC.unrelated, 'LITERAL', 'READ'),
};

function client(bootstrap: string, clientId: string): Kafka {
  return new kafkajs.Kafka({ clientId, brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, connectionTimeout: 10_000 });
}
const source = client(bed.SOURCE_BOOTSTRAP, `${RUN}-setup-source`);
const target = client(bed.TARGET_BOOTSTRAP, `${RUN}-setup-target`);
let sourceAdmin: Admin;
let targetAdmin: Admin;

const toKafkajs = (spec: AclSpec) => ({
  resourceType: AclResourceTypes[spec.resourceType as keyof typeof AclResourceTypes],
  resourceName: spec.resourceName,
  resourcePatternType: ResourcePatternTypes[spec.patternType],
  principal: spec.principal,
  host: '*',
  operation: AclOperationTypes[spec.operation as keyof typeof AclOperationTypes],
  permissionType: AclPermissionTypes[spec.permissionType],
});
type AclLike = Pick<AclSpec, 'principal' | 'resourceType' | 'resourceName' | 'operation'> & { patternType: string; permissionType: string };
const specKey = (spec: AclLike) => [spec.principal, spec.resourceType, spec.patternType, spec.resourceName, spec.operation, spec.permissionType].join(' ');

/** This run's ACLs on a cluster, as sorted keys (host is always `*` here). */
async function aclKeys(admin: Admin): Promise<string[]> {
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const name = <T extends Record<string, unknown>>(table: T, code: number) => Object.keys(table).find((key) => table[key] === code) ?? String(code);
  return resources
    .flatMap((resource) =>
      resource.acls
        .filter((entry) => OURS.has(entry.principal))
        .map((entry) =>
          [
            entry.principal,
            name(AclResourceTypes, resource.resourceType),
            name(ResourcePatternTypes, resource.resourcePatternType),
            resource.resourceName,
            name(AclOperationTypes, entry.operation),
            name(AclPermissionTypes, entry.permissionType),
          ].join(' '),
        ),
    )
    .sort();
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function createAcls(admin: Admin, specs: AclSpec[]): Promise<void> {
  await admin.createAcls({ acl: specs.map(toKafkajs) });
  const wanted = specs.map(specKey);
  await eventually(() => aclKeys(admin), (keys) => wanted.every((key) => keys.includes(key)), 'ACLs visible');
}

async function produce(kafka: Kafka, topic: string, count: number): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ value: `record ${i}` })) });
  } finally {
    await producer.disconnect();
  }
}

interface TopicState {
  partitions: number;
  replicationFactors: number[];
  /** The topic's own settings (DYNAMIC_TOPIC_CONFIG), `name=value`, sorted. */
  configs: string[];
}

/** What topology copy may change on the target, seen from outside: partitions, RF, topic settings, this run's ACLs. */
async function targetState(topics: readonly string[]): Promise<{ topics: Record<string, TopicState | null>; acls: string[] }> {
  const existing = new Set(await targetAdmin.listTopics());
  const present = topics.filter((name) => existing.has(name));
  const out: Record<string, TopicState | null> = Object.fromEntries(topics.map((name) => [name, null]));
  if (present.length > 0) {
    const metadata = await targetAdmin.fetchTopicMetadata({ topics: present });
    const described = await targetAdmin.describeConfigs({
      resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      includeSynonyms: false,
    });
    for (const topic of metadata.topics) {
      const configs = described.resources.find((resource) => resource.resourceName === topic.name)?.configEntries ?? [];
      out[topic.name] = {
        partitions: topic.partitions.length,
        replicationFactors: [...new Set(topic.partitions.map((p) => p.replicas.length))],
        configs: configs
          .filter((entry) => (entry as { configSource?: number }).configSource === 1)
          .map((entry) => `${entry.configName}=${entry.configValue}`)
          .sort(),
      };
    }
  }
  return { topics: out, acls: await aclKeys(targetAdmin) };
}

async function scopedConfig(topics: readonly string[], mutate: (block: Record<string, any>) => void = () => undefined): Promise<MigrationConfig> {
  const file = configVariant(MIGRATION_CONFIG_FILE, (block) => {
    block.topics = { include: [...topics], exclude: [] };
    block.groups = { include: [`${RUN}-*`], exclude: [] };
    mutate(block);
  });
  return loadConfig(file, env);
}

/** A fresh discovery, its ACLs narrowed to this run's principals (the bed is shared). */
async function discoverScoped(config: MigrationConfig): Promise<Inventory> {
  const inventory = await discover(config, { env });
  const narrow = (acls: typeof inventory.source.acls) => acls?.filter((entry) => OURS.has(entry.principal));
  return {
    ...inventory,
    source: { ...inventory.source, acls: narrow(inventory.source.acls) },
    target: { ...inventory.target, acls: narrow(inventory.target.acls) },
  };
}

let planCount = 0;
function plan(inventory: Inventory, config: MigrationConfig): MigrationPlan {
  planCount += 1;
  return buildPlan(inventory, config, { migrationId: `mig-${RUN}-${planCount}` });
}

let applier: ApplierPort;

beforeAll(async () => {
  sourceAdmin = source.admin();
  targetAdmin = target.admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: TOPIC.orders,
        numPartitions: 3,
        replicationFactor: 2,
        configEntries: [
          { name: 'retention.ms', value: '3600000' },
          { name: 'max.message.bytes', value: '2097152' },
          { name: 'min.insync.replicas', value: '2' },
        ],
      },
      {
        topic: TOPIC.compacted,
        numPartitions: 2,
        replicationFactor: 2,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'min.compaction.lag.ms', value: '60000' },
          { name: 'segment.bytes', value: '1048576' },
        ],
      },
      {
        topic: TOPIC.stamped,
        numPartitions: 1,
        replicationFactor: 1,
        configEntries: [
          { name: 'message.timestamp.type', value: 'LogAppendTime' },
          { name: 'retention.ms', value: '86400000' },
        ],
      },
      {
        topic: TOPIC.drift,
        numPartitions: 2,
        replicationFactor: 2,
        configEntries: [
          { name: 'retention.ms', value: '7200000' },
          { name: 'leader.replication.throttled.replicas', value: '*' },
        ],
      },
      { topic: TOPIC.mismatch, numPartitions: 3, replicationFactor: 2 },
      { topic: TOPIC.bystander, numPartitions: 1, replicationFactor: 2 },
      { topic: TOPIC.foreign, numPartitions: 1, replicationFactor: 2 },
    ],
  });
  await produce(source, TOPIC.orders, 5);
  await targetAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: TOPIC.drift,
        numPartitions: 2,
        replicationFactor: 2,
        configEntries: [
          { name: 'retention.ms', value: '1000' },
          { name: 'segment.ms', value: '3600000' },
          { name: 'leader.replication.throttled.replicas', value: '0:1' },
        ],
      },
      { topic: TOPIC.mismatch, numPartitions: 2, replicationFactor: 2 },
      { topic: TOPIC.foreign, numPartitions: 1, replicationFactor: 2 },
    ],
  });
  await produce(target, TOPIC.foreign, 3);
  await createAcls(sourceAdmin, SOURCE_ACLS);
  const config = await scopedConfig(HAPPY);
  applier = await connectTargetApplier(config, await discover(config, { env }));
});

afterAll(async () => {
  await applier?.close().catch(() => undefined);
  const filters = [...OURS].map((principal) => ({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    principal,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  }));
  await Promise.allSettled([sourceAdmin.deleteAcls({ filters }), targetAdmin.deleteAcls({ filters })]);
  const all = Object.values(TOPIC);
  const drop = async (admin: Admin) => {
    const existing = new Set(await admin.listTopics());
    const mine = all.filter((name) => existing.has(name));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  };
  await Promise.allSettled([drop(sourceAdmin), drop(targetAdmin)]);
  await Promise.allSettled([sourceAdmin.disconnect(), targetAdmin.disconnect()]);
});

describe('new topics, configs and ACLs (acl.on_drift: merge), then the same again', () => {
  let config: MigrationConfig;
  let planned: MigrationPlan;
  let first: TopologyReport;
  let afterFirst: Awaited<ReturnType<typeof targetState>>;
  const createdByThisMigration = new Set<string>();

  it('creates every planned topic with the source partitions, the planned RF and the carried configs, and the ACLs', async () => {
    config = await scopedConfig(HAPPY);
    planned = plan(await discoverScoped(config), config);
    expect(planned.topics.map((topic) => [topic.name, topic.action])).toEqual(HAPPY.map((name) => [name, 'create']));
    expect(planned.acls.create.map(specKey).sort()).toEqual(SOURCE_ACLS.map(specKey).sort());

    const events: TopologyEvent[] = [];
    const journaled: string[][] = [];
    first = await copyTopology({
      plan: planned,
      config,
      inventory: await discoverScoped(config),
      applier,
      createdByThisMigration,
      beforeCreateTopics: async (names) => {
        journaled.push([...names]);
      },
      onEvent: (event) => events.push(event),
    });
    first.topics.created.forEach((topic) => createdByThisMigration.add(topic.name));

    expect(journaled).toEqual([HAPPY]);
    expect(first.topics.created.map((topic) => [topic.name, topic.partitions, topic.replicationFactor])).toEqual([
      [TOPIC.compacted, 2, 2],
      [TOPIC.orders, 3, 2],
      [TOPIC.stamped, 1, 1],
    ]);
    expect(first.topics.alreadyPresent).toEqual([]);
    expect(first.acls.created.map(specKey).sort()).toEqual(SOURCE_ACLS.map(specKey).sort());
    expect(first.summary).toMatchObject({ topicsCreated: 3, aclsCreated: 4, changed: true });
    expect(first.topics.configsDeferred).toEqual([{ topic: TOPIC.stamped, name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    expect(events.filter((event) => event.type === 'topology.topic.created').map((event) => event.type === 'topology.topic.created' && event.topic)).toEqual(HAPPY);
    expect(events.filter((event) => event.type === 'topology.acl.created')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'topology.finished', summary: first.summary });

    afterFirst = await eventually(
      () => targetState(HAPPY),
      (state) => SOURCE_ACLS.every((spec) => state.acls.includes(specKey(spec))),
      'copied ACLs visible on the target',
    );
    expect(afterFirst.topics[TOPIC.orders]).toEqual({
      partitions: 3,
      replicationFactors: [2],
      configs: ['max.message.bytes=2097152', 'min.insync.replicas=2', 'retention.ms=3600000'],
    });
    expect(afterFirst.topics[TOPIC.compacted]).toEqual({
      partitions: 2,
      replicationFactors: [2],
      configs: ['cleanup.policy=compact', 'min.compaction.lag.ms=60000', 'segment.bytes=1048576'],
    });
    // LogAppendTime would re-stamp the historical records the seed copies: it waits for applyAfterSeedConfigs.
    expect(afterFirst.topics[TOPIC.stamped]).toEqual({ partitions: 1, replicationFactors: [1], configs: ['retention.ms=86400000'] });
    // Exactly the plan's carried configs, no more, no less.
    for (const topic of planned.topics) {
      const expected = topic.configs.carried.filter((c) => !c.applyAfterSeed).map((c) => `${c.name}=${c.value}`).sort();
      expect(afterFirst.topics[topic.name]?.configs).toEqual(expected);
    }
    expect(afterFirst.acls).toEqual(SOURCE_ACLS.map(specKey).sort());
  });

  it('changes nothing the second time, and says everything is already present (a throwing listener is ignored)', async () => {
    const second = await copyTopology({
      plan: planned,
      config,
      inventory: await discoverScoped(config),
      applier,
      createdByThisMigration,
      beforeCreateTopics: async () => {
        throw new Error('nothing should be created');
      },
      onEvent: () => {
        throw new Error('a broken front end');
      },
    });
    expect(second.summary).toMatchObject({ topicsCreated: 0, topicsAlreadyPresent: 3, configsSet: 0, configsDeleted: 0, aclsCreated: 0, aclsAlreadyPresent: 4, aclsDeleted: 0, changed: false });
    expect(second.topics.created).toEqual([]);
    expect(second.topics.alreadyPresent.map((topic) => [topic.name, topic.createdByThisMigration, topic.partitions])).toEqual([
      [TOPIC.compacted, true, 2],
      [TOPIC.orders, true, 3],
      [TOPIC.stamped, true, 1],
    ]);
    expect(second.topics.drift).toEqual([]);
    expect(second.acls.alreadyPresent.map(specKey).sort()).toEqual(SOURCE_ACLS.map(specKey).sort());
    expect(await targetState(HAPPY)).toEqual(afterFirst);
  });

  it('applies the deferred settings after the seed, and topology copy still leaves them alone', async () => {
    const after = await applyAfterSeedConfigs(planned, applier, { report: first });
    expect(after.set).toEqual([{ topic: TOPIC.stamped, name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    const state = await targetState(HAPPY);
    expect(state.topics[TOPIC.stamped]?.configs).toEqual(['message.timestamp.type=LogAppendTime', 'retention.ms=86400000']);

    const third = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier, createdByThisMigration });
    expect(third.summary.changed).toBe(false);
    expect(await targetState(HAPPY)).toEqual(state);
  });

  it('never writes the SCRAM password into the report', () => {
    expect(JSON.stringify(first)).not.toContain(bed.SCRAM_PASSWORD);
  });
});

describe('acl.on_drift: overwrite_with_source', () => {
  it('removes only target-only ALLOW ACLs on migrated resources, keeps DENY and unrelated ones, and is then a no-op', async () => {
    await createAcls(targetAdmin, Object.values(TARGET_ONLY));
    const config = await scopedConfig(HAPPY, (block) => {
      block.acl = { on_drift: 'overwrite_with_source' };
    });
    const planned = plan(await discoverScoped(config), config);
    expect(planned.acls.removeFromTarget.map(specKey).sort()).toEqual(Object.values(TARGET_ONLY).map(specKey).sort());

    const report = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier, createdByThisMigration: new Set(HAPPY) });
    expect(report.acls.deleted.map(specKey)).toEqual([specKey(TARGET_ONLY.removable)]);
    expect(report.acls.keptOnTarget.map((kept) => [specKey(kept.acl), kept.reason])).toEqual(
      expect.arrayContaining([
        [specKey(TARGET_ONLY.deny), expect.stringContaining('DENY')],
        [specKey(TARGET_ONLY.unrelated), expect.stringContaining('not a resource this migration moves')],
      ]),
    );
    expect(report.acls.keptOnTarget).toHaveLength(2);

    const state = await eventually(
      () => targetState(HAPPY),
      (current) => !current.acls.includes(specKey(TARGET_ONLY.removable)),
      'removed ACL gone',
    );
    expect(state.acls).toEqual([...SOURCE_ACLS, TARGET_ONLY.deny, TARGET_ONLY.unrelated].map(specKey).sort());

    const again = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier, createdByThisMigration: new Set(HAPPY) });
    expect(again.summary).toMatchObject({ changed: false, aclsDeleted: 0, aclsCreated: 0, aclsKeptOnTarget: 2 });
    expect(await targetState(HAPPY)).toEqual(state);
  });
});

describe('an IAM target', () => {
  it('writes no ACL to Kafka and returns the access map with I01', async () => {
    const extra = acl(APP, 'TOPIC', TOPIC.compacted, 'LITERAL', 'DESCRIBE');
    await createAcls(sourceAdmin, [extra]);
    const scram = await scopedConfig(HAPPY);
    const iam = await scopedConfig(HAPPY, (block) => {
      block.target.auth = { mode: 'iam' };
    });
    const inventory = await discoverScoped(scram);
    const planned = plan(inventory, iam);
    expect(planned.acls.mode).toBe('iam-access-map');
    const before = await targetState(HAPPY);

    const events: TopologyEvent[] = [];
    const report = await copyTopology({ plan: planned, config: iam, inventory, applier, createdByThisMigration: new Set(HAPPY), onEvent: (e) => events.push(e) });
    expect(report.acls).toMatchObject({ mode: 'iam-access-map', created: [], deleted: [] });
    expect(report.findings).toEqual([expect.objectContaining({ code: 'I01', severity: 'info', subject: bed.TARGET_CLUSTER_ARN })]);
    expect(report.accessMap?.principals.map((principal) => principal.principal)).toEqual([APP, OTHER]);
    const app = report.accessMap?.principals.find((principal) => principal.principal === APP);
    expect(app?.statements).toContainEqual(
      expect.objectContaining({
        effect: 'Allow',
        actions: expect.arrayContaining(['kafka-cluster:ReadData']),
        resources: [expect.stringMatching(new RegExp(`:topic/testbed-target-kraft/.*/${TOPIC.orders.replace(/\./g, '\\.')}$`))],
      }),
    );
    expect(events).toContainEqual({ type: 'topology.access_map.ready', principals: 2, unmapped: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await targetState(HAPPY);
    expect(after).toEqual(before);
    expect(after.acls).not.toContain(specKey(extra));
    await sourceAdmin.deleteAcls({ filters: [toKafkajs(extra)] });
    await eventually(() => aclKeys(sourceAdmin), (keys) => !keys.includes(specKey(extra)), 'extra source ACL gone');
  });
});

describe('existing target topics', () => {
  it('blocks on a different partition count, naming topic and counts, and writes nothing', async () => {
    const config = await scopedConfig([TOPIC.mismatch, TOPIC.bystander]);
    const planned = plan(await discoverScoped(config), config);
    const events: TopologyEvent[] = [];
    let created = false;
    const error = await copyTopology({
      plan: planned,
      config,
      inventory: await discoverScoped(config),
      applier,
      beforeCreateTopics: async () => {
        created = true;
      },
      onEvent: (event) => events.push(event),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyBlockedError);
    const blocked = error as TopologyBlockedError;
    expect(blocked).toMatchObject({ code: 'PRECHECK_BLOCKED', exitCode: 1 });
    expect(blocked.blockers).toEqual([
      expect.objectContaining({ code: 'B14', severity: 'blocker', subject: TOPIC.mismatch, detail: expect.stringContaining('with 2 partitions; the source has 3') }),
    ]);
    expect(blocked.message).toContain(TOPIC.mismatch);
    expect(created).toBe(false);
    expect(events.map((event) => event.type)).toEqual(['topology.started', 'topology.blocked']);
    const state = await targetState([TOPIC.mismatch, TOPIC.bystander]);
    expect(state.topics[TOPIC.mismatch]?.partitions).toBe(2);
    expect(state.topics[TOPIC.bystander]).toBeNull();
  });

  it('blocks on a topic holding records this migration did not write, unless the journal says it wrote them', async () => {
    const config = await scopedConfig([TOPIC.foreign]);
    const planned = plan(await discoverScoped(config), config);
    const error = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyBlockedError);
    expect((error as TopologyBlockedError).blockers).toEqual([
      expect.objectContaining({ code: 'B13', subject: TOPIC.foreign, detail: expect.stringContaining('3 records this migration did not write') }),
    ]);
    const offsets = await targetAdmin.fetchTopicOffsets(TOPIC.foreign);
    expect(offsets.map((p) => p.high)).toEqual(['3']);

    const resumed = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier, createdByThisMigration: new Set([TOPIC.foreign]) });
    expect(resumed.topics.alreadyPresent).toEqual([
      expect.objectContaining({ name: TOPIC.foreign, createdByThisMigration: true, records: 3 }),
    ]);
    expect(resumed.summary.changed).toBe(false);
  });
});

describe('topology.on_config_drift on an existing topic', () => {
  const driftConfig = (policy: string) =>
    scopedConfig([TOPIC.drift], (block) => {
      block.topology = { on_config_drift: policy };
    });
  const TARGET_DRIFT_CONFIGS = ['leader.replication.throttled.replicas=0:1', 'retention.ms=1000', 'segment.ms=3600000'];

  it('fail: stops with the list of differing settings, nothing written', async () => {
    const config = await driftConfig('fail');
    const planned = plan(await discoverScoped(config), config);
    const error = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyBlockedError);
    const [blocker] = (error as TopologyBlockedError).blockers;
    expect(blocker).toMatchObject({ code: 'TOPIC_CONFIG_DRIFT', subject: TOPIC.drift });
    expect(blocker?.detail).toContain('retention.ms source=7200000 target=1000');
    expect(blocker?.detail).toContain('segment.ms source=(not set) target=3600000');
    // Dropped on the source side (it names broker ids): never part of the drift.
    expect(blocker?.detail).not.toContain('leader.replication.throttled.replicas');
    expect((await targetState([TOPIC.drift])).topics[TOPIC.drift]?.configs).toEqual(TARGET_DRIFT_CONFIGS);
  });

  it('keep_target: leaves the target settings and reports them kept', async () => {
    const config = await driftConfig('keep_target');
    const planned = plan(await discoverScoped(config), config);
    const report = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier });
    expect(report.topics.drift).toEqual([
      { topic: TOPIC.drift, name: 'retention.ms', sourceValue: '7200000', targetValue: '1000', action: 'kept' },
      { topic: TOPIC.drift, name: 'segment.ms', sourceValue: null, targetValue: '3600000', action: 'kept' },
    ]);
    expect(report.summary).toMatchObject({ changed: false, configsKept: 2 });
    expect((await targetState([TOPIC.drift])).topics[TOPIC.drift]?.configs).toEqual(TARGET_DRIFT_CONFIGS);
  });

  it('overwrite_with_source: sets the source values key by key, leaves what the plan drops, then is a no-op', async () => {
    const config = await driftConfig('overwrite_with_source');
    const planned = plan(await discoverScoped(config), config);
    const report = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier });
    expect(report.topics.configsSet).toEqual([
      { topic: TOPIC.drift, name: 'retention.ms', value: '7200000', previousValue: '1000', reason: 'drift' },
    ]);
    expect(report.topics.configsDeleted).toEqual([{ topic: TOPIC.drift, name: 'segment.ms', previousValue: '3600000', reason: 'drift' }]);
    expect(report.topics.drift.map((item) => [item.name, item.action])).toEqual([
      ['retention.ms', 'set'],
      ['segment.ms', 'deleted'],
    ]);
    // The legacy AlterConfigs would have wiped leader.replication.throttled.replicas too: it is still there.
    expect((await targetState([TOPIC.drift])).topics[TOPIC.drift]?.configs).toEqual([
      'leader.replication.throttled.replicas=0:1',
      'retention.ms=7200000',
    ]);

    const again = await copyTopology({ plan: planned, config, inventory: await discoverScoped(config), applier });
    expect(again.summary.changed).toBe(false);
    expect(again.topics.drift).toEqual([]);
  });
});
