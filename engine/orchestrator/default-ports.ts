/**
 * The ports a real run uses: discovery, precheck, topology copy, the segment copier (seed through the S3 backup
 * channel, tail direct) over the wire record ports, wire record readers for resume reconciliation, and the source
 * offsets for the boundary and the lag checks from a wire reader too (ListOffsets once per leader for its partitions).
 */
import type { MigrationConfig } from '../config/types.js';
import type { SourceOffsetReader } from '../copy/data-copier.js';
import { createSegmentCopier } from '../copy/segment-copier/index.js';
import { credentialsFromEnv } from '../aws/credentials.js';
import { discover, type DiscoveryEvent } from '../discovery/index.js';
import { connectKafkajsApplier } from '../kafka/kafkajs-applier.js';
import type { KafkaClusterConnection } from '../kafka/kafkajs-options.js';
import { createWireReader, createWireWriter, type WireReader } from '../kafka/records/index.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import { evaluatePrecheck, runStorageProbes } from '../precheck/index.js';
import { S3SegmentStore } from '../segments/index.js';
import { clusterConnection } from './connections.js';
import type { OrchestratorPorts } from './run-context.js';
import { copyTopologyStep } from './topology-step.js';

export interface DefaultPortsOptions {
  /** Where AWS keys come from (else the SDK's default chain). */
  readonly env: NodeJS.ProcessEnv;
  readonly onDiscovery?: (event: DiscoveryEvent) => void;
}

/** Wire readers of both clusters; when one cannot connect, the other is closed and the error thrown. */
async function recordReaders(config: MigrationConfig, plan: MigrationPlan) {
  const [source, target] = await Promise.allSettled([
    createWireReader(clusterConnection('source', config, plan, 'kafka-backup-reconcile-source')),
    createWireReader(clusterConnection('target', config, plan, 'kafka-backup-reconcile-target')),
  ]);
  if (source.status === 'fulfilled' && target.status === 'fulfilled') return { source: source.value, target: target.value };
  await Promise.allSettled([source, target].flatMap((r) => (r.status === 'fulfilled' ? [r.value.close()] : [])));
  throw source.status === 'rejected' ? source.reason : (target as PromiseRejectedResult).reason;
}

/** Source log start and end offsets through a wire reader, connected on first use (a failed connect is tried again). */
function wireOffsetReader(connection: KafkaClusterConnection): SourceOffsetReader {
  let reader: Promise<WireReader> | undefined;
  return {
    async offsets(partitions) {
      reader ??= createWireReader(connection).catch((error: unknown) => {
        reader = undefined;
        throw error;
      });
      const bounds = await (await reader).offsets(partitions);
      return bounds.map(({ topic, partition, logStart, end }) => ({ topic, partition, logStart: Number(logStart), end: Number(end) }));
    },
    async close() {
      const opened = await reader?.catch(() => undefined);
      await opened?.close();
    },
  };
}

export function defaultPorts(config: MigrationConfig, options: DefaultPortsOptions): OrchestratorPorts {
  const credentials = credentialsFromEnv(options.env);
  return {
    discover: (cfg) => discover(cfg, { env: options.env, ...(options.onDiscovery === undefined ? {} : { onProgress: options.onDiscovery }) }),
    precheck: async (inventory, cfg) => evaluatePrecheck(inventory, cfg, await runStorageProbes(cfg, credentials === undefined ? {} : { credentials })),
    topology: copyTopologyStep,
    connectApplier: (plan) => connectKafkajsApplier(clusterConnection('target', config, plan, 'kafka-backup-topology-target')),
    copier: (plan, migrationId) =>
      createSegmentCopier({
        openReader: () => createWireReader(clusterConnection('source', config, plan, 'kafka-backup-copy-source')),
        openWriter: () => createWireWriter(clusterConnection('target', config, plan, 'kafka-backup-copy-target')),
        openStore: () => S3SegmentStore.fromConfig(config, migrationId, options.env),
        migrationId,
        maxConcurrentPartitions: config.seed.maxConcurrentPartitions,
        segmentMaxBytes: config.seed.segmentMaxBytes,
      }),
    offsetReader: (plan) => wireOffsetReader(clusterConnection('source', config, plan, 'kafka-backup-offsets-source')),
    recordReaders: (plan) => recordReaders(config, plan),
  };
}
