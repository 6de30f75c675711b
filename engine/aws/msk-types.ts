/** The engine's own view of an Amazon MSK cluster, normalized from the control-plane API. */

export type MskClusterType = 'PROVISIONED' | 'SERVERLESS';

/**
 * ZooKeeper or KRaft, as MSK names it through the Kafka version (see `metadataModeOfKafkaVersion`).
 * UNKNOWN when the API reports no version: always for Serverless, and for a Provisioned cluster still being created.
 */
export type MskMetadataMode = 'ZOOKEEPER' | 'KRAFT' | 'UNKNOWN';

/** Client-to-broker encryption in transit. */
export type MskClientBroker = 'TLS' | 'TLS_PLAINTEXT' | 'PLAINTEXT';

/** How the migration tool authenticates to a cluster's brokers. */
export type MskAuthMode = 'iam' | 'scram-sha-512' | 'tls' | 'plaintext';

export interface MskClusterAuth {
  iam: boolean;
  scram: boolean;
  /** Mutual TLS client authentication. */
  tls: boolean;
  unauthenticated: boolean;
}

export interface MskClusterEncryption {
  inTransitClientBroker: MskClientBroker;
  inCluster: boolean;
  atRestKmsKeyArn?: string;
}

export interface MskClusterDescription {
  arn: string;
  name: string;
  type: MskClusterType;
  /** As MSK spells it, e.g. `3.9.x` or `4.1.x.kraft`; undefined for Serverless. */
  kafkaVersion: string | undefined;
  metadataMode: MskMetadataMode;
  /** Undefined for Serverless. */
  brokerCount: number | undefined;
  /** e.g. `kafka.m5.large` or `express.m7g.large`; undefined for Serverless. */
  instanceType: string | undefined;
  /** ACTIVE, CREATING, UPDATING, ... as MSK reports it. */
  state: string;
  auth: MskClusterAuth;
  encryption: MskClusterEncryption;
  /** Present only on ZooKeeper-mode clusters. */
  zookeeperConnect?: string;
  /** The MSK configuration the brokers run with, when a custom one is attached. */
  configuration?: { arn: string; revision: number };
}

export type MskClusterSummary = Pick<MskClusterDescription, 'arn' | 'name' | 'type' | 'state' | 'kafkaVersion' | 'metadataMode'>;

/** Bootstrap broker strings (`host:port,...`), one per listener the cluster has; absent means not offered. */
export interface MskBootstrapBrokers {
  plaintext?: string;
  tls?: string;
  saslScram?: string;
  saslIam?: string;
  publicTls?: string;
  publicSaslScram?: string;
  publicSaslIam?: string;
}

export interface MskNode {
  brokerId: number;
  /** Broker host names (the API gives no ports). */
  endpoints: string[];
  nodeArn?: string;
  clientVpcIpAddress?: string;
  instanceType?: string;
  kafkaVersion?: string;
}

export interface MskConfigurationRevision {
  arn: string;
  revision: number;
  /** The `server.properties` text of that revision. */
  serverProperties: string;
}

export interface MskControlPlane {
  describeCluster(clusterArn: string): Promise<MskClusterDescription>;
  getBootstrapBrokers(clusterArn: string): Promise<MskBootstrapBrokers>;
  /** Every broker, across all pages. */
  listNodes(clusterArn: string): Promise<MskNode[]>;
  /** Every cluster in the region, across all pages; optionally filtered by name prefix and type. */
  listClusters(filter?: { namePrefix?: string; type?: MskClusterType }): Promise<MskClusterSummary[]>;
  describeConfigurationRevision(configurationArn: string, revision: number): Promise<MskConfigurationRevision>;
  /** Releases the HTTP connections. */
  close(): void;
}
