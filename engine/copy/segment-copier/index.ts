export { createSegmentCopier, type SegmentCopier } from './copier.js';
export type { RetentionGap, SegmentCopyRun } from './copy-run.js';
export type { SegmentCopyEvent, SegmentCopyEventType } from './events.js';
export { copierLimits, DEFAULT_APPEND_MAX_BYTES, DEFAULT_FETCH_MAX_BYTES, DEFAULT_MEMORY_BUDGET_BYTES, type CopierLimits, type SegmentCopierOptions, type SegmentStorePort } from './options.js';
export { appendBatches, wireRecordBytes } from './record-bytes.js';
