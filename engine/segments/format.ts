/**
 * The segment object format, version 1 (docs/segment-format.md is the full specification; keep them in step).
 *
 *   header   magic "KBSEG\r\n\x1a" | version u16 | header_length u32 | flags u16 | codec u8 | reserved u8
 *            | partition i32 | first_offset i64 | last_offset i64 | record_count u32 | block_count u32
 *            | uncompressed_body_length u64 | compressed_body_length u64 | created_at_ms i64
 *            | topic_length u16 | topic | migration_id_length u16 | migration_id | header_crc32c u32
 *   blocks   { uncompressed_length u32 | compressed_length u32 | first_offset i64 | record_count u32 | crc32c u32
 *            | compressed bytes }*           (each block is compressed on its own; records never span blocks)
 *   trailer  "KBSEGEND" | content_sha256 [32] | object_sha256 [32]
 *
 * All integers big-endian. Every byte is covered: the header by its CRC32C, each block by its own CRC32C (so damage
 * is located to a block), the trailer by the object SHA-256, which covers everything before it.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants as zlibConstants, gunzip, gzip } from 'node:zlib';
import { MigrationError } from '../errors.js';
import { crc32c } from './crc32c.js';
import { SegmentDamageError, type SegmentRegion } from './damage.js';
import { decodeRecords, RecordLayoutError } from './record-codec.js';
import type { DecodedSegment, EncodedSegment, SegmentCodec, SegmentHeader, SegmentRecord } from './types.js';

export const SEGMENT_MAGIC = Buffer.from([0x4b, 0x42, 0x53, 0x45, 0x47, 0x0d, 0x0a, 0x1a]);
export const TRAILER_MAGIC = Buffer.from('KBSEGEND', 'ascii');
export const SEGMENT_FORMAT_VERSION = 1;
export const HEADER_FIXED_BYTES = 70;
export const BLOCK_HEADER_BYTES = 24;
export const TRAILER_BYTES = 8 + 32 + 32;
/** gzip level 1: about 3x faster than the default level 6 for a few percent more bytes; the seed is I/O bound. */
export const DEFAULT_GZIP_LEVEL = 1;

const CODEC_IDS: Record<SegmentCodec, number> = { none: 0, gzip: 1 };
const CODECS: readonly SegmentCodec[] = ['none', 'gzip'];
const MAX_NAME_BYTES = 0xffff;
/** Node's Buffer limit is higher, but a segment is bounded by seed.segment_max_bytes (32 MiB default). */
const MAX_OBJECT_BYTES = 2 ** 31 - 1;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The records of one block, already encoded (see record-codec.ts). */
export interface PendingBlock {
  readonly records: readonly Buffer[];
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  readonly bytes: number;
}

/** A segment's records, cut by the writer and not yet compressed. */
export interface PendingSegment {
  readonly topic: string;
  readonly partition: number;
  readonly migrationId: string;
  readonly blocks: readonly PendingBlock[];
  readonly recordCount: number;
  /** Sum of the encoded record sizes (the uncompressed body length). */
  readonly bytes: number;
}

export interface EncodeOptions {
  /** Milliseconds since the epoch; passed in so the same input gives the same bytes. */
  readonly createdAtMs: number | bigint;
  readonly codec?: SegmentCodec;
  readonly gzipLevel?: number;
}

