/** A `status` snapshot of a migration in tail (two partitions, one behind), as `migrationStatus` returns it. */
import type { StatusSnapshot } from '../../engine/status/index.js';

export const TAIL_SNAPSHOT: StatusSnapshot = {
  migrationId: 'mig-20260425-061500-ab12',
  state: 'tail',
  since: '2026-04-25T06:20:00.000000Z',
  timeInStateMs: 60_000,
  failedFrom: null,
  failureReason: null,
  lease: null,
  sourceOffsets: 'live',
  checkpoint: { at: '2026-04-25T06:21:00.000000Z', seq: 9, phase: 'tail', generation: 1 },
  partitions: [
    { topic: 'orders', partition: 0, nextSourceOffset: 900, targetEnd: 900, recordsCopied: 900, bytesCopied: 90_000, sourceEnd: 1_000, lag: 100 },
    { topic: 'orders', partition: 1, nextSourceOffset: 1_000, targetEnd: 1_000, recordsCopied: 1_000, bytesCopied: 100_000, sourceEnd: 1_000, lag: 0 },
  ],
  totals: { partitions: 2, totalLag: 100, maxLag: 100, behind: 1, recordsCopied: 1_900, bytesCopied: 190_000 },
  recordsPerSecond: 50,
  etaSeconds: 2,
  notes: [],
  nextCommand: null,
  nextAction: 'a process is copying: wait for drain_ready',
  transitions: [
    '2026-04-25T06:15:07.512121Z planned -> precheck',
    '2026-04-25T06:15:07.612121Z precheck -> topology_copy',
    '2026-04-25T06:15:08.512121Z topology_copy -> seed',
    '2026-04-25T06:20:00.000000Z seed -> tail',
  ],
};
