/** Opens the target's ApplierPort from the config, with the bootstrap servers discovery found (ARN or config). */
import type { MigrationConfig } from '../config/types.js';
import type { Inventory } from '../inventory/types.js';
import type { ApplierPort } from '../kafka/applier-port.js';
import { connectKafkajsApplier, type KafkajsApplierOptions } from '../kafka/kafkajs-applier.js';
import type { KafkaClusterConnection } from '../kafka/kafkajs-options.js';

export const TOPOLOGY_CLIENT_ID = 'kafka-backup-topology';

export function targetConnection(config: MigrationConfig, bootstrapServers: readonly string[], clientId = TOPOLOGY_CLIENT_ID): KafkaClusterConnection {
  const { auth, tls } = config.target;
  return {
    clientId,
    brokers: bootstrapServers.length > 0 ? [...bootstrapServers] : [...config.target.bootstrapServers],
    auth: auth.mode === 'scram-sha-512' ? { mode: auth.mode, username: auth.username, password: auth.password } : { mode: auth.mode },
    tls: {
      enabled: tls.enabled,
      ...(tls.caFile === undefined ? {} : { caFile: tls.caFile }),
      ...(tls.certFile === undefined ? {} : { certFile: tls.certFile }),
      ...(tls.keyFile === undefined ? {} : { keyFile: tls.keyFile }),
    },
  };
}

export function connectTargetApplier(
  config: MigrationConfig,
  inventory: Pick<Inventory, 'target'>,
  options: KafkajsApplierOptions = {},
): Promise<ApplierPort> {
  return connectKafkajsApplier(targetConnection(config, inventory.target.bootstrapServers), options);
}
