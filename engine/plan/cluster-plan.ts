/** How the plan names each cluster: by ARN when there is one, else by its bootstrap servers. */
import { parseClusterArn } from '../config/index.js';
import type { ClusterConfig } from '../config/types.js';
import type { ClusterInventory } from '../inventory/types.js';
import type { PlannedCluster } from './plan-types.js';
import { sortedUnique } from './sorting.js';

export function planCluster(inventory: ClusterInventory, config: ClusterConfig): PlannedCluster {
  const arn = config.clusterArn ?? inventory.controlPlane?.arn ?? null;
  const parts = arn === null ? undefined : parseClusterArn(arn);
  const brokerCount =
    inventory.brokers.length > 0 ? inventory.brokers.length : (inventory.controlPlane?.brokerCount ?? null);
  return {
    role: inventory.role,
    arn,
    clusterName: parts?.clusterName ?? inventory.controlPlane?.name ?? null,
    clusterUuid: parts?.clusterUuid ?? null,
    accountId: parts?.accountId ?? null,
    region: parts?.region ?? inventory.controlPlane?.region ?? config.region ?? null,
    bootstrapServers: sortedUnique(inventory.bootstrapServers.length > 0 ? inventory.bootstrapServers : config.bootstrapServers),
    kafkaClusterId: inventory.clusterId ?? null,
    metadataMode: inventory.metadataMode,
    kafkaVersion: inventory.kafkaVersion ?? inventory.controlPlane?.kafkaVersion ?? null,
    brokerCount,
    authMode: config.auth.mode,
    tls: config.tls.enabled,
  };
}

/** `aws`, `aws-cn`, `aws-us-gov`, ...: the partition of the first ARN given, else `aws`. */
export function awsPartition(arns: ReadonlyArray<string | null | undefined>): string {
  for (const arn of arns) {
    const match = arn === null || arn === undefined ? null : /^arn:([a-z-]+):/.exec(arn);
    if (match !== null) return match[1] as string;
  }
  return 'aws';
}
