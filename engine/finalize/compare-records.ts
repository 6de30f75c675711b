/**
 * Byte-for-byte comparison of a source record with its copy on the target: key and value (null distinct from
 * empty), headers in order (repeated keys kept, null values distinct from empty), timestamp. Pure.
 */
import type { SegmentRecord } from '../segments/types.js';

export type RecordField = 'key' | 'value' | 'headers' | 'timestamp';

export interface RecordDifference {
  readonly field: RecordField;
  readonly detail: string;
  /**
   * True when only the timestamp differs and both sides stamp LogAppendTime: each broker writes its own append time,
   * so the difference is expected, not a copy error.
   */
  readonly expected: boolean;
}

function bytesEqual(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function describeBytes(bytes: Uint8Array | null): string {
  return bytes === null ? 'null' : `${bytes.byteLength} bytes`;
}

function headersDiffer(source: SegmentRecord['headers'], target: SegmentRecord['headers']): string | undefined {
  if (source.length !== target.length) return `source has ${source.length} headers, target ${target.length}`;
  for (let i = 0; i < source.length; i += 1) {
    const s = source[i] as SegmentRecord['headers'][number];
    const t = target[i] as SegmentRecord['headers'][number];
    if (s.key !== t.key) return `header ${i + 1}: key ${JSON.stringify(s.key)} on the source, ${JSON.stringify(t.key)} on the target`;
    if (!bytesEqual(s.value, t.value)) return `header ${i + 1} (${JSON.stringify(s.key)}): value ${describeBytes(s.value)} on the source differs from ${describeBytes(t.value)} on the target`;
  }
  return undefined;
}

/** Every field that differs (empty when the records are equal). */
export function compareRecords(source: SegmentRecord, target: SegmentRecord): RecordDifference[] {
  const differences: RecordDifference[] = [];
  if (!bytesEqual(source.key, target.key)) {
    differences.push({ field: 'key', detail: `key ${describeBytes(source.key)} on the source differs from ${describeBytes(target.key)} on the target`, expected: false });
  }
  if (!bytesEqual(source.value, target.value)) {
    differences.push({ field: 'value', detail: `value ${describeBytes(source.value)} on the source differs from ${describeBytes(target.value)} on the target`, expected: false });
  }
  const headers = headersDiffer(source.headers, target.headers);
  if (headers !== undefined) differences.push({ field: 'headers', detail: headers, expected: false });
  if (source.timestamp !== target.timestamp) {
    const appendTime = source.timestampType === 'LogAppendTime' && target.timestampType === 'LogAppendTime';
    differences.push({
      field: 'timestamp',
      detail: `timestamp ${source.timestamp} (${source.timestampType}) on the source, ${target.timestamp} (${target.timestampType}) on the target`,
      expected: appendTime,
    });
  }
  return differences;
}

/** True when nothing but expected differences (LogAppendTime stamps) separate the records. */
export function sameRecord(source: SegmentRecord, target: SegmentRecord): boolean {
  return compareRecords(source, target).every((difference) => difference.expected);
}
