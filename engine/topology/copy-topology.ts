/**
 * Topology copy: the planned topics, their configs and the ACLs onto the target, through the ApplierPort (the only
 * writer to the target's metadata). The plan says what to copy (it is journaled, so a resumed run applies exactly
 * what was planned); a fresh discovery of the target says what is there now. Everything is decided first
 * (`planTopicActions`, `planAclActions`); when anything blocks, nothing is written. Then, in order: topics are
 * created, existing topics' configs are changed one key at a time, ACLs are created, then (overwrite_with_source)
 * the few target-only ACLs allowed to go are removed. A second run over the same target writes nothing.
 */
import type { MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import type { Inventory } from '../inventory/types.js';
import type { AclBinding, ApplierPort } from '../kafka/applier-port.js';
import { mapLimit } from '../kafka/map-limit.js';
import type { MigrationPlan, PlannedAcl } from '../plan/plan-types.js';
import type { Finding } from '../precheck/finding.js';
import { accessMapFinding, buildAccessMap, type AccessMapDocument } from './access-map.js';
import { planAclActions, type AclActions } from './acl-actions.js';
import { TopologyBlockedError } from './blocked-error.js';
import { safeEmitter, type TopologyEvent } from './events.js';
import {
  buildTopologyReport,
  type ConfigDeletedEntry,
  type ConfigDriftEntry,
  type ConfigSetEntry,
  type CreatedTopicEntry,
  type PresentTopicEntry,
  type TopologyReport,
} from './report.js';
import { planTopicActions, type ExistingTopic, type TopicActions } from './topic-actions.js';

export interface CopyTopologyInput {
  readonly plan: MigrationPlan;
  readonly config: MigrationConfig;
  /** A fresh discovery; only `target` is read (every non-internal topic with its configs and offsets, and its ACLs). */
  readonly inventory: Pick<Inventory, 'target'>;
  readonly applier: ApplierPort;
  /** Topics this migration created, from the journal: their records are the seed's, and they are brought back to the plan. */
  readonly createdByThisMigration?: ReadonlySet<string>;
  /**
   * Called with the names of the topics about to be created, before the request is sent: journal them here ("journal
   * before acting"), so that a crash between creating and recording cannot make this migration's own topic look
   * foreign on resume. A rejection stops topology copy before anything is created.
   */
  readonly beforeCreateTopics?: (names: readonly string[]) => Promise<void>;
  readonly onEvent?: (event: TopologyEvent) => void;
  /** Topics whose configs are changed at once; default 4. */
  readonly concurrency?: number;
}

/** The tool's own principal on the target, which an ACL removal must never touch. */
function ownPrincipals(config: MigrationConfig): string[] {
  return config.target.auth.mode === 'scram-sha-512' ? [`User:${config.target.auth.username}`] : [];
}

export const aclBindingOf = (acl: PlannedAcl): AclBinding => ({
  principal: acl.principal,
  host: acl.host,
  resourceType: acl.resourceType,
  resourceName: acl.resourceName,
  patternType: acl.patternType,
  operation: acl.operation,
  permissionType: acl.permissionType,
});

const describeAcl = (acl: PlannedAcl) =>
  `${acl.permissionType} ${acl.principal} ${acl.operation} on ${acl.patternType} ${acl.resourceType} ${acl.resourceName} from ${acl.host}`;

/** Decides everything without writing: what copyTopology would do now, or the blockers. */
export function decideTopology(input: Pick<CopyTopologyInput, 'plan' | 'config' | 'inventory' | 'createdByThisMigration'>): {
  topics: TopicActions;
  acls: AclActions;
} {
  const target = input.inventory.target;
  if (!target.reachable) {
    throw new MigrationError({
      code: 'CLUSTER_UNREACHABLE',
      message: `topology copy needs a fresh discovery of the target, but it was not reachable (${target.error?.message ?? 'no reason given'})`,
      hint: 'Check the target is up and reachable from this host, then run the command again.',
      retriable: true,
    });
  }
  const topics = planTopicActions({
    plan: input.plan,
    target,
    createdByThisMigration: input.createdByThisMigration ?? new Set(),
    policy: input.config.topology.onConfigDrift,
  });
  const acls = planAclActions({
    plan: input.plan,
    targetAcls: target.acls,
    onDrift: input.config.acl.onDrift,
    targetIsIam: input.config.target.auth.mode === 'iam',
    protectedPrincipals: ownPrincipals(input.config),
  });
  return { topics, acls };
}

export async function copyTopology(input: CopyTopologyInput): Promise<TopologyReport> {
  const started = Date.now();
  const emit = safeEmitter(input.onEvent);
  const { plan, config, applier } = input;
  const { topics, acls } = decideTopology(input);
  emit({ type: 'topology.started', topics: plan.topics.length, aclMode: acls.mode });

  if (topics.blockers.length > 0) {
    emit({ type: 'topology.blocked', blockers: topics.blockers });
    throw new TopologyBlockedError(topics.blockers);
  }

  for (const topic of plan.topics) {
    for (const dropped of topic.configs.dropped) emit({ type: 'topology.config.dropped', topic: topic.name, name: dropped.name, reason: dropped.reason });
  }

  const created = await createTopics(topics, applier, input.beforeCreateTopics, emit);
  const changes = await alterExistingTopics(topics.existing, applier, input.concurrency ?? 4, emit);
  const aclResults = await applyAcls(acls, applier, emit);

  const findings: Finding[] = [];
  let accessMap: AccessMapDocument | null = null;
  if (acls.mode === 'iam-access-map') {
    accessMap = buildAccessMap(plan);
    findings.push(accessMapFinding(plan));
    emit({ type: 'topology.access_map.ready', principals: accessMap.principals.length, unmapped: accessMap.unmappedCount });
  }

  const deferred = [...topics.create.flatMap((entry) => entry.deferred.map((config) => ({ topic: entry.planned.name, config }))),
    ...topics.existing.flatMap((entry) => entry.deferred.map((config) => ({ topic: entry.planned.name, config })))];
  for (const { topic, config: carried } of deferred) emit({ type: 'topology.config.deferred', topic, name: carried.name, value: carried.value });

  const report = buildTopologyReport({
    migrationId: plan.migrationId,
    policies: { onConfigDrift: config.topology.onConfigDrift, aclOnDrift: config.acl.onDrift },
    topics: {
      created,
      alreadyPresent: topics.existing.map(
        (entry): PresentTopicEntry => ({
          name: entry.planned.name,
          partitions: entry.partitions,
          replicationFactor: entry.replicationFactor,
          plannedReplicationFactor: entry.planned.replication.target,
          createdByThisMigration: entry.createdByThisMigration,
          records: entry.records,
        }),
      ),
      configsSet: changes.set,
      configsDeleted: changes.deleted,
      drift: changes.drift,
      configsDeferred: deferred.map(({ topic, config: carried }) => ({ topic, name: carried.name, value: carried.value })),
      configsDropped: plan.topics.flatMap((topic) =>
        topic.configs.dropped.map((dropped) => ({ topic: topic.name, name: dropped.name, value: dropped.value, reason: dropped.reason })),
      ),
    },
    acls: {
      mode: acls.mode,
      created: aclResults.created,
      alreadyPresent: acls.alreadyPresent,
      alreadyOnTargetAtPlan: plan.acls.alreadyOnTarget,
      deleted: aclResults.deleted,
      keptOnTarget: acls.keep,
      presenceKnown: acls.presenceKnown,
    },
    accessMap,
    findings,
  });
  emit({ type: 'topology.finished', summary: report.summary, durationMs: Date.now() - started });
  return report;
}

async function createTopics(
  topics: TopicActions,
  applier: ApplierPort,
  beforeCreate: CopyTopologyInput['beforeCreateTopics'],
  emit: (event: TopologyEvent) => void,
): Promise<CreatedTopicEntry[]> {
  for (const entry of topics.existing) {
    emit({
      type: 'topology.topic.exists',
      topic: entry.planned.name,
      partitions: entry.partitions,
      replicationFactor: entry.replicationFactor,
      createdByThisMigration: entry.createdByThisMigration,
    });
  }
  if (topics.create.length === 0) return [];
  const specs = topics.create.map((entry) => entry.spec);
  await beforeCreate?.(specs.map((spec) => spec.name));
  const results = await applier.createTopics(specs);
  const created: CreatedTopicEntry[] = [];
  const problems: string[] = [];
  results.forEach((result, index) => {
    const spec = specs[index];
    if (spec === undefined) return;
    if (result.outcome === 'created') {
      created.push({ name: spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor, configs: [...spec.configs] });
      emit({ type: 'topology.topic.created', topic: spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor, configs: spec.configs.length });
    } else if (result.outcome === 'already-exists') {
      problems.push(`${spec.name}: created by someone else since the target was discovered`);
    } else {
      problems.push(`${spec.name}: ${result.error.message}`);
    }
  });
  if (problems.length > 0) {
    throw new MigrationError({
      code: 'PRECHECK_BLOCKED',
      message: `topology copy could not create ${problems.length} topic${problems.length === 1 ? '' : 's'} on the target (${created.length} created):\n${problems.map((line) => `  ${line}`).join('\n')}`,
      hint: 'Fix the cause (replication factor above the target broker count, a config the target refuses, a topic created meanwhile), then run the command again: a fresh discovery checks what is there, and created topics are kept.',
    });
  }
  return created;
}

interface ConfigChanges {
  set: ConfigSetEntry[];
  deleted: ConfigDeletedEntry[];
  drift: ConfigDriftEntry[];
}

async function alterExistingTopics(
  existing: readonly ExistingTopic[],
  applier: ApplierPort,
  concurrency: number,
  emit: (event: TopologyEvent) => void,
): Promise<ConfigChanges> {
  const out: ConfigChanges = { set: [], deleted: [], drift: [] };
  for (const entry of existing) {
    const topic = entry.planned.name;
    const changed = new Map(entry.diff.changes.map((change) => [change.alteration.name, change.alteration.op]));
    for (const item of entry.diff.drift) {
      const op = changed.get(item.name);
      out.drift.push({
        topic,
        name: item.name,
        sourceValue: item.sourceValue,
        targetValue: item.targetValue,
        action: op === 'SET' ? 'set' : op === 'DELETE' ? 'deleted' : 'kept',
      });
      if (op === undefined) emit({ type: 'topology.config.kept', topic, name: item.name, sourceValue: item.sourceValue, targetValue: item.targetValue });
    }
  }
  await mapLimit(
    existing.filter((entry) => entry.diff.changes.length > 0),
    concurrency,
    async (entry) => {
      const topic = entry.planned.name;
      await applier.incrementalAlterTopicConfigs(topic, entry.diff.changes.map((change) => change.alteration));
      for (const change of entry.diff.changes) {
        const { name, op, value } = change.alteration;
        if (op === 'SET' && value !== null) {
          out.set.push({ topic, name, value, previousValue: change.previousValue, reason: change.reason });
          emit({ type: 'topology.config.set', topic, name, value, reason: change.reason });
        } else {
          out.deleted.push({ topic, name, previousValue: change.previousValue, reason: change.reason });
          emit({ type: 'topology.config.deleted', topic, name, previousValue: change.previousValue, reason: change.reason });
        }
      }
    },
  );
  return out;
}

async function applyAcls(
  acls: AclActions,
  applier: ApplierPort,
  emit: (event: TopologyEvent) => void,
): Promise<{ created: PlannedAcl[]; deleted: PlannedAcl[] }> {
  for (const acl of acls.alreadyPresent) emit({ type: 'topology.acl.exists', acl: aclBindingOf(acl) });
  for (const kept of acls.keep) emit({ type: 'topology.acl.kept', acl: aclBindingOf(kept.acl), reason: kept.reason });
  const created: PlannedAcl[] = [];
  const deleted: PlannedAcl[] = [];
  const problems: string[] = [];
  if (acls.create.length > 0) {
    const results = await applier.createAcls(acls.create.map(aclBindingOf));
    results.forEach((result, index) => {
      const acl = acls.create[index];
      if (acl === undefined) return;
      if (result.outcome === 'created') {
        created.push(acl);
        emit({ type: 'topology.acl.created', acl: result.acl });
      } else {
        problems.push(`create ${describeAcl(acl)}: ${result.error.message}`);
      }
    });
  }
  if (acls.remove.length > 0 && problems.length === 0) {
    const results = await applier.deleteAcls(acls.remove.map(aclBindingOf));
    results.forEach((result, index) => {
      const acl = acls.remove[index];
      if (acl === undefined) return;
      if (result.outcome === 'deleted') {
        if (result.removed > 0) {
          deleted.push(acl);
          emit({ type: 'topology.acl.deleted', acl: result.acl });
        }
      } else {
        problems.push(`delete ${describeAcl(acl)}: ${result.error.message}`);
      }
    });
  }
  if (problems.length > 0) {
    throw new MigrationError({
      code: 'PRECHECK_BLOCKED',
      message: `the target refused ${problems.length} ACL change${problems.length === 1 ? '' : 's'} (${created.length} created, ${deleted.length} removed):\n${problems.map((line) => `  ${line}`).join('\n')}`,
      hint: /SECURITY_DISABLED/.test(problems.join(' '))
        ? 'The target has no authorizer: configure one (MSK does for SASL/SCRAM and TLS), or set acl.on_drift: skip.'
        : 'Grant ALTER on the target CLUSTER to the principal the tool connects as, or create these ACLs yourself, then run the command again.',
    });
  }
  return { created, deleted };
}
