/**
 * The inventory: everything discovery learns about both clusters, as one typed, JSON-serializable value.
 * Discovery (engine/discovery) fills it; plan and precheck are pure functions of inventory + config (+ probes).
 * Offsets and sizes are JS numbers: discovery refuses values beyond Number.MAX_SAFE_INTEGER rather than round them.
 */
export const INVENTORY_SCHEMA_VERSION = 1 as const;

export type MetadataMode = 'ZOOKEEPER' | 'KRAFT' | 'UNKNOWN';

export interface Inventory {
  readonly schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  readonly source: ClusterInventory;
  readonly target: ClusterInventory;
}

/** What the MSK control plane said about a cluster given by ARN (absent for clusters given by bootstrap servers). */
export interface ControlPlaneInfo {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly type: 'PROVISIONED' | 'SERVERLESS';
  readonly state?: string | undefined;
  readonly kafkaVersion?: string | undefined;
  readonly metadataMode: MetadataMode;
  readonly brokerCount?: number | undefined;
  readonly instanceType?: string | undefined;
  readonly auth: { readonly iam: boolean; readonly scram: boolean; readonly tls: boolean; readonly unauthenticated: boolean };
  readonly encryption: {
    readonly inTransitClientBroker?: string | undefined;
    readonly inCluster?: boolean | undefined;
    readonly atRestKmsKeyArn?: string | undefined;
  };
  readonly zookeeperConnect?: string | undefined;
  /** Availability zones of the broker nodes, when ListNodes tells them (in-place conversion needs 3). */
  readonly zoneCount?: number | undefined;
  /** Which GetBootstrapBrokers string was picked for the configured auth mode, e.g. `saslScram`. */
  readonly bootstrapKind?: string | undefined;
}

export interface BrokerInfo {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly rack?: string | undefined;
}

/** One config entry as DescribeConfigs reports it. `source` is Kafka's ConfigSource name. */
export interface ConfigEntry {
  readonly name: string;
  /** Null for sensitive entries (the broker never returns their values). */
  readonly value: string | null;
  readonly source:
    | 'DYNAMIC_TOPIC_CONFIG'
    | 'DYNAMIC_BROKER_CONFIG'
    | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
    | 'STATIC_BROKER_CONFIG'
    | 'DEFAULT_CONFIG'
    | 'DYNAMIC_BROKER_LOGGER_CONFIG'
    | 'CLIENT_METRICS_CONFIG'
    | 'GROUP_CONFIG'
    | 'UNKNOWN';
  readonly sensitive: boolean;
}

/**
 * The broker settings precheck and plan care about, read from one broker with DescribeConfigs
 * (undefined = the broker did not return it, e.g. dynamic-only on MSK).
 */
export interface BrokerLimits {
  readonly messageMaxBytes?: number | undefined;
  readonly replicaFetchMaxBytes?: number | undefined;
  readonly autoCreateTopicsEnable?: boolean | undefined;
  readonly defaultReplicationFactor?: number | undefined;
  readonly minInsyncReplicas?: number | undefined;
  readonly logMessageTimestampType?: string | undefined;
  /** `log.message.timestamp.before.max.ms` (3.6+). */
  readonly logMessageTimestampBeforeMaxMs?: number | undefined;
  /** `log.message.timestamp.after.max.ms` (3.6+). */
  readonly logMessageTimestampAfterMaxMs?: number | undefined;
  /** `log.message.timestamp.difference.max.ms` (removed in 4.0). */
  readonly logMessageTimestampDifferenceMaxMs?: number | undefined;
  readonly logRetentionMs?: number | undefined;
  /** `zookeeper.connect` is set: the broker runs in ZooKeeper mode. */
  readonly zookeeperConnect?: string | undefined;
  /** `process.roles` is set: the broker runs in KRaft mode. */
  readonly processRoles?: string | undefined;
  /** `inter.broker.protocol.version` (ZooKeeper mode) or undefined. */
  readonly interBrokerProtocolVersion?: string | undefined;
}

export interface PartitionInventory {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: number[];
  readonly isr: number[];
  /** First offset still in the log. */
  readonly logStartOffset: number;
  /** Offset the next record will get (high watermark). */
  readonly endOffset: number;
  /** Bytes on the leader's log dir (DescribeLogDirs); undefined when the broker did not report it. */
  readonly sizeBytes?: number | undefined;
}

export interface TopicInventory {
  readonly name: string;
  readonly partitions: PartitionInventory[];
  readonly replicationFactor: number;
  /** Entries whose source is not DEFAULT_CONFIG / STATIC_BROKER_CONFIG (what was set for this topic or cluster). */
  readonly configs: ConfigEntry[];
  /** Sum of the partitions' sizes; undefined when any partition's size is unknown. */
  readonly sizeBytes?: number | undefined;
}

export interface GroupOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly metadata?: string | null | undefined;
}

export interface GroupInventory {
  readonly groupId: string;
  /** Kafka's group state: Empty, Stable, PreparingRebalance, CompletingRebalance, Dead, Unknown. */
  readonly state: string;
  readonly protocolType: string;
  readonly memberCount: number;
  /** Committed offsets on selected topics only. */
  readonly offsets: GroupOffset[];
}

export interface AclEntry {
  readonly resourceType: 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID' | 'DELEGATION_TOKEN' | 'USER' | 'UNKNOWN';
  readonly resourceName: string;
  readonly patternType: 'LITERAL' | 'PREFIXED' | 'UNKNOWN';
  readonly principal: string;
  readonly host: string;
  readonly operation: string;
  readonly permissionType: 'ALLOW' | 'DENY' | 'UNKNOWN';
}

export interface ClusterInventory {
  readonly role: 'source' | 'target';
  /** The bootstrap servers discovery connected to (from the config, or picked from GetBootstrapBrokers). */
  readonly bootstrapServers: string[];
  readonly controlPlane?: ControlPlaneInfo | undefined;
  /** Set when the cluster was given by ARN and the control-plane lookup failed; then `controlPlane` is absent. */
  readonly controlPlaneError?: { readonly code: string; readonly message: string } | undefined;
  /** False when the brokers could not be reached; then `error` says why and the data-plane fields are empty. */
  readonly reachable: boolean;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  readonly clusterId?: string | undefined;
  readonly controllerId?: number | undefined;
  /** From the control plane when known, else from the brokers' config (`process.roles` / `zookeeper.connect`). */
  readonly metadataMode: MetadataMode;
  readonly kafkaVersion?: string | undefined;
  readonly brokers: BrokerInfo[];
  readonly limits: BrokerLimits;
  /** On the source: the selected topics (filters applied, internal topics excluded). On the target: every non-internal topic. */
  readonly topics: TopicInventory[];
  /** On the source: the selected groups. On the target: every group (to detect active or conflicting ones). */
  readonly groups: GroupInventory[];
  /** Undefined when ACLs could not be listed (no authorizer, or not allowed); then `aclError` says why. */
  readonly acls?: AclEntry[] | undefined;
  readonly aclError?: string | undefined;
}
