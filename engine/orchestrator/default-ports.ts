/** The ports a real run uses: discovery, precheck, topology copy, the kafkajs copier and offset reader. */
import { randomBytes } from 'node:crypto';
import type { MigrationConfig } from '../config/types.js';
import { createKafkajsCopier, createKafkajsOffsetReader } from '../copy/kafkajs-copier.js';
import { credentialsFromEnv } from '../aws/credentials.js';
import { discover, type DiscoveryEvent } from '../discovery/index.js';
import { connectKafkajsApplier } from '../kafka/kafkajs-applier.js';
import { evaluatePrecheck, runStorageProbes } from '../precheck/index.js';
import { clusterConnection } from './connections.js';
import type { OrchestratorPorts } from './run-context.js';
import { copyTopologyStep } from './topology-step.js';

export interface DefaultPortsOptions {
  /** Where AWS keys come from (else the SDK's default chain). */
  readonly env: NodeJS.ProcessEnv;
  readonly onDiscovery?: (event: DiscoveryEvent) => void;
}

export function defaultPorts(config: MigrationConfig, options: DefaultPortsOptions): OrchestratorPorts {
  const credentials = credentialsFromEnv(options.env);
  return {
    discover: (cfg) => discover(cfg, { env: options.env, ...(options.onDiscovery === undefined ? {} : { onProgress: options.onDiscovery }) }),
    precheck: async (inventory, cfg) => evaluatePrecheck(inventory, cfg, await runStorageProbes(cfg, credentials === undefined ? {} : { credentials })),
    topology: copyTopologyStep,
    connectApplier: (plan) => connectKafkajsApplier(clusterConnection('target', config, plan, 'kafka-backup-topology-target')),
    copier: (plan, migrationId) =>
      createKafkajsCopier({
        source: clusterConnection('source', config, plan, 'kafka-backup-copy-source'),
        target: clusterConnection('target', config, plan, 'kafka-backup-copy-target'),
        groupId: `kafka-backup-copy-${migrationId}-${randomBytes(4).toString('hex')}`,
        maxConcurrentPartitions: config.seed.maxConcurrentPartitions,
      }),
    offsetReader: (plan) => createKafkajsOffsetReader(clusterConnection('source', config, plan, 'kafka-backup-offsets-source')),
  };
}
