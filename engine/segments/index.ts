export { crc32c } from './crc32c.js';
export { isSegmentDamageError, SegmentDamageError, type SegmentDamage, type SegmentRegion } from './damage.js';
export {
  decodeSegment,
  DEFAULT_GZIP_LEVEL,
  encodeSegment,
  readSegmentHeader,
  SEGMENT_FORMAT_VERSION,
  segmentBlocks,
  segmentRecords,
  verifySegment,
  type EncodeOptions,
  type PendingBlock,
  type PendingSegment,
  type VerifiedSegment,
} from './format.js';
export { DEFAULT_MULTIPART_THRESHOLD_BYTES, DEFAULT_PART_BYTES, S3SegmentStore, type S3SegmentStoreOptions, type SegmentPutResult, type StoredSegment } from './s3-store.js';
export { assertSegmentTopicName, parseSegmentFileName, segmentFileName, segmentFolder, segmentKey } from './segment-key.js';
export type * from './types.js';
export { DEFAULT_BLOCK_BYTES, DEFAULT_SEGMENT_MAX_BYTES, pendingRange, SegmentWriter, type SegmentWriterOptions } from './writer.js';
