/**
 * Record batch v2 (magic 2) decoding, Kafka's on-disk and on-wire format:
 *
 *   baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 | magic i8 | crc u32 (CRC32C of attributes..end)
 *   | attributes i16 | lastOffsetDelta i32 | baseTimestamp i64 | maxTimestamp i64 | producerId i64
 *   | producerEpoch i16 | baseSequence i32 | recordCount i32 | records (compressed as a whole when a codec is set)
 *
 *   record: length varint | attributes i8 | timestampDelta varlong | offsetDelta varint | keyLength varint (-1 null)
 *   | key | valueLength varint (-1 null) | value | headerCount varint | { keyLength varint | key | valueLength varint | value }*
 *
 * attributes: bits 0-2 codec, bit 3 LogAppendTime, bit 4 transactional, bit 5 control, bit 6 delete horizon set.
 * Keys, values and header values are views into the (decompressed) batch bytes, not copies.
 */
import { crc32c } from '../../segments/crc32c.js';
import type { RecordHeader, SegmentRecord, SourceBatch, SourceCompression, TimestampType } from '../../segments/types.js';
import { COMPRESSION_BY_ID, decompress } from './compression.js';
import { readVarint, readVarlong, type Cursor } from './varint.js';

export const BATCH_HEADER_BYTES = 61;
/** baseOffset + batchLength: the bytes before `batchLength` counts. */
export const LOG_OVERHEAD = 12;
const MAGIC_POSITION = 16;
const CRC_POSITION = 17;
const ATTRIBUTES_POSITION = 21;

export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_LOG_APPEND_TIME = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;

/** A batch header, the batch's position in the records bytes, and its (still compressed) records section. */
export interface RawBatch {
  readonly baseOffset: bigint;
  readonly lastOffsetDelta: number;
  readonly partitionLeaderEpoch: number;
  readonly attributes: number;
  readonly compression: SourceCompression;
  readonly timestampType: TimestampType;
  readonly transactional: boolean;
  readonly control: boolean;
  readonly baseTimestamp: bigint;
  readonly maxTimestamp: bigint;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
  /** Byte position of the batch in the records bytes it was split from. */
  readonly position: number;
  /** Bytes of the whole batch (LOG_OVERHEAD + batchLength). */
  readonly sizeInBytes: number;
  readonly body: Buffer;
}

/** Why a batch failed; the caller adds the partition (RecordBatchDamageError). */
export class BatchFormatError extends Error {
  constructor(
    message: string,
    readonly bytePosition: number,
    readonly baseOffset: bigint | undefined,
    /** Old message formats (magic 0/1) are refused as unsupported, not as damage. */
    readonly unsupportedMagic?: number,
  ) {
    super(message);
    this.name = 'BatchFormatError';
  }
}

export const lastOffsetOf = (batch: Pick<RawBatch, 'baseOffset' | 'lastOffsetDelta'>): bigint => batch.baseOffset + BigInt(batch.lastOffsetDelta);

export interface SplitBatches {
  readonly batches: RawBatch[];
  /** Bytes at the end that do not hold a whole batch (the broker cuts the answer at max bytes). */
  readonly partialTailBytes: number;
}

/**
 * Splits a partition's records bytes into whole batches, checking each one's magic and CRC32C. A partial batch at
 * the end is left out (and counted); anything else that does not check out throws BatchFormatError.
 */
export function splitBatches(records: Buffer): SplitBatches {
  const batches: RawBatch[] = [];
  let pos = 0;
  while (records.length - pos >= LOG_OVERHEAD) {
    const baseOffset = records.readBigInt64BE(pos);
    const batchLength = records.readInt32BE(pos + 8);
    const size = LOG_OVERHEAD + batchLength;
    if (records.length - pos < size || records.length - pos < MAGIC_POSITION + 1) break;
    const magic = records.readInt8(pos + MAGIC_POSITION);
    if (magic !== 2) {
      if (magic === 0 || magic === 1) {
        throw new BatchFormatError(`message format v${magic} (magic ${magic}), which this copier does not read`, pos, baseOffset, magic);
      }
      throw new BatchFormatError(`unknown magic byte ${magic}`, pos, baseOffset);
    }
    if (batchLength < BATCH_HEADER_BYTES - LOG_OVERHEAD) {
      throw new BatchFormatError(`batch length ${batchLength} is shorter than a batch header`, pos, baseOffset);
    }
    const stored = records.readUInt32BE(pos + CRC_POSITION);
    const computed = crc32c(records.subarray(pos + ATTRIBUTES_POSITION, pos + size));
    if (stored !== computed) {
      throw new BatchFormatError(
        `CRC32C mismatch: the batch says 0x${stored.toString(16).padStart(8, '0')}, its bytes give 0x${computed.toString(16).padStart(8, '0')}`,
        pos,
        baseOffset,
      );
    }
    const attributes = records.readInt16BE(pos + ATTRIBUTES_POSITION);
    const compression = COMPRESSION_BY_ID[attributes & ATTR_COMPRESSION_MASK];
    if (compression === undefined) {
      throw new BatchFormatError(`unknown compression codec id ${attributes & ATTR_COMPRESSION_MASK}`, pos, baseOffset);
    }
    batches.push({
      baseOffset,
      partitionLeaderEpoch: records.readInt32BE(pos + 12),
      attributes,
      compression,
      timestampType: (attributes & ATTR_LOG_APPEND_TIME) !== 0 ? 'LogAppendTime' : 'CreateTime',
      transactional: (attributes & ATTR_TRANSACTIONAL) !== 0,
      control: (attributes & ATTR_CONTROL) !== 0,
      lastOffsetDelta: records.readInt32BE(pos + 23),
      baseTimestamp: records.readBigInt64BE(pos + 27),
      maxTimestamp: records.readBigInt64BE(pos + 35),
      producerId: records.readBigInt64BE(pos + 43),
      producerEpoch: records.readInt16BE(pos + 51),
      baseSequence: records.readInt32BE(pos + 53),
      recordCount: records.readInt32BE(pos + 57),
      position: pos,
      sizeInBytes: size,
      body: records.subarray(pos + BATCH_HEADER_BYTES, pos + size),
    });
    pos += size;
  }
  return { batches, partialTailBytes: records.length - pos };
}

