/** The status of a migration as one snapshot object; `status --json` prints it, the plain renderer formats it. */
import type { LagTotals } from '../copy/lag.js';
import type { MigrationCommand, MigrationState } from '../state/index.js';

export interface PartitionStatus {
  readonly topic: string;
  readonly partition: number;
  /** From the latest copy checkpoint. */
  readonly nextSourceOffset: number;
  readonly targetEnd: number | null;
  readonly recordsCopied: number;
  readonly bytesCopied: number;
  /** The source end offset: live when the source answered, else the seed boundary's. */
  readonly sourceEnd: number;
  readonly lag: number;
}

export interface StatusSnapshot {
  readonly migrationId: string;
  readonly state: MigrationState;
  readonly since: string;
  readonly timeInStateMs: number;
  readonly failedFrom: MigrationState | null;
  readonly failureReason: string | null;
  /** Who holds the lease right now (a process working on the migration), or null. */
  readonly lease: { readonly holder: string; readonly heartbeatAt: string; readonly expiresAt: string; readonly expired: boolean } | null;
  /** Source offsets came from the source just now (`live`), or from the seed boundary because it did not answer. */
  readonly sourceOffsets: 'live' | 'boundary' | 'none';
  /** The copy checkpoint the positions come from. */
  readonly checkpoint: { readonly at: string; readonly seq: number; readonly phase: 'seed' | 'tail'; readonly generation: number } | null;
  readonly partitions: readonly PartitionStatus[];
  readonly totals: LagTotals & { readonly recordsCopied: number; readonly bytesCopied: number };
  /** Records per second over the checkpoints of this generation; null when not measurable. */
  readonly recordsPerSecond: number | null;
  /** Seconds until the lag is copied at that rate; 0 when there is no lag, null when unknown. */
  readonly etaSeconds: number | null;
  readonly notes: readonly string[];
  /** The operator's next command (null when a process continues or the migration is over), and what to do in words. */
  readonly nextCommand: MigrationCommand | null;
  readonly nextAction: string;
  readonly transitions: readonly string[];
}
