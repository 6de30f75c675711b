/**
 * One fetch of a source partition, telling a retention gap from a failure: when the fetch fails, the partition's
 * offsets say whether `from` fell below the log start (retention deleted it: the copy continues at the log start,
 * the offsets in between are lost). A retriable error (leader moved, broker restarting) is tried again a few times.
 */
import { isMigrationError, MigrationError } from '../../errors.js';
import type { FetchedRecords, PartitionReader } from '../record-ports.js';
import { partitionKey, type PartitionRef } from '../positions.js';
import type { RunControl } from './run-control.js';

export type FetchOutcome = { readonly kind: 'records'; readonly fetched: FetchedRecords } | { readonly kind: 'gap'; readonly logStart: number };

const ATTEMPTS = 5;
const RETRY_MS = 250;

export async function fetchOrGap(control: RunControl, reader: PartitionReader, ref: PartitionRef, from: number, maxBytes: number): Promise<FetchOutcome | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { kind: 'records', fetched: await reader.fetch(ref, BigInt(from), { maxBytes, maxWaitMs: 0 }) };
    } catch (error) {
      const [offsets] = await reader.offsets([ref]).catch(() => [undefined]);
      if (offsets !== undefined && BigInt(from) < offsets.logStart) return { kind: 'gap', logStart: Number(offsets.logStart) };
      if (offsets !== undefined && BigInt(from) > offsets.end) {
        throw new MigrationError({
          code: 'CLUSTER_UNREACHABLE',
          message: `source ${partitionKey(ref)} ends at offset ${offsets.end}, below the copy position ${from}: its log was truncated (unclean leader election, or the topic was re-created)`,
          hint: 'The records past the new end are gone from the source; check the topic, then start a new migration (execute --force-restart) if it was re-created.',
          cause: error,
        });
      }
      if (!(isMigrationError(error) && error.retriable) || attempt >= ATTEMPTS) throw error;
    }
    await control.sleep(RETRY_MS * attempt);
    if (!control.running) return undefined;
  }
}
