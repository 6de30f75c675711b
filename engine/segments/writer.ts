/**
 * Accumulates one partition's records into segments. A segment is cut when the next record would take its
 * records past `maxBytes` (encoded size, before compression); a record larger than `maxBytes` on its own gets a
 * segment of its own. Inside a segment, records are grouped into blocks of about `blockBytes` that are compressed
 * and checksummed one by one. No clock, no randomness: the same records give the same segments.
 */
import { MigrationError } from '../errors.js';
import type { PendingBlock, PendingSegment } from './format.js';
import { BATCH_FOLLOWS, BATCH_NONE, BATCH_SAME, encodeRecord, sameBatch, type BatchMode } from './record-codec.js';
import type { SegmentRecord, SourceBatch } from './types.js';

export const DEFAULT_SEGMENT_MAX_BYTES = 32 * 1024 * 1024;
export const DEFAULT_BLOCK_BYTES = 1024 * 1024;

export interface SegmentWriterOptions {
  readonly topic: string;
  readonly partition: number;
  readonly migrationId: string;
  /** seed.segment_max_bytes. */
  readonly maxBytes?: number;
  /** Target plaintext size of one compressed block. */
  readonly blockBytes?: number;
}

interface OpenBlock {
  records: Buffer[];
  firstOffset: bigint;
  lastOffset: bigint;
  bytes: number;
  lastBatch: SourceBatch | undefined;
}

export class SegmentWriter {
  readonly topic: string;
  readonly partition: number;
  readonly migrationId: string;
  readonly maxBytes: number;
  readonly blockBytes: number;
  private blocks: OpenBlock[] = [];
  private bytes = 0;
  private count = 0;
  private lastOffset: bigint | undefined;

  constructor(options: SegmentWriterOptions) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.migrationId = options.migrationId;
    this.maxBytes = options.maxBytes ?? DEFAULT_SEGMENT_MAX_BYTES;
    this.blockBytes = Math.min(options.blockBytes ?? DEFAULT_BLOCK_BYTES, this.maxBytes);
    if (!Number.isInteger(this.maxBytes) || this.maxBytes < 1) throw misuse(`segment max bytes ${this.maxBytes}`);
    if (!Number.isInteger(this.blockBytes) || this.blockBytes < 1) throw misuse(`segment block bytes ${this.blockBytes}`);
  }

  /** Records held and not yet cut into a segment. */
  get pendingRecords(): number {
    return this.count;
  }

  /** Encoded bytes held and not yet cut into a segment. */
  get pendingBytes(): number {
    return this.bytes;
  }

  /** The offset of the last record added (cut or not). */
  get lastAddedOffset(): bigint | undefined {
    return this.lastOffset;
  }

  /**
   * Adds the partition's next record (offsets must rise; gaps are kept as they are). Returns the segments this
   * closed: none, the one the record did not fit in, and/or the record's own segment when it alone exceeds the max.
   */
  add(record: SegmentRecord): PendingSegment[] {
    if (this.lastOffset !== undefined && record.offset <= this.lastOffset) {
      throw misuse(`${this.topic}-${this.partition}: offset ${record.offset} added after ${this.lastOffset}; offsets must rise`);
    }
    const closed: PendingSegment[] = [];
    const open = this.blocks.at(-1);
    const continuing = open !== undefined && sameBatch(open.lastBatch, record.batch) ? BATCH_SAME : startMode(record);
    let encoded = encodeRecord(record, continuing);
    let startsBlock = open === undefined || open.bytes + encoded.length > this.blockBytes;
    if (startsBlock && continuing === BATCH_SAME) encoded = encodeRecord(record, startMode(record));
    if (this.count > 0 && this.bytes + encoded.length > this.maxBytes) {
      closed.push(this.cut());
      if (!startsBlock) encoded = encodeRecord(record, startMode(record));
      startsBlock = true;
    }
    if (startsBlock) {
      this.blocks.push({ records: [encoded], firstOffset: record.offset, lastOffset: record.offset, bytes: encoded.length, lastBatch: record.batch });
    } else {
      const block = open as OpenBlock;
      block.records.push(encoded);
      block.lastOffset = record.offset;
      block.bytes += encoded.length;
      block.lastBatch = record.batch;
    }
    this.bytes += encoded.length;
    this.count += 1;
    this.lastOffset = record.offset;
    if (this.bytes > this.maxBytes) closed.push(this.cut());
    return closed;
  }

  /** Cuts what is held into a segment; undefined when nothing is held. */
  flush(): PendingSegment | undefined {
    return this.count === 0 ? undefined : this.cut();
  }

  private cut(): PendingSegment {
    const blocks: PendingBlock[] = this.blocks.map((block) => ({
      records: block.records,
      firstOffset: block.firstOffset,
      lastOffset: block.lastOffset,
      bytes: block.bytes,
    }));
    const segment: PendingSegment = {
      topic: this.topic,
      partition: this.partition,
      migrationId: this.migrationId,
      blocks,
      recordCount: this.count,
      bytes: this.bytes,
    };
    this.blocks = [];
    this.bytes = 0;
    this.count = 0;
    return segment;
  }
}

function startMode(record: SegmentRecord): BatchMode {
  return record.batch === undefined ? BATCH_NONE : BATCH_FOLLOWS;
}

function misuse(message: string): MigrationError {
  return new MigrationError({ code: 'INTERNAL', message });
}

/** The first and last source offsets of a pending segment. */
export function pendingRange(segment: PendingSegment): { firstOffset: bigint; lastOffset: bigint } {
  return { firstOffset: segment.blocks[0]?.firstOffset ?? -1n, lastOffset: segment.blocks.at(-1)?.lastOffset ?? -1n };
}
