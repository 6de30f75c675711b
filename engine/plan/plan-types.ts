/**
 * The migration plan: what `buildPlan` derives from the inventory and the config, as one JSON-serializable value.
 * Every absent value is `null` (never `undefined`), every list is sorted, so `JSON.stringify` of two plans built
 * from the same inputs is byte-identical. `docs/plan.md` describes every field and the versioning rule.
 */
import { FORWARD_PATH } from '../state/states.js';
import type { AclDriftPolicy, AuthMode, TopologyDriftPolicy } from '../config/types.js';
import type { MetadataMode } from '../inventory/types.js';

/** Bump on any change that removes or re-means a field; adding a field keeps the version (see docs/plan.md). */
export const PLAN_SCHEMA_VERSION = 1 as const;

/** The migration's states that do work, in order (the journal's states minus planned, rolled_back and failed). */
export const PLAN_PHASES = FORWARD_PATH.filter((state): state is Exclude<(typeof FORWARD_PATH)[number], 'planned'> => state !== 'planned');
export type PlanPhaseName = Exclude<(typeof FORWARD_PATH)[number], 'planned'>;

export type FindingSeverity = 'blocker' | 'warning' | 'info';

/** A structured reason, never a display string: front ends format it. */
export interface PlanFinding {
  readonly code: string;
  readonly severity: FindingSeverity;
  /** What it is about: a topic, a group, a config name, a cluster, or `<n> topics`. */
  readonly subject: string;
  readonly detail: string;
  readonly remedy: string;
}

export interface PlannedCluster {
  readonly role: 'source' | 'target';
  /** The MSK cluster ARN, when the config or the control plane named one. */
  readonly arn: string | null;
  /** The cluster name and UUID taken from the ARN (the parts IAM resource ARNs are built from). */
  readonly clusterName: string | null;
  readonly clusterUuid: string | null;
  readonly accountId: string | null;
  readonly region: string | null;
  /** Sorted `host:port` entries discovery connected to. */
  readonly bootstrapServers: string[];
  /** Kafka's own cluster id (from Metadata), when the brokers were reached. */
  readonly kafkaClusterId: string | null;
  readonly metadataMode: MetadataMode;
  readonly kafkaVersion: string | null;
  readonly brokerCount: number | null;
  readonly authMode: AuthMode;
  readonly tls: boolean;
}

export interface PlannedPartition {
  readonly partition: number;
  readonly logStartOffset: number;
  readonly endOffset: number;
  /** end − start: an upper bound (compaction gaps, transaction markers and aborted records are not copied). */
  readonly recordsToCopy: number;
  /** Bytes on the source leader's log dir, or null when the broker did not report them. */
  readonly sizeBytes: number | null;
  /** S3 segments the seed is expected to write: ceil(bytes / segment_max_bytes), at least 1 when there are records. */
  readonly estimatedSegments: number;
}

export interface CarriedConfig {
  readonly name: string;
  readonly value: string;
  /**
   * True for settings that would make the target reject or rewrite copied historical records (timestamp limits,
   * LogAppendTime): topology copy should create the topic without them and apply them once the seed is done.
   */
  readonly applyAfterSeed: boolean;
  /** Why the value differs from the source's, or null when it is the source's value unchanged. */
  readonly note: string | null;
}

export interface DroppedConfig {
  readonly name: string;
  /** Null for sensitive entries (the broker never returns their values). */
  readonly value: string | null;
  readonly reason: string;
}

export interface ConfigDrift {
  readonly name: string;
  readonly sourceValue: string | null;
  readonly targetValue: string | null;
}

export interface TargetTopicState {
  readonly partitionCount: number;
  readonly replicationFactor: number;
  /** Sum of end − start over the target topic's partitions. */
  readonly records: number;
  /** Carried configs whose value differs on the existing target topic (target's DYNAMIC_TOPIC_CONFIG entries). */
  readonly configDrift: ConfigDrift[];
  /** What topology copy does about the drift, from `topology.on_config_drift`. */
  readonly onDrift: 'overwrite' | 'keep' | 'fail' | 'none';
}

