/**
 * Reads one source partition from `from` up to the seed boundary (exclusive) and cuts what it reads into segments
 * (SegmentWriter), each stored in S3 (write-once key) and then handed to the partition's restorer. One upload is in
 * flight while the next segment fills, so the partition holds at most two segments here. A retention gap moves the
 * read on to the log start; the offsets lost are a gap in the segments and, once restored, in the offset map.
 */
import { encodeSegment, pendingRange, SegmentWriter, type EncodedSegment, type PendingSegment } from '../../segments/index.js';
import type { PartitionRef } from '../positions.js';
import type { CopyContext } from './context.js';
import type { RestoreQueue } from './segment-queue.js';
import { fetchOrGap } from './source-fetch.js';

/** Pause when the source has nothing to give below the boundary yet (an open transaction holds the stable offset). */
const WAIT_FOR_RECORDS_MS = 200;

interface SegmentCut {
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly records: number;
}

class SegmentUploads {
  private inflight: Promise<void> = Promise.resolve();
  stored = 0;

  constructor(
    private readonly context: CopyContext,
    private readonly ref: PartitionRef,
    private readonly queue: RestoreQueue,
  ) {}

  /**
   * Encodes the segment at once (its records' buffers are let go as soon as it is compressed), waits for the previous
   * upload, then starts this one: segments reach the restorer in offset order, one upload in flight.
   */
  add(pending: PendingSegment): Promise<void> {
    const { firstOffset, lastOffset } = pendingRange(pending);
    const cut = { firstOffset: Number(firstOffset), lastOffset: Number(lastOffset), records: pending.recordCount };
    return this.enqueue(encodeSegment(pending, { createdAtMs: this.context.now() }), cut);
  }

  async drain(): Promise<void> {
    await this.inflight;
  }

  private async enqueue(encoding: Promise<EncodedSegment>, cut: SegmentCut): Promise<void> {
    const encoded = await encoding;
    await this.inflight;
    if (!this.context.control.running) return;
    const upload = this.upload(encoded, cut);
    upload.catch((error: unknown) => this.context.control.fail(error));
    this.inflight = upload;
  }

  private async upload(encoded: EncodedSegment, cut: SegmentCut): Promise<void> {
    const { store, control } = this.context;
    const objectBytes = encoded.bytes.length;
    const put = await store.put(encoded);
    this.stored += 1;
    control.emit({ type: 'segment.stored', ...this.ref, key: put.key, firstOffset: cut.firstOffset, lastOffset: cut.lastOffset, records: cut.records, objectBytes, created: put.created });
    this.queue.push({ kind: 'segment', key: put.key, firstOffset: cut.firstOffset, lastOffset: cut.lastOffset });
  }
}

/** Reads [from, boundary) into stored segments; closes the queue when done (or stopped). */
export async function readSeed(context: CopyContext, ref: PartitionRef, from: number, boundary: number, queue: RestoreQueue): Promise<void> {
  const { control, reader, limits } = context;
  const writer = new SegmentWriter({ topic: ref.topic, partition: ref.partition, migrationId: context.migrationId, maxBytes: limits.segmentBytes });
  const uploads = new SegmentUploads(context, ref, queue);
  let position = from;
  try {
    while (control.running && position < boundary) {
      const outcome = await fetchOrGap(control, reader, ref, position, limits.fetchMaxBytes);
      if (outcome === undefined) break;
      if (outcome.kind === 'gap') {
        control.emit({ type: 'retention.gap', ...ref, from: position, to: outcome.logStart });
        position = Math.min(Math.max(position, outcome.logStart), boundary);
        continue;
      }
      const { records, nextOffset } = outcome.fetched;
      let reachedBoundary = false;
      for (const record of records) {
        const offset = Number(record.offset);
        if (offset < position) continue;
        if (offset >= boundary) {
          reachedBoundary = true;
          break;
        }
        for (const segment of writer.add(record)) await uploads.add(segment);
      }
      const next = reachedBoundary ? boundary : Math.min(Number(nextOffset), boundary);
      if (next <= position) await control.sleep(WAIT_FOR_RECORDS_MS);
      else position = next;
    }
    if (!control.running) return;
    const last = writer.flush();
    if (last !== undefined) await uploads.add(last);
    await uploads.drain();
    if (!control.running) return;
    queue.push({ kind: 'covered', until: boundary });
    control.emit({ type: 'seed.read', ...ref, segments: uploads.stored });
  } finally {
    await uploads.drain().catch(() => undefined);
    queue.close();
  }
}
