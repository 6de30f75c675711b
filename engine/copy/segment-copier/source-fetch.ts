/**
 * One fetch of a source partition, telling a retention gap from a failure: when the fetch fails, the partition's
 * offsets say whether `from` fell below the log start (retention deleted it: the copy continues at the log start,
 * the offsets in between are lost). Any other failure is the reader's to explain (a position past the source's end
 * means the log was truncated or the topic re-created: the wire reader says so); a retriable one (leader moved,
 * broker restarting) is tried again a few times first.
 */
import { isMigrationError } from '../../errors.js';
import type { FetchedRecords, PartitionReader } from '../record-ports.js';
import type { PartitionRef } from '../positions.js';
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
      if (!(isMigrationError(error) && error.retriable) || attempt >= ATTEMPTS) throw error;
    }
    await control.sleep(RETRY_MS * attempt);
    if (!control.running) return undefined;
  }
}