function sha256Hex(parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function internal(message: string): MigrationError {
  return new MigrationError({ code: 'INTERNAL', message });
}

/** Compresses the blocks and lays out header, blocks and trailer. */
export async function encodeSegment(pending: PendingSegment, options: EncodeOptions): Promise<EncodedSegment> {
  const codec = options.codec ?? 'gzip';
  const topic = Buffer.from(pending.topic, 'utf8');
  const migrationId = Buffer.from(pending.migrationId, 'utf8');
  if (topic.length === 0 || topic.length > MAX_NAME_BYTES) throw internal(`segment topic name of ${topic.length} bytes`);
  if (migrationId.length === 0 || migrationId.length > MAX_NAME_BYTES) throw internal(`segment migration id of ${migrationId.length} bytes`);
  if (!Number.isInteger(pending.partition) || pending.partition < 0 || pending.partition > 0x7fffffff) throw internal(`segment partition ${pending.partition}`);

  const content = createHash('sha256');
  const blockParts: Buffer[] = [];
  let uncompressed = 0;
  let compressedBody = 0;
  let recordCount = 0;
  for (const block of pending.blocks) {
    if (block.records.length === 0) continue;
    const plain = Buffer.concat(block.records as Buffer[]);
    content.update(plain);
    const body = codec === 'gzip' ? await gzipAsync(plain, { level: options.gzipLevel ?? DEFAULT_GZIP_LEVEL, strategy: zlibConstants.Z_DEFAULT_STRATEGY }) : plain;
    const head = Buffer.alloc(BLOCK_HEADER_BYTES);
    head.writeUInt32BE(plain.length, 0);
    head.writeUInt32BE(body.length, 4);
    head.writeBigInt64BE(block.firstOffset, 8);
    head.writeUInt32BE(block.records.length, 16);
    head.writeUInt32BE(crc32c(body, crc32c(head.subarray(0, 20))), 20);
    blockParts.push(head, body);
    uncompressed += plain.length;
    compressedBody += head.length + body.length;
    recordCount += block.records.length;
  }
  const blocks = pending.blocks.filter((block) => block.records.length > 0);
  const firstOffset = blocks[0]?.firstOffset ?? -1n;
  const lastOffset = blocks.at(-1)?.lastOffset ?? -1n;

  const headerLength = HEADER_FIXED_BYTES + 2 + topic.length + 2 + migrationId.length + 4;
  const header = Buffer.alloc(headerLength);
  SEGMENT_MAGIC.copy(header, 0);
  header.writeUInt16BE(SEGMENT_FORMAT_VERSION, 8);
  header.writeUInt32BE(headerLength, 10);
  header.writeUInt16BE(0, 14);
  header.writeUInt8(CODEC_IDS[codec], 16);
  header.writeUInt8(0, 17);
  header.writeInt32BE(pending.partition, 18);
  header.writeBigInt64BE(firstOffset, 22);
  header.writeBigInt64BE(lastOffset, 30);
  header.writeUInt32BE(recordCount, 38);
  header.writeUInt32BE(blocks.length, 42);
  header.writeBigUInt64BE(BigInt(uncompressed), 46);
  header.writeBigUInt64BE(BigInt(compressedBody), 54);
  header.writeBigInt64BE(BigInt(options.createdAtMs), 62);
  let pos = header.writeUInt16BE(topic.length, HEADER_FIXED_BYTES);
  pos += topic.copy(header, pos);
  pos = header.writeUInt16BE(migrationId.length, pos);
  pos += migrationId.copy(header, pos);
  header.writeUInt32BE(crc32c(header.subarray(0, pos)), pos);

  const contentDigest = content.digest();
  const trailer = Buffer.alloc(TRAILER_BYTES);
  TRAILER_MAGIC.copy(trailer, 0);
  contentDigest.copy(trailer, 8);
  const objectDigest = createHash('sha256');
  objectDigest.update(header);
  for (const part of blockParts) objectDigest.update(part);
  objectDigest.update(trailer.subarray(0, 40));
  const objectSha = objectDigest.digest();
  objectSha.copy(trailer, 40);

  const bytes = Buffer.concat([header, ...blockParts, trailer]);
  if (bytes.length > MAX_OBJECT_BYTES) throw internal(`segment of ${bytes.length} bytes is larger than a segment may be`);
  return {
    header: {
      formatVersion: SEGMENT_FORMAT_VERSION,
      topic: pending.topic,
      partition: pending.partition,
      migrationId: pending.migrationId,
      firstOffset,
      lastOffset,
      recordCount,
      blockCount: blocks.length,
      codec,
      uncompressedBodyLength: uncompressed,
      compressedBodyLength: compressedBody,
      createdAtMs: BigInt(options.createdAtMs),
    },
    bytes,
    contentSha256: contentDigest.toString('hex'),
    objectSha256: objectSha.toString('hex'),
  };
}

interface BlockLocation {
  readonly index: number;
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
  readonly uncompressedLength: number;
  readonly firstOffset: bigint;
  readonly recordCount: number;
}

/** A segment whose every checksum matched: its header and where its blocks are. Records not decoded yet. */
export interface VerifiedSegment {
  readonly where: string;
  readonly header: SegmentHeader;
  readonly bytes: Buffer;
  readonly contentSha256: string;
  readonly objectSha256: string;
  readonly blocks: readonly BlockLocation[];
}

function damage(where: string, region: SegmentRegion, byteStart: number, byteEnd: number, detail: string, extra: { block?: number; sourceOffset?: bigint } = {}): SegmentDamageError {
  return new SegmentDamageError({ where, region, byteStart, byteEnd, detail, ...extra });
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/** Reads and checks the header alone (magic, length, CRC32C, version). */
export function readSegmentHeader(bytes: Buffer, where: string): { header: SegmentHeader; headerLength: number } {
  if (bytes.length < SEGMENT_MAGIC.length || !bytes.subarray(0, SEGMENT_MAGIC.length).equals(SEGMENT_MAGIC)) {
    throw damage(where, 'header', 0, Math.min(bytes.length, SEGMENT_MAGIC.length), `not a kafka-backup segment: the first bytes are ${bytes.subarray(0, 8).toString('hex') || 'missing'}, expected ${SEGMENT_MAGIC.toString('hex')}`);
  }
  if (bytes.length < HEADER_FIXED_BYTES + 8) throw damage(where, 'header', 0, bytes.length, `object of ${bytes.length} bytes is shorter than a segment header`);
  const headerLength = bytes.readUInt32BE(10);
  if (headerLength < HEADER_FIXED_BYTES + 8 || headerLength > bytes.length) {
    throw damage(where, 'header', 0, Math.min(bytes.length, HEADER_FIXED_BYTES), `header length field says ${headerLength} bytes, which cannot be right for a ${bytes.length}-byte object`);
  }
  const stored = bytes.readUInt32BE(headerLength - 4);
  const computed = crc32c(bytes.subarray(0, headerLength - 4));
  if (stored !== computed) throw damage(where, 'header', 0, headerLength, `header CRC32C is ${hex32(computed)}, the header stores ${hex32(stored)}`);
  const version = bytes.readUInt16BE(8);
  if (version !== SEGMENT_FORMAT_VERSION) {
    throw new MigrationError({
      code: 'STORAGE',
      message: `segment ${where} is format version ${version}; this kafka-backup reads version ${SEGMENT_FORMAT_VERSION}`,
      hint: 'Read it with the kafka-backup version that wrote it (its journal names the tool version).',
    });
  }
  const flags = bytes.readUInt16BE(14);
  const codec = CODECS[bytes.readUInt8(16)];
  if (flags !== 0 || codec === undefined || bytes.readUInt8(17) !== 0) {
    throw damage(where, 'header', 14, 18, `unknown flags 0x${flags.toString(16)} or codec id ${bytes.readUInt8(16)} in a header whose CRC matched`);
  }
  let pos = HEADER_FIXED_BYTES;
  const topicLength = bytes.readUInt16BE(pos);
  const topic = bytes.toString('utf8', pos + 2, pos + 2 + topicLength);
  pos += 2 + topicLength;
  const midLength = pos + 2 <= headerLength - 4 ? bytes.readUInt16BE(pos) : -1;
  if (midLength < 0 || pos + 2 + midLength !== headerLength - 4) {
    throw damage(where, 'header', HEADER_FIXED_BYTES, headerLength, 'topic and migration id lengths do not add up to the header length');
  }
  const migrationId = bytes.toString('utf8', pos + 2, pos + 2 + midLength);
  const uncompressed = bytes.readBigUInt64BE(46);
  const compressed = bytes.readBigUInt64BE(54);
  if (uncompressed > BigInt(Number.MAX_SAFE_INTEGER) || compressed > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw damage(where, 'header', 46, 62, 'body lengths out of range');
  }
  return {
    headerLength,
    header: {
      formatVersion: version,
      topic,
      partition: bytes.readInt32BE(18),
      migrationId,
      firstOffset: bytes.readBigInt64BE(22),
      lastOffset: bytes.readBigInt64BE(30),
      recordCount: bytes.readUInt32BE(38),
      blockCount: bytes.readUInt32BE(42),
      codec,
      uncompressedBodyLength: Number(uncompressed),
      compressedBodyLength: Number(compressed),
      createdAtMs: bytes.readBigInt64BE(62),
    },
  };
}

/**
 * Checks every checksum of a segment object without decompressing it: header CRC32C, each block's CRC32C (in order,
 * so the first damaged block is named), the trailer and the object SHA-256. Throws SegmentDamageError naming `where`
 * and the damaged byte range.
 */
export function verifySegment(bytes: Buffer, where: string): VerifiedSegment {
  const { header, headerLength } = readSegmentHeader(bytes, where);
  const expectedLength = headerLength + header.compressedBodyLength + TRAILER_BYTES;
  if (expectedLength !== bytes.length) {
    throw damage(where, 'object', 0, bytes.length, `object is ${bytes.length} bytes, its header says ${expectedLength} (truncated or extended)`);
  }
  const bodyEnd = headerLength + header.compressedBodyLength;
  const blocks: BlockLocation[] = [];
  let pos = headerLength;
  let records = 0;
  let uncompressed = 0;
  for (let index = 0; index < header.blockCount; index += 1) {
    if (pos + BLOCK_HEADER_BYTES > bodyEnd) throw damage(where, 'block', pos, bodyEnd, `block ${index} of ${header.blockCount} starts past the end of the body`, { block: index });
    const uncompressedLength = bytes.readUInt32BE(pos);
    const compressedLength = bytes.readUInt32BE(pos + 4);
    const firstOffset = bytes.readBigInt64BE(pos + 8);
    const recordCount = bytes.readUInt32BE(pos + 16);
    const end = pos + BLOCK_HEADER_BYTES + compressedLength;
    if (end > bodyEnd) {
      throw damage(where, 'block', pos, bodyEnd, `block length ${compressedLength} runs past the end of the body (block header damaged)`, { block: index });
    }
    const stored = bytes.readUInt32BE(pos + 20);
    const computed = crc32c(bytes.subarray(pos + BLOCK_HEADER_BYTES, end), crc32c(bytes.subarray(pos, pos + 20)));
    if (stored !== computed) {
      throw damage(where, 'block', pos, end, `block CRC32C is ${hex32(computed)}, the block stores ${hex32(stored)}`, { block: index, sourceOffset: firstOffset });
    }
    blocks.push({ index, start: pos, bodyStart: pos + BLOCK_HEADER_BYTES, end, uncompressedLength, firstOffset, recordCount });
    records += recordCount;
    uncompressed += uncompressedLength;
    pos = end;
  }
  if (pos !== bodyEnd) throw damage(where, 'object', pos, bodyEnd, `${bodyEnd - pos} bytes after the last block, before the trailer`);
  if (records !== header.recordCount || uncompressed !== header.uncompressedBodyLength) {
    throw damage(where, 'object', 0, bodyEnd, `blocks hold ${records} records in ${uncompressed} bytes, the header says ${header.recordCount} in ${header.uncompressedBodyLength}`);
  }
  const objectSha = createHash('sha256').update(bytes.subarray(0, bytes.length - 32)).digest('hex');
  const storedSha = bytes.toString('hex', bytes.length - 32);
  if (objectSha !== storedSha) {
    throw damage(where, 'trailer', bodyEnd, bytes.length, `object SHA-256 is ${objectSha}, the trailer stores ${storedSha} (header and block checksums matched, so the trailer itself changed)`);
  }
  if (!bytes.subarray(bodyEnd, bodyEnd + 8).equals(TRAILER_MAGIC)) {
    throw damage(where, 'trailer', bodyEnd, bodyEnd + 8, 'trailer magic is not KBSEGEND');
  }
  return { where, header, bytes, blocks, contentSha256: bytes.toString('hex', bodyEnd + 8, bodyEnd + 40), objectSha256: storedSha };
}

function inconsistent(where: string, detail: string): MigrationError {
  return new MigrationError({
    code: 'STORAGE',
    message: `segment ${where} is inconsistent although every checksum matched: ${detail}`,
    hint: 'The writer produced a bad segment (a bug): keep the object for the report, delete it and resume the seed to write it again.',
  });
}

/**
 * The records of a verified segment, one block's worth at a time: at most one block's plaintext is held (the records'
 * keys and values are views into it). Checks that offsets rise, that each block matches its header and, after the last
 * block, the content SHA-256.
 */
export async function* segmentBlocks(segment: VerifiedSegment): AsyncGenerator<SegmentRecord[], void, undefined> {
  const { header, bytes, where } = segment;
  const content = createHash('sha256');
  let previous = -1n;
  let count = 0;
  let first: bigint | undefined;
  for (const block of segment.blocks) {
    const body = bytes.subarray(block.bodyStart, block.end);
    let plain: Buffer;
    try {
      plain = header.codec === 'gzip' ? await gunzipAsync(body) : body;
    } catch (error) {
      throw damage(where, 'block', block.start, block.end, `gzip could not inflate a block whose CRC matched: ${(error as Error).message}`, { block: block.index, sourceOffset: block.firstOffset });
    }
    if (plain.length !== block.uncompressedLength) throw inconsistent(where, `block ${block.index} inflates to ${plain.length} bytes, its header says ${block.uncompressedLength}`);
    content.update(plain);
    let records: SegmentRecord[];
    try {
      records = decodeRecords(plain, block.recordCount);
    } catch (error) {
      if (error instanceof RecordLayoutError) throw inconsistent(where, `block ${block.index}, byte ${error.byteInBlock} of its plaintext: ${error.message}`);
      throw error;
    }
    if (records[0]?.offset !== block.firstOffset) throw inconsistent(where, `block ${block.index} starts at offset ${records[0]?.offset}, its header says ${block.firstOffset}`);
    for (const record of records) {
      if (record.offset <= previous) throw inconsistent(where, `offset ${record.offset} follows ${previous}`);
      previous = record.offset;
    }
    first ??= records[0]?.offset;
    count += records.length;
    yield records;
  }
  if (count !== header.recordCount || (first ?? -1n) !== header.firstOffset || previous !== header.lastOffset) {
    throw inconsistent(where, `records run ${first ?? -1n}..${previous} (${count}), the header says ${header.firstOffset}..${header.lastOffset} (${header.recordCount})`);
  }
  const digest = content.digest('hex');
  if (digest !== segment.contentSha256) throw inconsistent(where, `content SHA-256 is ${digest}, the trailer stores ${segment.contentSha256}`);
}

/** The records of a verified segment one by one (see segmentBlocks). */
export async function* segmentRecords(segment: VerifiedSegment): AsyncGenerator<SegmentRecord, void, undefined> {
  for await (const block of segmentBlocks(segment)) yield* block;
}

/** Verifies and decodes a whole segment. */
export async function decodeSegment(bytes: Buffer, where: string): Promise<DecodedSegment> {
  const verified = verifySegment(bytes, where);
  const records: SegmentRecord[] = [];
  for await (const block of segmentBlocks(verified)) for (const record of block) records.push(record);
  return { header: verified.header, bytes, contentSha256: verified.contentSha256, objectSha256: verified.objectSha256, records };
}
