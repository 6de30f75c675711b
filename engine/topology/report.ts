/**
 * The topology report: what topology copy did, as one JSON value for the journal and the evidence bundle. Lists are
 * sorted and hold no clock, so two runs that did the same thing give the same JSON; `summary.changed` is false when
 * the run wrote nothing (a second run over the same target).
 */
import type { AclDriftPolicy, TopologyDriftPolicy } from '../config/types.js';
import type { PlannedAcl } from '../plan/plan-types.js';
import { compareStrings } from '../plan/sorting.js';
import type { Finding } from '../precheck/finding.js';
import { compareFindings } from '../precheck/finding.js';
import type { AccessMapDocument } from './access-map.js';
import type { AclMode, KeptAcl } from './acl-actions.js';
import type { ConfigChangeReason } from './events.js';

export const TOPOLOGY_REPORT_SCHEMA_VERSION = 1 as const;

export interface CreatedTopicEntry {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The configs it was created with (the carried ones except those deferred to after the seed). */
  readonly configs: { readonly name: string; readonly value: string }[];
}

export interface PresentTopicEntry {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The replication factor the plan wanted (a different one on an existing topic is left as it is). */
  readonly plannedReplicationFactor: number;
  /** In the journal's list of topics this migration created. */
  readonly createdByThisMigration: boolean;
  readonly records: number;
}

export interface ConfigSetEntry {
  readonly topic: string;
  readonly name: string;
  readonly value: string;
  readonly previousValue: string | null;
  readonly reason: ConfigChangeReason;
}

export interface ConfigDeletedEntry {
  readonly topic: string;
  readonly name: string;
  readonly previousValue: string | null;
  readonly reason: ConfigChangeReason;
}

export interface ConfigDriftEntry {
  readonly topic: string;
  readonly name: string;
  readonly sourceValue: string | null;
  readonly targetValue: string | null;
  /** What was done about it: the source's value set, the target's value deleted, or the target's value kept. */
  readonly action: 'set' | 'deleted' | 'kept';
}

export interface TopicConfigEntry {
  readonly topic: string;
  readonly name: string;
  readonly value: string | null;
}

export interface DroppedConfigEntry extends TopicConfigEntry {
  readonly reason: string;
}

export interface TopologySummary {
  readonly topicsCreated: number;
  readonly topicsAlreadyPresent: number;
  /** Configs set at creation plus configs set incrementally. */
  readonly configsSet: number;
  readonly configsDeleted: number;
  readonly configsKept: number;
  readonly configsDeferred: number;
  readonly configsDropped: number;
  readonly aclsCreated: number;
  readonly aclsAlreadyPresent: number;
  readonly aclsDeleted: number;
  readonly aclsKeptOnTarget: number;
  readonly accessMapPrincipals: number;
  /** False when nothing was written to the target. */
  readonly changed: boolean;
}

export interface TopologyReport {
  readonly schemaVersion: typeof TOPOLOGY_REPORT_SCHEMA_VERSION;
  readonly migrationId: string;
  readonly policies: { readonly onConfigDrift: TopologyDriftPolicy; readonly aclOnDrift: AclDriftPolicy };
  readonly topics: {
    readonly created: CreatedTopicEntry[];
    readonly alreadyPresent: PresentTopicEntry[];
    /** Incremental changes to existing topics (SET). */
    readonly configsSet: ConfigSetEntry[];
    /** Incremental changes to existing topics (DELETE: the broker default applies again). */
    readonly configsDeleted: ConfigDeletedEntry[];
    /** Differences on existing topics and what the policy did about each. */
    readonly drift: ConfigDriftEntry[];
    /** Carried, applied only after the seed (`applyAfterSeedConfigs`). */
    readonly configsDeferred: TopicConfigEntry[];
    /** Not carried, with the plan's reason. */
    readonly configsDropped: DroppedConfigEntry[];
  };
  readonly acls: {
    readonly mode: AclMode;
    readonly created: PlannedAcl[];
    readonly alreadyPresent: PlannedAcl[];
    /** Source ACLs the target already had when the plan was made (not listed in the plan). */
    readonly alreadyOnTargetAtPlan: number;
    readonly deleted: PlannedAcl[];
    readonly keptOnTarget: KeptAcl[];
    /** False when the target's ACLs could not be listed (everything planned was sent; creating twice is harmless). */
    readonly presenceKnown: boolean;
  };
  /** IAM target: the content of access-map.json (the caller stores it); null otherwise. */
  readonly accessMap: AccessMapDocument | null;
  readonly findings: Finding[];
  readonly summary: TopologySummary;
}

