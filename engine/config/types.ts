/**
 * The normalized migration config: what the engine reads after `loadConfig`. Field names are the file's keys in
 * camelCase; durations are milliseconds (`...Ms`), sizes are bytes (`...Bytes`), defaults are filled in and file
 * paths are absolute. `docs/config.md` describes every key.
 */
export const AUTH_MODES = ['iam', 'scram-sha-512', 'tls', 'plaintext'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const TOPOLOGY_DRIFT_POLICIES = ['overwrite_with_source', 'keep_target', 'fail'] as const;
export type TopologyDriftPolicy = (typeof TOPOLOGY_DRIFT_POLICIES)[number];

export const ACL_DRIFT_POLICIES = ['merge', 'overwrite_with_source', 'skip'] as const;
export type AclDriftPolicy = (typeof ACL_DRIFT_POLICIES)[number];

export type ClusterAuth =
  | { readonly mode: 'iam' }
  | { readonly mode: 'scram-sha-512'; readonly username: string; readonly password: string }
  | { readonly mode: 'tls' }
  | { readonly mode: 'plaintext' };

/** Topic or group selection: glob (`*`, `?`) or `/regex/` patterns; see `compileFilter`. */
export interface NameFilter {
  readonly include: string[];
  readonly exclude: string[];
}

export interface ClusterTls {
  readonly enabled: boolean;
  /** Absolute path of a PEM bundle to trust, else the system's trust store. */
  readonly caFile?: string | undefined;
  /** Absolute paths of the client certificate and key (mutual TLS); both or neither. */
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
}

export interface ClusterConfig {
  readonly clusterArn?: string | undefined;
  /** `host:port` entries; empty when only `clusterArn` is given (then they come from GetBootstrapBrokers). */
  readonly bootstrapServers: string[];
  /** Region of the cluster: from its ARN, else `aws.region`; undefined when neither is known. */
  readonly region?: string | undefined;
  readonly auth: ClusterAuth;
  readonly tls: ClusterTls;
}

export interface AwsSettings {
  /** Explicit `aws.region`, else the source ARN's region, else the target's, else AWS_REGION / AWS_DEFAULT_REGION. */
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  readonly endpoints: {
    readonly kafka?: string | undefined;
    readonly s3?: string | undefined;
    readonly kms?: string | undefined;
  };
  readonly s3ForcePathStyle: boolean;
}

export interface BackupSettings {
  readonly s3Bucket: string;
  /** Without leading or trailing slashes; may be empty (bucket root). */
  readonly s3Prefix: string;
  readonly kmsKeyArn?: string | undefined;
}

export interface EvidenceSettings {
  readonly s3Bucket: string;
  readonly s3Prefix: string;
  /** S3 Object Lock retention for evidence objects, whole days in milliseconds; undefined means no Object Lock. */
  readonly retentionMs?: number | undefined;
  readonly signingKeyPath?: string | undefined;
}

export interface CutoverSettings {
  readonly drainTimeoutMs: number;
  readonly drainMaxPartitionLag: number;
  readonly drainStableWindowMs: number;
  readonly maxProducerFreezeMs: number;
  readonly producerFreezeWebhook?: string | undefined;
  /** Secret: HMAC key for signing webhook calls. Never print it; `redactConfig` hides it. */
  readonly producerFreezeWebhookSecret?: string | undefined;
  /** Accepted for compatibility with the reference product's files; only `false` is valid. */
  readonly reverseReplicationEnabled: false;
}

export interface ValidationSettings {
  readonly countTolerance: number;
  readonly spotCheckRecordsPerPartition: number;
}

export interface SeedSettings {
  readonly maxConcurrentPartitions: number;
  readonly segmentMaxBytes: number;
}

export interface MigrationConfig {
  readonly source: ClusterConfig;
  readonly target: ClusterConfig;
  readonly topics: NameFilter;
  readonly groups: NameFilter;
  readonly aws: AwsSettings;
  readonly backup: BackupSettings;
  readonly evidence: EvidenceSettings;
  readonly cutover: CutoverSettings;
  readonly validation: ValidationSettings;
  readonly seed: SeedSettings;
  readonly topology: { readonly onConfigDrift: TopologyDriftPolicy };
  readonly acl: { readonly onDrift: AclDriftPolicy };
}

