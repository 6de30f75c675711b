/** What every task of one copy run shares: the ports, the positions, the limits and the run's switches. */
import type { PartitionReader } from '../record-ports.js';
import type { AppendContext } from './append-records.js';
import type { CopierLimits, SegmentStorePort } from './options.js';

export interface CopyContext extends AppendContext {
  readonly reader: PartitionReader;
  readonly store: SegmentStorePort;
  readonly limits: CopierLimits;
  readonly migrationId: string;
  readonly now: () => number;
}