/** Everything but the summary, in any order. */
export type TopologyReportDraft = Omit<TopologyReport, 'summary' | 'schemaVersion'>;

const byTopicName = <T extends { topic: string; name: string }>(a: T, b: T) => compareStrings(a.topic, b.topic) || compareStrings(a.name, b.name);
const byName = <T extends { name: string }>(a: T, b: T) => compareStrings(a.name, b.name);
const aclOrder = (acl: PlannedAcl) =>
  [acl.principal, acl.resourceType, acl.patternType, acl.resourceName, acl.operation, acl.permissionType, acl.host].join('\u0000');
const byAcl = (a: PlannedAcl, b: PlannedAcl) => compareStrings(aclOrder(a), aclOrder(b));

/** Sorts every list and counts. */
export function buildTopologyReport(draft: TopologyReportDraft): TopologyReport {
  const topics = {
    created: [...draft.topics.created].sort(byName).map((topic) => ({ ...topic, configs: [...topic.configs].sort(byName) })),
    alreadyPresent: [...draft.topics.alreadyPresent].sort(byName),
    configsSet: [...draft.topics.configsSet].sort(byTopicName),
    configsDeleted: [...draft.topics.configsDeleted].sort(byTopicName),
    drift: [...draft.topics.drift].sort(byTopicName),
    configsDeferred: [...draft.topics.configsDeferred].sort(byTopicName),
    configsDropped: [...draft.topics.configsDropped].sort(byTopicName),
  };
  const acls = {
    ...draft.acls,
    created: [...draft.acls.created].sort(byAcl),
    alreadyPresent: [...draft.acls.alreadyPresent].sort(byAcl),
    deleted: [...draft.acls.deleted].sort(byAcl),
    keptOnTarget: [...draft.acls.keptOnTarget].sort((a, b) => byAcl(a.acl, b.acl)),
  };
  const configsSetAtCreation = topics.created.reduce((sum, topic) => sum + topic.configs.length, 0);
  const summary: TopologySummary = {
    topicsCreated: topics.created.length,
    topicsAlreadyPresent: topics.alreadyPresent.length,
    configsSet: configsSetAtCreation + topics.configsSet.length,
    configsDeleted: topics.configsDeleted.length,
    configsKept: topics.drift.filter((item) => item.action === 'kept').length,
    configsDeferred: topics.configsDeferred.length,
    configsDropped: topics.configsDropped.length,
    aclsCreated: acls.created.length,
    aclsAlreadyPresent: acls.alreadyPresent.length,
    aclsDeleted: acls.deleted.length,
    aclsKeptOnTarget: acls.keptOnTarget.length,
    accessMapPrincipals: draft.accessMap?.principals.length ?? 0,
    changed: topics.created.length + topics.configsSet.length + topics.configsDeleted.length + acls.created.length + acls.deleted.length > 0,
  };
  return {
    schemaVersion: TOPOLOGY_REPORT_SCHEMA_VERSION,
    migrationId: draft.migrationId,
    policies: draft.policies,
    topics,
    acls,
    accessMap: draft.accessMap,
    findings: [...draft.findings].sort(compareFindings),
    summary,
  };
}
