/** Records and segments for the segment tests. */
import { encodeSegment, SegmentWriter, type EncodedSegment, type PendingSegment, type SegmentRecord } from '../../../engine/segments/index.js';

export const TOPIC = 'orders.v1';
export const MIGRATION = 'mig-unit-0001';
export const CREATED_AT = 1_764_000_000_000n;

export function bytes(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** A record with every field set to something distinguishable. */
export function sampleRecord(offset: bigint, overrides: Partial<SegmentRecord> = {}): SegmentRecord {
  return {
    offset,
    timestamp: 1_700_000_000_000n + offset,
    timestampType: 'CreateTime',
    key: bytes(`key-${offset}`),
    value: bytes(`value-${offset}`),
    headers: [{ key: 'trace', value: bytes(`t${offset}`) }],
    ...overrides,
  };
}

/** All records of a writer run, cut into pending segments (the flush included). */
export function cut(records: readonly SegmentRecord[], options: { maxBytes?: number; blockBytes?: number; topic?: string; partition?: number } = {}): PendingSegment[] {
  const writer = new SegmentWriter({ topic: options.topic ?? TOPIC, partition: options.partition ?? 0, migrationId: MIGRATION, ...options });
  const segments = records.flatMap((record) => writer.add(record));
  const last = writer.flush();
  if (last !== undefined) segments.push(last);
  return segments;
}

/** One segment holding exactly these records (fails if the writer cut them). */
export async function oneSegment(records: readonly SegmentRecord[], options: { blockBytes?: number; codec?: 'none' | 'gzip'; createdAtMs?: bigint } = {}): Promise<EncodedSegment> {
  const pending = cut(records, { maxBytes: 256 * 1024 * 1024, ...(options.blockBytes === undefined ? {} : { blockBytes: options.blockBytes }) });
  if (pending.length !== 1) throw new Error(`expected one segment, the writer cut ${pending.length}`);
  return encodeSegment(pending[0] as PendingSegment, { createdAtMs: options.createdAtMs ?? CREATED_AT, ...(options.codec === undefined ? {} : { codec: options.codec }) });
}

/** Plain-object view of a record for toEqual (Buffers become byte arrays; null stays null). */
export function view(record: SegmentRecord): unknown {
  const b = (value: Uint8Array | null): number[] | null => (value === null ? null : [...value]);
  return { ...record, key: b(record.key), value: b(record.value), headers: record.headers.map((h) => ({ key: h.key, value: b(h.value) })) };
}
