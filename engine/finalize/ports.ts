/** What finalize reads the clusters through: records on both sides (read_committed), and the target's admin side. */
import type { PartitionReader } from '../copy/record-ports.js';
import type { AdminPort } from '../kafka/admin-port.js';

export interface FinalizePorts {
  readonly sourceRecords: PartitionReader;
  readonly targetRecords: PartitionReader;
  /** Only reads: topics, topic configs, group offsets. */
  readonly targetAdmin: Pick<AdminPort, 'describeTopics' | 'describeTopicConfigs' | 'fetchGroupOffsets'>;
  /** Closes every connection (never throws). */
  close(): Promise<void>;
}
