/**
 * One record in a block's plaintext (big-endian; layout in docs/segment-format.md, "Record"):
 *   length u32 (bytes after this field) | flags u8 | offset i64 | timestamp i64 | [source batch 28 bytes]
 *   | key_length i32 (-1 = null) | key | value_length i32 (-1 = null) | value
 *   | header_count u32 | { header_key_length u32 | key (UTF-8) | header_value_length i32 (-1 = null) | value }*
 */
import type { RecordHeader, SegmentRecord, SourceBatch, SourceCompression } from './types.js';

/** flags bit 0: LogAppendTime. */
export const FLAG_LOG_APPEND_TIME = 0x01;
/** flags bits 1-2: 0 = no source batch, 1 = same batch as the previous record of this block, 2 = batch follows. */
export const BATCH_NONE = 0;
export const BATCH_SAME = 1;
export const BATCH_FOLLOWS = 2;
const BATCH_SHIFT = 1;
const KNOWN_FLAGS = 0x07;
const BATCH_BYTES = 8 + 4 + 8 + 2 + 4 + 1 + 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const COMPRESSIONS: readonly SourceCompression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export type BatchMode = typeof BATCH_NONE | typeof BATCH_SAME | typeof BATCH_FOLLOWS;

export function sameBatch(a: SourceBatch | undefined, b: SourceBatch | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return (
    a.baseOffset === b.baseOffset &&
    a.lastOffsetDelta === b.lastOffsetDelta &&
    a.producerId === b.producerId &&
    a.producerEpoch === b.producerEpoch &&
    a.baseSequence === b.baseSequence &&
    a.transactional === b.transactional &&
    a.compression === b.compression
  );
}

function checkInt64(value: bigint, what: string): void {
  if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) throw new RangeError(`${what} ${String(value)} is not an int64`);
}

function checkInt(value: number, bits: 16 | 32, what: string): void {
  const limit = 2 ** (bits - 1);
  if (!Number.isInteger(value) || value < -limit || value >= limit) throw new RangeError(`${what} ${value} is not an int${bits}`);
}

/** Encodes one record; `mode` says whether its source batch is written, shared with the previous record, or absent. */
export function encodeRecord(record: SegmentRecord, mode: BatchMode): Buffer {
  checkInt64(record.offset, 'offset');
  if (record.offset < 0n) throw new RangeError(`offset ${record.offset} is negative`);
  checkInt64(record.timestamp, 'timestamp');
  const headerKeys = record.headers.map((header) => Buffer.from(header.key, 'utf8'));
  let size = 4 + 1 + 8 + 8 + (mode === BATCH_FOLLOWS ? BATCH_BYTES : 0) + 4 + (record.key?.length ?? 0) + 4 + (record.value?.length ?? 0) + 4;
  record.headers.forEach((header, i) => {
    size += 4 + (headerKeys[i] as Buffer).length + 4 + (header.value?.length ?? 0);
  });
  if (size - 4 > 0x7fffffff) throw new RangeError(`record at offset ${record.offset} encodes to ${size} bytes, over 2 GiB`);
  const out = Buffer.allocUnsafe(size);
  let pos = out.writeUInt32BE(size - 4, 0);
  const flags = (record.timestampType === 'LogAppendTime' ? FLAG_LOG_APPEND_TIME : 0) | (mode << BATCH_SHIFT);
  pos = out.writeUInt8(flags, pos);
  pos = out.writeBigInt64BE(record.offset, pos);
  pos = out.writeBigInt64BE(record.timestamp, pos);
  if (mode === BATCH_FOLLOWS) {
    const batch = record.batch;
    if (batch === undefined) throw new RangeError(`record at offset ${record.offset} has no source batch to write`);
    checkInt64(batch.baseOffset, 'batch base offset');
    checkInt64(batch.producerId, 'producer id');
    checkInt(batch.lastOffsetDelta, 32, 'last offset delta');
    checkInt(batch.producerEpoch, 16, 'producer epoch');
    checkInt(batch.baseSequence, 32, 'base sequence');
    const codec = COMPRESSIONS.indexOf(batch.compression);
    if (codec < 0) throw new RangeError(`unknown source compression ${String(batch.compression)}`);
    pos = out.writeBigInt64BE(batch.baseOffset, pos);
    pos = out.writeInt32BE(batch.lastOffsetDelta, pos);
    pos = out.writeBigInt64BE(batch.producerId, pos);
    pos = out.writeInt16BE(batch.producerEpoch, pos);
    pos = out.writeInt32BE(batch.baseSequence, pos);
    pos = out.writeUInt8(batch.transactional ? 1 : 0, pos);
    pos = out.writeUInt8(codec, pos);
  }
  pos = writeBytes(out, pos, record.key);
  pos = writeBytes(out, pos, record.value);
  pos = out.writeUInt32BE(record.headers.length, pos);
  record.headers.forEach((header, i) => {
    const key = headerKeys[i] as Buffer;
    pos = out.writeUInt32BE(key.length, pos);
    pos += key.copy(out, pos);
    pos = writeBytes(out, pos, header.value);
  });
  return out;
}

