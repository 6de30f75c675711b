/**
 * The engine's interface to the Amazon MSK control plane, over @aws-sdk/client-kafka. Read-only: it describes
 * clusters, their bootstrap brokers, nodes and configuration; it never changes a cluster.
 */
import {
  DescribeClusterV2Command,
  DescribeConfigurationRevisionCommand,
  GetBootstrapBrokersCommand,
  KafkaClient,
  paginateListClustersV2,
  paginateListNodes,
  type KafkaClientConfig,
} from '@aws-sdk/client-kafka';
import { toControlPlaneError, type ControlPlaneCallContext } from './control-plane-error.js';
import { regionFromClusterArn } from './msk-arn.js';
import {
  normalizeBootstrap,
  normalizeCluster,
  normalizeConfigurationRevision,
  normalizeNode,
  summarizeCluster,
} from './msk-normalize.js';
import type { MskClusterSummary, MskControlPlane, MskNode } from './msk-types.js';

export { ControlPlaneError, type ControlPlaneFailure } from './control-plane-error.js';
export { parseClusterArn, regionFromClusterArn, type MskClusterArnParts } from './msk-arn.js';
export { pickBootstrap } from './msk-bootstrap.js';
export { metadataModeOfKafkaVersion } from './msk-normalize.js';
export type * from './msk-types.js';

export interface MskControlPlaneOptions {
  region: string;
  /** Endpoint override (VPC endpoint, or a fake in tests); the regional MSK endpoint when absent. */
  endpoint?: string;
  /** Named profile from the shared AWS config files. */
  profile?: string;
  /** Explicit credentials; the default provider chain (env, profile, SSO, IAM role, ...) when absent. */
  credentials?: KafkaClientConfig['credentials'];
  /** Page size for ListNodes / ListClustersV2 (1-100); the service default when absent. */
  pageSize?: number;
  /** Attempts per call, retries included (SDK default 3). */
  maxAttempts?: number;
  /** Milliseconds to wait for a connection before calling the API unreachable. */
  connectionTimeoutMs?: number;
}

export function createMskControlPlane(options: MskControlPlaneOptions): MskControlPlane {
  const client = new KafkaClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? 5_000, requestTimeout: 30_000 },
  });
  const paging = { client, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) };

  async function call<T>(context: Omit<ControlPlaneCallContext, 'region' | 'endpoint'>, run: () => Promise<T>): Promise<T> {
    // A malformed cluster ARN is the operator's to fix (CONFIG_INVALID), not a control-plane failure.
    if (context.clusterArn !== undefined && context.operation !== 'DescribeConfigurationRevision') regionFromClusterArn(context.clusterArn);
    try {
      return await run();
    } catch (error) {
      throw toControlPlaneError(error, {
        ...context,
        region: options.region,
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      });
    }
  }

  return {
    describeCluster: (clusterArn) =>
      call({ operation: 'DescribeClusterV2', clusterArn }, async () => {
        const output = await client.send(new DescribeClusterV2Command({ ClusterArn: clusterArn }));
        return normalizeCluster(output.ClusterInfo);
      }),

    getBootstrapBrokers: (clusterArn) =>
      call({ operation: 'GetBootstrapBrokers', clusterArn }, async () =>
        normalizeBootstrap(await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn }))),
      ),

    listNodes: (clusterArn) =>
      call({ operation: 'ListNodes', clusterArn }, async () => {
        const nodes: MskNode[] = [];
        for await (const page of paginateListNodes(paging, { ClusterArn: clusterArn })) {
          for (const info of page.NodeInfoList ?? []) {
            const node = normalizeNode(info);
            if (node !== undefined) nodes.push(node);
          }
        }
        return nodes.sort((a, b) => a.brokerId - b.brokerId);
      }),

    listClusters: (filter) =>
      call({ operation: 'ListClustersV2' }, async () => {
        const clusters: MskClusterSummary[] = [];
        const input = {
          ...(filter?.namePrefix === undefined ? {} : { ClusterNameFilter: filter.namePrefix }),
          ...(filter?.type === undefined ? {} : { ClusterTypeFilter: filter.type }),
        };
        for await (const page of paginateListClustersV2(paging, input)) {
          for (const cluster of page.ClusterInfoList ?? []) clusters.push(summarizeCluster(cluster));
        }
        return clusters;
      }),

    describeConfigurationRevision: (configurationArn, revision) =>
      call({ operation: 'DescribeConfigurationRevision', clusterArn: configurationArn }, async () =>
        normalizeConfigurationRevision(
          await client.send(new DescribeConfigurationRevisionCommand({ Arn: configurationArn, Revision: revision })),
        ),
      ),

    close: () => client.destroy(),
  };
}
