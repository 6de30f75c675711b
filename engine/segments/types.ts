/**
 * What a segment keeps of each source record. Offsets and timestamps are `bigint` because Kafka's are int64: a
 * JavaScript number is exact only up to 2^53 - 1, and the copy promises every record byte for byte.
 */
export type TimestampType = 'CreateTime' | 'LogAppendTime';

/** Kafka's compression codec ids (record batch attributes bits 0-2). */
export type SourceCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** A record header. Keys may repeat and their order is kept; a null value is distinct from an empty one. */
export interface RecordHeader {
  /** Kafka header keys are strings, stored as UTF-8. */
  readonly key: string;
  readonly value: Uint8Array | null;
}

/**
 * The source record batch a record came from (see docs/segment-format.md, "Source batch"): kept so the restore can
 * rebuild batch boundaries and compression, and so the evidence can say which producer wrote what.
 */
export interface SourceBatch {
  /** Offset of the first record of the source batch (may be before the first record copied, after compaction). */
  readonly baseOffset: bigint;
  /** Offset of the batch's last record minus baseOffset, as the batch header states it (covers compacted tails). */
  readonly lastOffsetDelta: number;
  /** -1 when the producer was not idempotent. */
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly transactional: boolean;
  readonly compression: SourceCompression;
}

/**
 * One source record. Read back from a segment, `key`, `value` and header values are views into the block's plaintext
 * (no copy per field): treat them as read-only.
 */
export interface SegmentRecord {
  /** The record's offset on the source partition. */
  readonly offset: bigint;
  /** Milliseconds since the epoch, as the source stored it (any int64, negative included). */
  readonly timestamp: bigint;
  readonly timestampType: TimestampType;
  /** null (no key) is distinct from an empty key. */
  readonly key: Uint8Array | null;
  /** null is a tombstone, distinct from an empty value. */
  readonly value: Uint8Array | null;
  readonly headers: readonly RecordHeader[];
  readonly batch?: SourceBatch | undefined;
}

/** Compression of a segment's blocks. */
export type SegmentCodec = 'none' | 'gzip';

/** The header of a segment, as written and as read back. */
export interface SegmentHeader {
  readonly formatVersion: number;
  readonly topic: string;
  readonly partition: number;
  readonly migrationId: string;
  /** -1n for a segment with no records. */
  readonly firstOffset: bigint;
  /** -1n for a segment with no records. */
  readonly lastOffset: bigint;
  readonly recordCount: number;
  readonly blockCount: number;
  readonly codec: SegmentCodec;
  /** Bytes of the records as encoded, before compression (what seed.segment_max_bytes bounds). */
  readonly uncompressedBodyLength: number;
  /** Bytes of the block area in the object (block headers and compressed bytes). */
  readonly compressedBodyLength: number;
  readonly createdAtMs: bigint;
}

/** A segment ready to store: its bytes and what identifies it. */
export interface EncodedSegment {
  readonly header: SegmentHeader;
  readonly bytes: Buffer;
  /** SHA-256 (hex) of the uncompressed records: equal for the same records whatever the codec or created-at. */
  readonly contentSha256: string;
  /** SHA-256 (hex) of every byte of the object before the final 32 (which hold this digest). */
  readonly objectSha256: string;
}

export interface DecodedSegment extends EncodedSegment {
  readonly records: SegmentRecord[];
}
