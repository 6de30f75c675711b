/**
 * Discovery: the inventory of both clusters, read-only. Source and target are discovered at the same time; a
 * cluster that cannot be reached (or whose MSK lookup fails) is recorded as such in its ClusterInventory instead of
 * failing the call, so precheck can report every problem at once.
 */
import { compileFilter } from '../config/filters.js';
import type { MigrationConfig } from '../config/types.js';
import { INVENTORY_SCHEMA_VERSION, type Inventory } from '../inventory/types.js';
import type { AdminPort } from '../kafka/admin-port.js';
import { connectKafkajsAdmin } from '../kafka/kafkajs-admin.js';
import type { KafkaClusterConnection, KafkaLogEvent } from '../kafka/kafkajs-options.js';
import type { ControlPlaneFactory } from './control-plane.js';
import { discoverCluster, type AdminConnector } from './discover-cluster.js';
import type { DiscoveryEvent } from './events.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 4;

export interface DiscoverOptions {
  /** Progress, warnings and per-cluster results as they happen. A throwing listener is ignored. */
  onProgress?(event: DiscoveryEvent): void;
  /** Where AWS keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) come from; else the SDK's default chain. */
  env?: NodeJS.ProcessEnv;
  /** Budget to reach a cluster's brokers (and the MSK API, capped at 5 s) before calling it unreachable; default 10 s. */
  connectTimeoutMs?: number;
  /** Requests in flight per cluster for batched calls; default 4. */
  concurrency?: number;
  /** kafkajs's log lines (sanitized); dropped when absent. */
  onKafkaLog?(event: KafkaLogEvent): void;
  /** Opens a cluster's AdminPort; kafkajs by default. */
  connectAdmin?: AdminConnector;
  /** Creates the MSK control-plane client; `createMskControlPlane` by default. */
  controlPlaneFactory?: ControlPlaneFactory;
}

const kafkajsConnector: AdminConnector = (connection: KafkaClusterConnection, options): Promise<AdminPort> =>
  connectKafkajsAdmin(connection, {
    connectTimeoutMs: options.connectTimeoutMs,
    concurrency: options.concurrency,
    ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
  });

export async function discover(config: MigrationConfig, options: DiscoverOptions = {}): Promise<Inventory> {
  const emit = (event: DiscoveryEvent): void => {
    try {
      options.onProgress?.(event);
    } catch {
      // A failing progress listener must not break discovery.
    }
  };
  const shared = {
    aws: config.aws,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    env: options.env,
    connectAdmin: options.connectAdmin ?? kafkajsConnector,
    controlPlaneFactory: options.controlPlaneFactory,
    onKafkaLog: options.onKafkaLog,
    emit,
  };
  const [source, target] = await Promise.all([
    discoverCluster({
      ...shared,
      role: 'source',
      cluster: config.source,
      topicFilter: compileFilter(config.topics),
      groupFilter: compileFilter(config.groups),
    }),
    discoverCluster({ ...shared, role: 'target', cluster: config.target }),
  ]);
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, source, target };
}
