/**
 * Record batch v2 encoding, shaped as Kafka's Java producer writes it: CreateTime, baseTimestamp = the first record's
 * timestamp, maxTimestamp = the largest, offset deltas 0..n-1, record attributes 0, headers in the order given
 * (repeated keys kept, null values written as length -1), null and empty keys and values kept apart, then CRC32C.
 * A record read with LogAppendTime is written with CreateTime and the timestamp it was read with.
 */
import { crc32c } from '../../segments/crc32c.js';
import type { SegmentRecord, SourceCompression } from '../../segments/types.js';
import { ByteWriter } from './byte-writer.js';
import { BATCH_HEADER_BYTES, LOG_OVERHEAD } from './batch-decode.js';
import { compress, compressionId } from './compression.js';
import { writeVarint, writeVarlong } from './varint.js';

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

function writeNullable(out: ByteWriter, bytes: Uint8Array | null): void {
  if (bytes === null) {
    writeVarint(out, -1);
    return;
  }
  writeVarint(out, bytes.length);
  out.bytes(bytes);
}

/** The records section (before compression). */
function encodeRecords(records: readonly SegmentRecord[], baseTimestamp: bigint): Buffer {
  const out = new ByteWriter(1024);
  const body = new ByteWriter(256);
  records.forEach((record, index) => {
    const delta = record.timestamp - baseTimestamp;
    if (delta < INT64_MIN || delta > INT64_MAX) {
      throw new RangeError(
        `timestamps ${baseTimestamp} and ${record.timestamp} are too far apart for one batch (their difference is not an int64); append them in separate batches`,
      );
    }
    const recordStart = body.size;
    body.u8(0);
    writeVarlong(body, delta);
    writeVarint(body, index);
    writeNullable(body, record.key);
    writeNullable(body, record.value);
    writeVarint(body, record.headers.length);
    for (const header of record.headers) {
      const key = Buffer.from(header.key, 'utf8');
      writeVarint(body, key.length);
      body.bytes(key);
      writeNullable(body, header.value);
    }
    writeVarint(out, body.size - recordStart);
    out.bytes(body.view(recordStart));
  });
  return out.toBuffer();
}

/** One record batch holding `records` (at least one), offsets counted from 0 (the broker assigns the real ones). */
export function encodeBatch(records: readonly SegmentRecord[], identity: BatchIdentity): Buffer {
  const first = records[0];
  if (first === undefined) throw new RangeError('a record batch needs at least one record');
  let maxTimestamp = first.timestamp;
  for (const record of records) if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
  const plain = encodeRecords(records, first.timestamp);
  const codec = compressionId(identity.compression);
  const body = compress(identity.compression, plain);
  const out = new ByteWriter(BATCH_HEADER_BYTES + body.length);
  out
    .i64(0n)
    .i32(BATCH_HEADER_BYTES - LOG_OVERHEAD + body.length)
    .i32(-1)
    .i8(2)
    .u32(0)
    .i16(codec | (identity.transactional === true ? 0x10 : 0))
    .i32(records.length - 1)
    .i64(first.timestamp)
    .i64(maxTimestamp)
    .i64(identity.producerId)
    .i16(identity.producerEpoch)
    .i32(identity.baseSequence)
    .i32(records.length)
    .bytes(body);
  const batch = out.toBuffer();
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}
