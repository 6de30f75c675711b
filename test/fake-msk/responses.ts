/**
 * Response bodies shaped like the real MSK restJson1 API. Key names come from the jsonName traits in
 * @aws-sdk/client-kafka's schemas (Cluster$, Provisioned$, Serverless$, GetBootstrapBrokersResponse$, NodeInfo$,
 * DescribeConfigurationRevisionResponse$), so the SDK deserializes them into its typed output.
 */
import { createHash } from 'node:crypto';
import type { FakeMskCluster, FakeMskSpec } from './spec.js';

/** Fixed so that responses are stable across runs. */
const CREATION_TIME = '2026-01-15T09:30:00.000Z';

/** The `Cluster` structure that DescribeClusterV2 returns as `clusterInfo` and ListClustersV2 lists. */
export function clusterInfo(cluster: FakeMskCluster, spec: FakeMskSpec): Record<string, unknown> {
  const common = {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    clusterType: cluster.clusterType,
    creationTime: CREATION_TIME,
    currentVersion: currentVersionOf(cluster),
    state: cluster.state,
    tags: cluster.tags,
  };
  if (cluster.clusterType === 'SERVERLESS') {
    return {
      ...common,
      serverless: {
        vpcConfigs: [{ subnetIds: subnetIds(cluster), securityGroupIds: [securityGroupId(cluster)] }],
        clientAuthentication: { sasl: { iam: { enabled: true } } },
        connectivityInfo: { networkType: 'IPV4' },
      },
    };
  }
  return { ...common, provisioned: provisioned(cluster, spec) };
}

function provisioned(cluster: FakeMskCluster, spec: FakeMskSpec): Record<string, unknown> {
  const { authentication, encryptionInTransit, bootstrap } = cluster;
  const publicAccess = bootstrap.publicTls ?? bootstrap.publicSaslScram ?? bootstrap.publicSaslIam;
  const body: Record<string, unknown> = {
    brokerNodeGroupInfo: {
      brokerAZDistribution: 'DEFAULT',
      clientSubnets: subnetIds(cluster),
      instanceType: cluster.instanceType,
      securityGroups: [securityGroupId(cluster)],
      storageInfo: { ebsStorageInfo: { volumeSize: 100 } },
      connectivityInfo: { publicAccess: { type: publicAccess === undefined ? 'DISABLED' : 'SERVICE_PROVIDED_EIPS' } },
      zoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
    },
    numberOfBrokerNodes: cluster.brokerCount,
    currentBrokerSoftwareInfo: {
      kafkaVersion: cluster.kafkaVersion,
      ...(cluster.configuration === undefined
        ? {}
        : { configurationArn: cluster.configuration.arn, configurationRevision: cluster.configuration.revision }),
    },
    clientAuthentication: {
      sasl: { scram: { enabled: authentication.scram }, iam: { enabled: authentication.iam } },
      tls: { enabled: authentication.tls, certificateAuthorityArnList: [] },
      unauthenticated: { enabled: authentication.unauthenticated },
    },
    encryptionInfo: {
      encryptionAtRest: {
        dataVolumeKMSKeyId:
          cluster.encryptionAtRestKmsKeyArn ?? `arn:aws:kms:${spec.region}:${spec.accountId}:key/${pseudoUuid(`kms:${cluster.clusterArn}`)}`,
      },
      encryptionInTransit: { clientBroker: encryptionInTransit.clientBroker, inCluster: encryptionInTransit.inCluster },
    },
    enhancedMonitoring: 'DEFAULT',
    openMonitoring: {
      prometheus: { jmxExporter: { enabledInBroker: false }, nodeExporter: { enabledInBroker: false } },
    },
    storageMode: 'LOCAL',
  };
  // Only ZooKeeper-mode clusters have a ZooKeeper connection string.
  if (cluster.metadataMode === 'ZOOKEEPER') {
    if (cluster.zookeeperConnect !== undefined) body.zookeeperConnectString = cluster.zookeeperConnect;
    if (cluster.zookeeperConnectTls !== undefined) body.zookeeperConnectStringTls = cluster.zookeeperConnectTls;
  }
  return body;
}

/** GetBootstrapBrokers: one key per listener the cluster has; absent keys mean that listener is off. */
export function bootstrapBrokers(cluster: FakeMskCluster): Record<string, string> {
  const b = cluster.bootstrap;
  const pairs: Array<[string, string | undefined]> = [
    ['bootstrapBrokerString', b.plaintext],
    ['bootstrapBrokerStringTls', b.tls],
    ['bootstrapBrokerStringSaslScram', b.saslScram],
    ['bootstrapBrokerStringSaslIam', b.saslIam],
    ['bootstrapBrokerStringPublicTls', b.publicTls],
    ['bootstrapBrokerStringPublicSaslScram', b.publicSaslScram],
    ['bootstrapBrokerStringPublicSaslIam', b.publicSaslIam],
  ];
  return Object.fromEntries(pairs.filter((pair): pair is [string, string] => pair[1] !== undefined));
}

/** ListNodes entries: broker nodes only (the API's NodeType enum has BROKER alone). */
export function nodeInfos(cluster: FakeMskCluster, spec: FakeMskSpec): Array<Record<string, unknown>> {
  const clusterId = cluster.clusterArn.split(':cluster/')[1] ?? cluster.clusterName;
  return cluster.nodes.map((node) => ({
    addedToClusterTime: CREATION_TIME,
    brokerNodeInfo: {
      attachedENIId: `eni-${hex(`${cluster.clusterArn}:${node.brokerId}`, 17)}`,
      brokerId: node.brokerId,
      clientSubnet: subnetIds(cluster)[node.brokerId % 3],
      ...(isIpAddress(node.host) ? { clientVpcIpAddress: node.host } : {}),
      currentBrokerSoftwareInfo: { kafkaVersion: cluster.kafkaVersion },
      endpoints: [node.host],
    },
    instanceType: cluster.instanceType,
    nodeARN: `arn:aws:kafka:${spec.region}:${spec.accountId}:broker/${clusterId}/${pseudoUuid(`${cluster.clusterArn}:${node.brokerId}`)}`,
    nodeType: 'BROKER',
  }));
}

export function configurationRevision(configuration: NonNullable<FakeMskCluster['configuration']>): Record<string, unknown> {
  return {
    arn: configuration.arn,
    creationTime: CREATION_TIME,
    description: 'fake MSK configuration',
    revision: configuration.revision,
    // A blob member: base64 in JSON.
    serverProperties: Buffer.from(configuration.serverProperties, 'utf8').toString('base64'),
  };
}

function currentVersionOf(cluster: FakeMskCluster): string {
  return hex(`version:${cluster.clusterArn}`, 14).toUpperCase();
}

function subnetIds(cluster: FakeMskCluster): [string, string, string] {
  return [0, 1, 2].map((i) => `subnet-${hex(`${cluster.clusterArn}:subnet:${i}`, 17)}`) as [string, string, string];
}

function securityGroupId(cluster: FakeMskCluster): string {
  return `sg-${hex(`${cluster.clusterArn}:sg`, 17)}`;
}

function hex(text: string, length: number): string {
  return createHash('sha1').update(text).digest('hex').slice(0, length);
}

function pseudoUuid(text: string): string {
  const h = hex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
