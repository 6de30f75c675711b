/**
 * The real FinalizePorts: wire-protocol record readers (read_committed, byte-exact headers) on both clusters and the
 * kafkajs admin on the target. A connection that fails closes the ones already open.
 */
import type { MigrationConfig } from '../config/types.js';
import { connectKafkajsAdmin } from '../kafka/kafkajs-admin.js';
import { createWireReader } from '../kafka/records/index.js';
import { clusterConnection } from '../orchestrator/connections.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import type { FinalizePorts } from './ports.js';

export async function connectFinalizePorts(config: MigrationConfig, plan: MigrationPlan): Promise<FinalizePorts> {
  const open: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    await Promise.all(open.map((port) => port.close().catch(() => undefined)));
  };
  try {
    const sourceRecords = await createWireReader(clusterConnection('source', config, plan, 'kafka-backup-finalize-source'));
    open.push(sourceRecords);
    const targetRecords = await createWireReader(clusterConnection('target', config, plan, 'kafka-backup-finalize-target'));
    open.push(targetRecords);
    const targetAdmin = await connectKafkajsAdmin(clusterConnection('target', config, plan, 'kafka-backup-finalize-admin'));
    open.push(targetAdmin);
    return { sourceRecords, targetRecords, targetAdmin, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