export function sourceBatchOf(batch: RawBatch): SourceBatch {
  return {
    baseOffset: batch.baseOffset,
    lastOffsetDelta: batch.lastOffsetDelta,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    transactional: batch.transactional,
    compression: batch.compression,
  };
}

function readBytes(cursor: Cursor, what: string, at: number): Buffer | null {
  const length = readVarint(cursor);
  if (length < 0) {
    if (length !== -1) throw new Error(`${what} length ${length} at byte ${at}`);
    return null;
  }
  const start = cursor.pos;
  if (start + length > cursor.end) throw new Error(`${what} of ${length} bytes at byte ${start} runs past its record`);
  cursor.pos = start + length;
  return cursor.buf.subarray(start, start + length);
}

/** The records section, decompressed. */
export function batchPlainRecords(batch: RawBatch): Buffer {
  try {
    return decompress(batch.compression, batch.body);
  } catch (error) {
    throw new BatchFormatError(`${batch.compression} records do not decompress (${(error as Error).message})`, batch.position, batch.baseOffset);
  }
}

/**
 * Every record of a (non-control) batch, with offsets and timestamps resolved; records below `fromOffset` are
 * skipped (a fetch may start inside a batch). LogAppendTime batches give every record the batch's maxTimestamp, as
 * Kafka's clients do.
 */
export function decodeBatchRecords(batch: RawBatch, fromOffset: bigint = -1n): SegmentRecord[] {
  // The log cleaner keeps emptied batches (producer state) with no records section at all.
  if (batch.recordCount === 0 && batch.body.length === 0) return [];
  const plain = batchPlainRecords(batch);
  const source = sourceBatchOf(batch);
  const logAppendTime = batch.timestampType === 'LogAppendTime';
  const records: SegmentRecord[] = [];
  const cursor: Cursor = { buf: plain, pos: 0, end: plain.length };
  /** The current record's bytes (one cursor reused for every record). */
  const record: Cursor = { buf: plain, pos: 0, end: 0 };
  let index = 0;
  try {
    for (; index < batch.recordCount; index += 1) {
      const length = readVarint(cursor);
      const start = cursor.pos;
      const end = start + length;
      if (length < 0 || end > plain.length) throw new Error(`record length ${length} at byte ${start} runs past the records (${plain.length} bytes)`);
      record.pos = start + 1;
      record.end = end;
      const timestampDelta = readVarlong(record);
      const offsetDelta = readVarint(record);
      const key = readBytes(record, 'key', record.pos);
      const value = readBytes(record, 'value', record.pos);
      const headerCount = readVarint(record);
      if (headerCount < 0) throw new Error(`header count ${headerCount}`);
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h += 1) {
        const headerKey = readBytes(record, 'header key', record.pos);
        if (headerKey === null) throw new Error('null header key');
        headers.push({ key: headerKey.toString('utf8'), value: readBytes(record, 'header value', record.pos) });
      }
      if (record.pos !== end) throw new Error(`record at byte ${start} has ${end - record.pos} bytes after its headers`);
      cursor.pos = end;
      const offset = batch.baseOffset + BigInt(offsetDelta);
      if (offset < fromOffset) continue;
      records.push({
        offset,
        timestamp: logAppendTime ? batch.maxTimestamp : batch.baseTimestamp + timestampDelta,
        timestampType: batch.timestampType,
        key,
        value,
        headers,
        batch: source,
      });
    }
  } catch (error) {
    throw new BatchFormatError(`record ${index} of ${batch.recordCount}: ${(error as Error).message}`, batch.position, batch.baseOffset);
  }
  if (cursor.pos !== plain.length) {
    throw new BatchFormatError(`${plain.length - cursor.pos} bytes after the batch's ${batch.recordCount} records`, batch.position, batch.baseOffset);
  }
  return records;
}

export type ControlType = 'abort' | 'commit' | 'other';

/** The marker a control batch holds (its one record's key: version i16, type i16; 0 = abort, 1 = commit). */
export function controlTypeOf(batch: RawBatch): ControlType {
  const plain = batchPlainRecords(batch);
  const cursor: Cursor = { buf: plain, pos: 0, end: plain.length };
  try {
    readVarint(cursor);
    cursor.pos += 1;
    readVarlong(cursor);
    readVarint(cursor);
    const key = readBytes(cursor, 'control key', cursor.pos);
    if (key === null || key.length < 4) return 'other';
    const type = key.readInt16BE(2);
    return type === 0 ? 'abort' : type === 1 ? 'commit' : 'other';
  } catch (error) {
    throw new BatchFormatError(`control record: ${(error as Error).message}`, batch.position, batch.baseOffset);
  }
}
