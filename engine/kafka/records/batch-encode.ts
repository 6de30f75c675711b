/**
 * Record batch v2 encoding, shaped as Kafka's Java producer writes it: CreateTime, baseTimestamp = the first record's
 * timestamp, maxTimestamp = the largest, offset deltas 0..n-1, record attributes 0, headers in the order given
 * (repeated keys kept, null values written as length -1), null and empty keys and values kept apart, then CRC32C.
 * A record read with LogAppendTime is written with CreateTime and the timestamp it was read with.
 *
 * Sizes are computed first and every byte is written once into a buffer of the exact size (for an uncompressed batch,
 * the batch itself).
 */
import { crc32c } from '../../segments/crc32c.js';
import type { SegmentRecord, SourceCompression } from '../../segments/types.js';
import { ATTR_TRANSACTIONAL, BATCH_HEADER_BYTES, LOG_OVERHEAD } from './batch-decode.js';
import { compress, compressionId } from './compression.js';
import { putVarint, putVarlong, varintSize, varlongSize } from './varint.js';

export interface BatchIdentity {
  /** -1n for a producer that is not idempotent. */
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly compression: SourceCompression;
  /** Default false; a transactional batch needs a transactional producer id. */
  readonly transactional?: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const nullableSize = (bytes: Uint8Array | null): number => (bytes === null ? 1 : varintSize(bytes.length) + bytes.length);

function putNullable(buf: Buffer, pos: number, bytes: Uint8Array | null): number {
  if (bytes === null) return putVarint(buf, pos, -1);
  const at = putVarint(buf, pos, bytes.length);
  buf.set(bytes, at);
  return at + bytes.length;
}

interface Layout {
  readonly deltas: bigint[];
  readonly bodySizes: number[];
  readonly headerKeys: Map<string, Buffer>;
  readonly plainSize: number;
}

function layout(records: readonly SegmentRecord[], baseTimestamp: bigint): Layout {
  const deltas: bigint[] = [];
  const bodySizes: number[] = [];
  const headerKeys = new Map<string, Buffer>();
  let plainSize = 0;
  records.forEach((record, index) => {
    const delta = record.timestamp - baseTimestamp;
    if (delta < INT64_MIN || delta > INT64_MAX) {
      throw new RangeError(
        `timestamps ${baseTimestamp} and ${record.timestamp} are too far apart for one batch (their difference is not an int64); append them in separate batches`,
      );
    }
    let size = 1 + varlongSize(delta) + varintSize(index) + nullableSize(record.key) + nullableSize(record.value) + varintSize(record.headers.length);
    for (const header of record.headers) {
      let key = headerKeys.get(header.key);
      if (key === undefined) {
        key = Buffer.from(header.key, 'utf8');
        headerKeys.set(header.key, key);
      }
      size += varintSize(key.length) + key.length + nullableSize(header.value);
    }
    deltas.push(delta);
    bodySizes.push(size);
    plainSize += varintSize(size) + size;
  });
  return { deltas, bodySizes, headerKeys, plainSize };
}

function putRecords(buf: Buffer, start: number, records: readonly SegmentRecord[], plan: Layout): void {
  let pos = start;
  records.forEach((record, index) => {
    pos = putVarint(buf, pos, plan.bodySizes[index] as number);
    buf[pos++] = 0;
    pos = putVarlong(buf, pos, plan.deltas[index] as bigint);
    pos = putVarint(buf, pos, index);
    pos = putNullable(buf, pos, record.key);
    pos = putNullable(buf, pos, record.value);
    pos = putVarint(buf, pos, record.headers.length);
    for (const header of record.headers) {
      pos = putNullable(buf, pos, plan.headerKeys.get(header.key) as Buffer);
      pos = putNullable(buf, pos, header.value);
    }
  });
  if (pos !== start + plan.plainSize) throw new Error(`record batch layout: wrote ${pos - start} bytes, planned ${plan.plainSize}`);
}

/** One record batch holding `records` (at least one), offsets counted from 0 (the broker assigns the real ones). */
export function encodeBatch(records: readonly SegmentRecord[], identity: BatchIdentity): Buffer {
  const first = records[0];
  if (first === undefined) throw new RangeError('a record batch needs at least one record');
  let maxTimestamp = first.timestamp;
  for (const record of records) if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
  const codec = compressionId(identity.compression);
  const plan = layout(records, first.timestamp);
  let batch: Buffer;
  if (identity.compression === 'none') {
    batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + plan.plainSize);
    putRecords(batch, BATCH_HEADER_BYTES, records, plan);
  } else {
    const plain = Buffer.allocUnsafe(plan.plainSize);
    putRecords(plain, 0, records, plan);
    const body = compress(identity.compression, plain);
    batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + body.length);
    batch.set(body, BATCH_HEADER_BYTES);
  }
  batch.writeBigInt64BE(0n, 0);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, 8);
  batch.writeInt32BE(-1, 12); // partition leader epoch: set by the broker
  batch.writeInt8(2, 16);
  batch.writeInt16BE(codec | (identity.transactional === true ? ATTR_TRANSACTIONAL : 0), 21);
  batch.writeInt32BE(records.length - 1, 23);
  batch.writeBigInt64BE(first.timestamp, 27);
  batch.writeBigInt64BE(maxTimestamp, 35);
  batch.writeBigInt64BE(identity.producerId, 43);
  batch.writeInt16BE(identity.producerEpoch, 51);
  batch.writeInt32BE(identity.baseSequence, 53);
  batch.writeInt32BE(records.length, 57);
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}