export interface PlannedTopic {
  readonly name: string;
  /** `create` on the target, or `exists` (already there: see `target`). */
  readonly action: 'create' | 'exists';
  readonly partitionCount: number;
  readonly replication: {
    readonly source: number;
    /** Source RF capped by the target's broker count; for an existing target topic, its RF. */
    readonly target: number;
    readonly capped: boolean;
  };
  readonly recordsToCopy: number;
  /** Sum of the partitions' sizes; null when any partition's size is unknown. */
  readonly sizeBytes: number | null;
  readonly estimatedSegments: number;
  readonly configs: { readonly carried: CarriedConfig[]; readonly dropped: DroppedConfig[] };
  readonly target: TargetTopicState | null;
  readonly partitions: PlannedPartition[];
}

export interface PlannedGroup {
  readonly groupId: string;
  readonly state: string;
  readonly memberCount: number;
  /** Committed offsets on selected topics: what cutover translates and commits on the target. */
  readonly committedOffsets: number;
  readonly topics: string[];
  /** The group of the same id on the target, when there is one (cutover commits only into empty groups). */
  readonly target: { readonly state: string; readonly memberCount: number; readonly committedOffsets: number } | null;
}

export interface PlannedAcl {
  readonly principal: string;
  readonly resourceType: string;
  readonly patternType: string;
  readonly resourceName: string;
  readonly operation: string;
  readonly permissionType: string;
  readonly host: string;
}

export interface IamAccessStatement {
  readonly effect: 'Allow' | 'Deny';
  /** `kafka-cluster:*` actions, sorted. */
  readonly actions: string[];
  /** Target cluster / topic / group / transactional-id ARNs (or patterns), sorted. */
  readonly resources: string[];
}

export interface IamPrincipalAccess {
  /** The Kafka principal as the source ACLs name it, e.g. `User:CN=orders-app`; map it to an IAM role yourself. */
  readonly principal: string;
  readonly statements: IamAccessStatement[];
  /** ACLs with no IAM equivalent (host restrictions, CLUSTER_ACTION, USER, DELEGATION_TOKEN). */
  readonly unmapped: Array<{ readonly acl: PlannedAcl; readonly reason: string }>;
}

export interface AclPlan {
  /**
   * `kafka-acls`: ACLs are created on the target; `iam-access-map`: the target is IAM-auth, ACLs do not apply there,
   * so `iamAccessMap` says what each principal's ACLs mean as IAM; `skipped`: `acl.on_drift: skip`;
   * `unknown`: the source's ACLs could not be listed.
   */
  readonly mode: 'kafka-acls' | 'iam-access-map' | 'skipped' | 'unknown';
  readonly onDrift: AclDriftPolicy;
  /** ACL entries on the source (null when they could not be listed). */
  readonly sourceCount: number | null;
  readonly create: PlannedAcl[];
  /** Source ACLs the target already has. */
  readonly alreadyOnTarget: number;
  /** Target ACLs the source lacks, removed only under `overwrite_with_source`. */
  readonly removeFromTarget: PlannedAcl[];
  readonly iamAccessMap: IamPrincipalAccess[];
}

export interface PlannedPhase {
  readonly name: PlanPhaseName;
  /** Bytes this phase moves (0 for control phases; null when it depends on traffic the inventory cannot know). */
  readonly estimatedBytes: number | null;
  /** Null when it depends on people or on traffic the inventory cannot know. */
  readonly estimatedSeconds: number | null;
  /** How the estimate was made. */
  readonly basis: string;
}

export interface PlanLocations {
  /** `local`: `--journal-dir`; `s3`: under the backup bucket. */
  readonly journal: { readonly kind: 'local' | 's3'; readonly uri: string };
  readonly segments: string;
  readonly evidence: string;
  /** Where precheck writes (and then deletes) its probe objects, one per bucket. */
  readonly precheckProbes: string[];
}

export interface ResourceSelection {
  /** `listed`: every name; `prefixes`: `name-start*` patterns; `all`: `*`; `none`: nothing selected. */
  readonly strategy: 'listed' | 'prefixes' | 'all' | 'none';
  /** The names or patterns that go after `topic/<cluster>/<uuid>/` (or `group/...`) in IAM resource ARNs. */
  readonly patterns: string[];
  readonly reason: string;
}

