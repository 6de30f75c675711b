/**
 * From @aws-sdk/client-kafka output shapes to the engine's own types.
 *
 * ZooKeeper or KRaft: the MSK API has no metadata-mode field (nothing in Cluster/Provisioned/BrokerSoftwareInfo).
 * MSK encodes the mode in the Kafka version string: "To create a cluster in KRaft mode using the MSK API ... use
 * 3.7.x.kraft as the version. Use 3.7.x as the version to create a cluster in ZooKeeper mode." (AWS MSK developer
 * guide, "KRaft mode", kraft-intro.html); an in-place ZooKeeper-to-KRaft migration targets "a KRaft-based target
 * version (with a .kraft suffix)" (version-upgrades.html). MSK's version list (aws-cdk aws-msk-alpha
 * cluster-version.ts): 3.7.x/3.7.x.kraft, 3.8.x/3.8.x.kraft, 3.9.x/3.9.x.kraft, then 4.0.x.kraft, 4.1.x.kraft,
 * 4.2.x.kraft. Kafka 4 dropped ZooKeeper, so a 4.x version is KRaft even if a suffix were missing.
 * `zookeeperConnectString` is reported only for ZooKeeper-mode clusters; it is kept as a detail, not the test.
 */
import type {
  Cluster,
  DescribeConfigurationRevisionResponse,
  GetBootstrapBrokersResponse,
  NodeInfo,
} from '@aws-sdk/client-kafka';
import type {
  MskBootstrapBrokers,
  MskClientBroker,
  MskClusterDescription,
  MskClusterSummary,
  MskConfigurationRevision,
  MskMetadataMode,
  MskNode,
} from './msk-types.js';

export function metadataModeOfKafkaVersion(kafkaVersion: string | undefined): MskMetadataMode {
  if (kafkaVersion === undefined || kafkaVersion.trim() === '') return 'UNKNOWN';
  if (kafkaVersion.trim().endsWith('.kraft')) return 'KRAFT';
  const major = Number.parseInt(kafkaVersion, 10);
  if (!Number.isFinite(major)) return 'UNKNOWN';
  return major >= 4 ? 'KRAFT' : 'ZOOKEEPER';
}

