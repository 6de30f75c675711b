/**
 * The engine's own interface to the admin side of one Kafka cluster. Only engine types cross it, so the client
 * library behind it (kafkajs today, see `kafkajs-admin.ts`) can be replaced without touching discovery, plan or
 * precheck. Every method only reads: nothing here creates, alters, deletes or joins anything.
 *
 * Offsets and sizes are JS numbers; an adapter refuses (throws) values above Number.MAX_SAFE_INTEGER.
 */
import type { AclEntry, BrokerInfo, ConfigEntry, GroupOffset } from '../inventory/types.js';

export interface ClusterDescription {
  /** Undefined when the brokers do not report one (Kafka before 0.10.1). */
  readonly clusterId: string | undefined;
  /** Undefined when no controller is known. On KRaft the brokers report an arbitrary live broker here. */
  readonly controllerId: number | undefined;
  /** Sorted by node id. */
  readonly brokers: BrokerInfo[];
}

export interface TopicListing {
  readonly name: string;
  /** As the brokers flag it (`__consumer_offsets`, `__transaction_state`). */
  readonly internal: boolean;
}

export interface PartitionDescription {
  readonly partition: number;
  /** -1 when the partition has no leader (offline). */
  readonly leader: number;
  readonly replicas: number[];
  readonly isr: number[];
  readonly offlineReplicas: number[];
}

export interface TopicDescription {
  readonly name: string;
  readonly internal: boolean;
  /** Sorted by partition number. */
  readonly partitions: PartitionDescription[];
}

export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  /** Earliest offset still in the log. */
  readonly logStartOffset: number;
  /** High watermark (read_uncommitted latest offset). */
  readonly endOffset: number;
}

export interface ResourceConfigs {
  /** Topic name, or the broker's node id as a string. */
  readonly name: string;
  /** Sorted by name. */
  readonly entries: ConfigEntry[];
}

export interface GroupListing {
  readonly groupId: string;
  /** `consumer`, `connect`, ... ; empty for groups that only commit offsets. */
  readonly protocolType: string;
}

export interface GroupDescription {
  readonly groupId: string;
  /** Empty, Stable, PreparingRebalance, CompletingRebalance, Dead, or Unknown when it could not be described. */
  readonly state: string;
  readonly protocolType: string;
  readonly memberCount: number;
  /** Set when the broker answered with an error for this group (e.g. COORDINATOR_NOT_AVAILABLE). */
  readonly error?: string | undefined;
}

/** Why ACLs cannot be listed: no authorizer on the cluster, or this principal may not describe them. */
export type AclUnavailableReason = 'SECURITY_DISABLED' | 'NOT_AUTHORIZED' | 'UNSUPPORTED';

export type AclListing =
  | { readonly available: true; readonly acls: AclEntry[] }
  | { readonly available: false; readonly reason: AclUnavailableReason; readonly message: string };

export interface TopicPartitions {
  readonly topic: string;
  readonly partitions: number[];
}

/** One replica's log on one broker, as DescribeLogDirs reports it. */
export interface ReplicaLogSize {
  readonly nodeId: number;
  readonly topic: string;
  readonly partition: number;
  readonly logDir: string;
  readonly sizeBytes: number;
  /** How far this replica is behind the leader's end offset (0 on the leader). */
  readonly offsetLag: number;
}

export interface LogDirsReport {
  /** Sorted by node id, topic, partition. */
  readonly replicas: ReplicaLogSize[];
  /** Brokers that could not be asked (unreachable, too old, or DescribeLogDirs refused), with why. */
  readonly failures: { readonly nodeId: number; readonly message: string }[];
}

export interface AdminPort {
  /** Brokers, controller and cluster id from a metadata request. */
  describeCluster(): Promise<ClusterDescription>;
  /** Every topic the principal may see, sorted by name. */
  listTopics(): Promise<TopicListing[]>;
  /** Partitions of the named topics; topics that do not exist (any more) are left out. Sorted by name. */
  describeTopics(names: readonly string[]): Promise<TopicDescription[]>;
  /**
   * Log start and high watermark of every partition of the named topics; partitions without a leader or whose
   * topic disappeared are left out. Sorted by topic, partition.
   */
  fetchOffsets(names: readonly string[]): Promise<PartitionOffsets[]>;
  /** Every config entry of the named topics, with its source and sensitivity; missing topics are left out. */
  describeTopicConfigs(names: readonly string[]): Promise<ResourceConfigs[]>;
  /** Every config entry of one broker. */
  describeBrokerConfigs(nodeId: number): Promise<ResourceConfigs>;
  /** Every group on every broker, sorted by id. */
  listGroups(): Promise<GroupListing[]>;
  /** Sorted by id. */
  describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]>;
  /**
   * The group's committed offsets (OffsetFetch; the group is not joined), on `topics` when given, else on every
   * topic it has committed on. Partitions without a committed offset are left out. Sorted by topic, partition.
   */
  fetchGroupOffsets(groupId: string, topics?: readonly string[]): Promise<GroupOffset[]>;
  /** Every ACL binding, or why they cannot be listed. */
  describeAcls(): Promise<AclListing>;
  /** Per replica log sizes on the given brokers, optionally only for some partitions. */
  describeLogDirs(nodeIds: readonly number[], partitions?: readonly TopicPartitions[]): Promise<LogDirsReport>;
  close(): Promise<void>;
}