export interface RunnerAccess {
  readonly topics: ResourceSelection;
  readonly groups: ResourceSelection;
  /** What the IAM policies cannot say in JSON: placeholders left in, permissions granted outside IAM, ... */
  readonly notes: string[];
}

export interface PlanSettings {
  readonly seed: { readonly maxConcurrentPartitions: number; readonly segmentMaxBytes: number };
  readonly cutover: {
    readonly drainTimeoutMs: number;
    readonly drainMaxPartitionLag: number;
    readonly drainStableWindowMs: number;
    readonly maxProducerFreezeMs: number;
    /** `webhook` when `cutover.producer_freeze_webhook` is set, else a person confirms at the terminal. */
    readonly producerFreeze: 'webhook' | 'operator-prompt';
  };
  readonly validation: { readonly countTolerance: number; readonly spotCheckRecordsPerPartition: number };
  readonly topology: { readonly onConfigDrift: TopologyDriftPolicy };
  readonly backup: { readonly bucket: string; readonly prefix: string; readonly kmsKeyArn: string | null };
  readonly evidence: {
    readonly bucket: string;
    readonly prefix: string;
    readonly retentionDays: number | null;
    readonly signingKeyPath: string | null;
  };
  readonly aws: {
    readonly profile: string | null;
    readonly s3Endpoint: string | null;
    readonly kafkaEndpoint: string | null;
    /** `aws`, `aws-cn`, `aws-us-gov`...: from the clusters' or the key's ARN, else `aws`. */
    readonly partition: string;
  };
}

export interface PlanTotals {
  readonly topics: number;
  readonly topicsToCreate: number;
  readonly partitions: number;
  readonly recordsToCopy: number;
  /** Sum of the partition sizes the brokers reported. */
  readonly bytesKnown: number;
  readonly partitionsWithUnknownSize: number;
  /** bytesKnown plus, for partitions of unknown size, their records × the mean bytes per record of the known ones. */
  readonly bytesEstimated: number;
  readonly estimatedSegments: number;
  readonly groups: number;
  readonly committedOffsets: number;
  readonly aclsToCreate: number;
  readonly estimatedSecondsToDrainReady: number;
  readonly findings: { readonly blocker: number; readonly warning: number; readonly info: number };
}

export interface PlanAssumptions {
  readonly seedBytesPerSecond: number;
  readonly seedThroughputSource: string;
  readonly precheckSeconds: number;
  readonly topologySecondsPerTopic: number;
  readonly validationSecondsPerPartition: number;
  readonly targetKafkaMajorAssumed: number;
}

export interface MigrationPlan {
  readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
  readonly migrationId: string;
  readonly config: { readonly path: string | null; readonly digest: string };
  /** `aws.region` (else the source ARN's, the target's, AWS_REGION); null when none is known. */
  readonly region: string | null;
  readonly clusters: { readonly source: PlannedCluster; readonly target: PlannedCluster };
  readonly locations: PlanLocations;
  readonly settings: PlanSettings;
  readonly topics: PlannedTopic[];
  readonly groups: PlannedGroup[];
  readonly acls: AclPlan;
  readonly phases: PlannedPhase[];
  readonly runnerAccess: RunnerAccess;
  readonly targetBrokerSettings: TargetBrokerSettings;
  readonly assumptions: PlanAssumptions;
  readonly findings: PlanFinding[];
  readonly totals: PlanTotals;
}

/** Broker settings for the target's MSK configuration (`aws-cli.sh`), from the source's limits. */
export interface TargetBrokerSettings {
  /** `name=value` lines that go into server.properties, in order. */
  readonly properties: Array<{ readonly name: string; readonly value: string; readonly why: string }>;
  /** Source settings deliberately not carried (each with the reason). */
  readonly withheld: Array<{ readonly name: string; readonly value: string; readonly reason: string }>;
  /** Settings the source broker did not report (dynamic-only on MSK, or not allowed): check them by hand. */
  readonly unknown: string[];
}
