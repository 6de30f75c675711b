/** kafkajs connection settings for the copy, from the operator's config and the brokers the plan resolved. */
import type { ClusterConfig, MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import type { KafkaClusterConnection } from '../kafka/kafkajs-options.js';
import type { MigrationPlan } from '../plan/plan-types.js';

export function clusterConnection(role: 'source' | 'target', config: MigrationConfig, plan: MigrationPlan, clientId: string): KafkaClusterConnection {
  const cluster: ClusterConfig = config[role];
  const brokers = cluster.bootstrapServers.length > 0 ? [...cluster.bootstrapServers] : [...plan.clusters[role].bootstrapServers];
  if (brokers.length === 0) {
    throw new MigrationError({
      code: 'CONFIG_INVALID',
      message: `the ${role} cluster has no bootstrap servers in the config or in the journaled plan`,
      hint: `Set ${role}.bootstrap_servers, or a ${role}.cluster_arn whose bootstrap brokers the MSK API returns.`,
    });
  }
  const auth = cluster.auth.mode === 'scram-sha-512' ? { mode: cluster.auth.mode, username: cluster.auth.username, password: cluster.auth.password } : { mode: cluster.auth.mode };
  const { tls } = cluster;
  return {
    clientId,
    brokers,
    auth,
    tls: {
      enabled: tls.enabled,
      ...(tls.caFile === undefined ? {} : { caFile: tls.caFile }),
      ...(tls.certFile === undefined ? {} : { certFile: tls.certFile }),
      ...(tls.keyFile === undefined ? {} : { keyFile: tls.keyFile }),
    },
  };
}