/** Thrown for a response that lacks what every real response has; the caller wraps it with the operation. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

export function normalizeCluster(cluster: Cluster | undefined): MskClusterDescription {
  if (cluster?.ClusterArn === undefined || cluster.ClusterName === undefined) {
    throw new MalformedResponseError('the response has no cluster ARN or name');
  }
  const base = { arn: cluster.ClusterArn, name: cluster.ClusterName, state: cluster.State ?? 'UNKNOWN' };
  if (cluster.ClusterType === 'SERVERLESS' || (cluster.Provisioned === undefined && cluster.Serverless !== undefined)) {
    // Serverless exposes neither Kafka version nor brokers; it always requires IAM and always encrypts in transit
    // (AWS MSK developer guide, "MSK Serverless").
    return {
      ...base,
      type: 'SERVERLESS',
      kafkaVersion: undefined,
      metadataMode: 'UNKNOWN',
      brokerCount: undefined,
      instanceType: undefined,
      auth: { iam: cluster.Serverless?.ClientAuthentication?.Sasl?.Iam?.Enabled ?? true, scram: false, tls: false, unauthenticated: false },
      encryption: { inTransitClientBroker: 'TLS', inCluster: true },
    };
  }
  const provisioned = cluster.Provisioned;
  if (provisioned === undefined) throw new MalformedResponseError(`cluster ${cluster.ClusterArn} has neither a provisioned nor a serverless block`);
  const software = provisioned.CurrentBrokerSoftwareInfo;
  const kafkaVersion = software?.KafkaVersion;
  const clientAuth = provisioned.ClientAuthentication;
  const encryption = provisioned.EncryptionInfo;
  const description: MskClusterDescription = {
    ...base,
    type: 'PROVISIONED',
    kafkaVersion,
    metadataMode: metadataModeOfKafkaVersion(kafkaVersion),
    brokerCount: provisioned.NumberOfBrokerNodes,
    instanceType: provisioned.BrokerNodeGroupInfo?.InstanceType,
    auth: {
      iam: clientAuth?.Sasl?.Iam?.Enabled ?? false,
      scram: clientAuth?.Sasl?.Scram?.Enabled ?? false,
      tls: clientAuth?.Tls?.Enabled ?? false,
      // A cluster created without any client authentication block is unauthenticated.
      unauthenticated: clientAuth === undefined ? true : (clientAuth.Unauthenticated?.Enabled ?? false),
    },
    encryption: {
      // MSK's default for encryption in transit is TLS.
      inTransitClientBroker: (encryption?.EncryptionInTransit?.ClientBroker as MskClientBroker | undefined) ?? 'TLS',
      inCluster: encryption?.EncryptionInTransit?.InCluster ?? true,
      ...(encryption?.EncryptionAtRest?.DataVolumeKMSKeyId === undefined
        ? {}
        : { atRestKmsKeyArn: encryption.EncryptionAtRest.DataVolumeKMSKeyId }),
    },
  };
  if (provisioned.ZookeeperConnectString !== undefined && provisioned.ZookeeperConnectString !== '') {
    description.zookeeperConnect = provisioned.ZookeeperConnectString;
  }
  if (software?.ConfigurationArn !== undefined && software.ConfigurationRevision !== undefined) {
    description.configuration = { arn: software.ConfigurationArn, revision: software.ConfigurationRevision };
  }
  return description;
}

export function summarizeCluster(cluster: Cluster): MskClusterSummary {
  const { arn, name, type, state, kafkaVersion, metadataMode } = normalizeCluster(cluster);
  return { arn, name, type, state, kafkaVersion, metadataMode };
}

export function normalizeBootstrap(response: GetBootstrapBrokersResponse): MskBootstrapBrokers {
  const pairs: Array<[keyof MskBootstrapBrokers, string | undefined]> = [
    ['plaintext', response.BootstrapBrokerString],
    ['tls', response.BootstrapBrokerStringTls],
    ['saslScram', response.BootstrapBrokerStringSaslScram],
    ['saslIam', response.BootstrapBrokerStringSaslIam],
    ['publicTls', response.BootstrapBrokerStringPublicTls],
    ['publicSaslScram', response.BootstrapBrokerStringPublicSaslScram],
    ['publicSaslIam', response.BootstrapBrokerStringPublicSaslIam],
  ];
  const brokers: MskBootstrapBrokers = {};
  for (const [key, value] of pairs) if (value !== undefined && value !== '') brokers[key] = value;
  return brokers;
}

/** Broker nodes only; other node kinds (if MSK ever lists them) are skipped. */
export function normalizeNode(node: NodeInfo): MskNode | undefined {
  const broker = node.BrokerNodeInfo;
  if (broker?.BrokerId === undefined) return undefined;
  const result: MskNode = { brokerId: broker.BrokerId, endpoints: broker.Endpoints ?? [] };
  if (node.NodeARN !== undefined) result.nodeArn = node.NodeARN;
  if (broker.ClientVpcIpAddress !== undefined) result.clientVpcIpAddress = broker.ClientVpcIpAddress;
  if (node.InstanceType !== undefined) result.instanceType = node.InstanceType;
  if (broker.CurrentBrokerSoftwareInfo?.KafkaVersion !== undefined) result.kafkaVersion = broker.CurrentBrokerSoftwareInfo.KafkaVersion;
  return result;
}

export function normalizeConfigurationRevision(response: DescribeConfigurationRevisionResponse): MskConfigurationRevision {
  if (response.Arn === undefined || response.Revision === undefined) {
    throw new MalformedResponseError('the response has no configuration ARN or revision');
  }
  return {
    arn: response.Arn,
    revision: response.Revision,
    serverProperties: response.ServerProperties === undefined ? '' : Buffer.from(response.ServerProperties).toString('utf8'),
  };
}