function writeBytes(out: Buffer, pos: number, bytes: Uint8Array | null): number {
  if (bytes === null) return out.writeInt32BE(-1, pos);
  const next = out.writeInt32BE(bytes.length, pos);
  out.set(bytes, next);
  return next + bytes.length;
}

/** A malformed record inside a block whose checksum matched: the writer was wrong, or the format is not ours. */
export class RecordLayoutError extends Error {
  constructor(
    message: string,
    readonly byteInBlock: number,
  ) {
    super(message);
    this.name = 'RecordLayoutError';
  }
}

/** Decodes every record of a block's plaintext. Copies bytes out, so the plaintext may be dropped afterwards. */
export function decodeRecords(plain: Buffer, expectedCount: number): SegmentRecord[] {
  const records: SegmentRecord[] = [];
  let pos = 0;
  let previousBatch: SourceBatch | undefined;
  const need = (at: number, bytes: number, what: string, end: number): void => {
    if (at + bytes > end) throw new RecordLayoutError(`${what} runs past the end of its record`, at);
  };
  while (pos < plain.length) {
    const start = pos;
    need(pos, 4, 'record length', plain.length);
    const length = plain.readUInt32BE(pos);
    pos += 4;
    const end = pos + length;
    if (end > plain.length) throw new RecordLayoutError(`record of ${length} bytes runs past the end of the block`, start);
    need(pos, 17, 'record fixed fields', end);
    const flags = plain.readUInt8(pos);
    pos += 1;
    if ((flags & ~KNOWN_FLAGS) !== 0) throw new RecordLayoutError(`unknown record flags 0x${flags.toString(16)}`, start);
    const offset = plain.readBigInt64BE(pos);
    const timestamp = plain.readBigInt64BE(pos + 8);
    pos += 16;
    const mode = (flags >> BATCH_SHIFT) & 0x03;
    let batch: SourceBatch | undefined;
    if (mode === BATCH_FOLLOWS) {
      need(pos, BATCH_BYTES, 'source batch', end);
      const compression = COMPRESSIONS[plain.readUInt8(pos + 27)];
      if (compression === undefined) throw new RecordLayoutError(`unknown source compression id ${plain.readUInt8(pos + 27)}`, start);
      const transactionalByte = plain.readUInt8(pos + 26);
      if (transactionalByte > 1) throw new RecordLayoutError(`unknown source batch flags 0x${transactionalByte.toString(16)}`, start);
      batch = {
        baseOffset: plain.readBigInt64BE(pos),
        lastOffsetDelta: plain.readInt32BE(pos + 8),
        producerId: plain.readBigInt64BE(pos + 12),
        producerEpoch: plain.readInt16BE(pos + 20),
        baseSequence: plain.readInt32BE(pos + 22),
        transactional: transactionalByte === 1,
        compression,
      };
      pos += BATCH_BYTES;
    } else if (mode === BATCH_SAME) {
      if (previousBatch === undefined) throw new RecordLayoutError('record says "same source batch" but no record before it in the block has one', start);
      batch = previousBatch;
    } else if (mode !== BATCH_NONE) {
      throw new RecordLayoutError(`unknown source batch mode ${mode}`, start);
    }
    const key = readBytes(plain, pos, end, 'key');
    pos = key.next;
    const value = readBytes(plain, pos, end, 'value');
    pos = value.next;
    need(pos, 4, 'header count', end);
    const headerCount = plain.readUInt32BE(pos);
    pos += 4;
    const headers: RecordHeader[] = [];
    for (let i = 0; i < headerCount; i += 1) {
      need(pos, 4, 'header key length', end);
      const keyLength = plain.readUInt32BE(pos);
      pos += 4;
      need(pos, keyLength, 'header key', end);
      const headerKey = plain.toString('utf8', pos, pos + keyLength);
      pos += keyLength;
      const headerValue = readBytes(plain, pos, end, 'header value');
      pos = headerValue.next;
      headers.push({ key: headerKey, value: headerValue.bytes });
    }
    if (pos !== end) throw new RecordLayoutError(`record states ${length} bytes but its fields take ${pos - start - 4}`, start);
    records.push({
      offset,
      timestamp,
      timestampType: (flags & FLAG_LOG_APPEND_TIME) !== 0 ? 'LogAppendTime' : 'CreateTime',
      key: key.bytes,
      value: value.bytes,
      headers,
      ...(batch === undefined ? {} : { batch }),
    });
    previousBatch = batch;
  }
  if (records.length !== expectedCount) throw new RecordLayoutError(`block holds ${records.length} records, its header says ${expectedCount}`, 0);
  return records;
}

function readBytes(plain: Buffer, pos: number, end: number, what: string): { bytes: Uint8Array | null; next: number } {
  if (pos + 4 > end) throw new RecordLayoutError(`${what} length runs past the end of its record`, pos);
  const length = plain.readInt32BE(pos);
  if (length === -1) return { bytes: null, next: pos + 4 };
  if (length < -1 || pos + 4 + length > end) throw new RecordLayoutError(`${what} length ${length} does not fit its record`, pos);
  return { bytes: plain.subarray(pos + 4, pos + 4 + length), next: pos + 4 + length };
}
