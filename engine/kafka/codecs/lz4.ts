import { decompressBlock } from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32.js';
import { CodecError } from './codec-error.js';

/**
 * LZ4 as Kafka uses it: the LZ4 *frame* format (not bare blocks).
 *
 * Writing: we write exactly the frame shape of Kafka's Java producer (KafkaLZ4BlockOutputStream / Lz4BlockOutputStream):
 * version 01, independent blocks, no block or content checksum, no content size, 64 KiB blocks, a correct header
 * checksum. lz4js's own frame writer is not used: it writes 4 MiB *dependent* blocks (Java decodes each block on its own)
 * and its block compressor may start the last match closer than 12 bytes to the end of a block, which the LZ4 spec
 * forbids and liblz4's safe decoder (used by the broker through lz4-java) can reject. The block compressor below is a
 * small greedy LZ4 that keeps those end-of-block rules.
 *
 * Reading: any valid frame (dependent or independent blocks, optional block/content checksums, content size,
 * several frames back to back, skippable frames), and the header checksum as either the spec computes it or as
 * Kafka clients before 0.10 did (over the magic too, KAFKA-3160), which old message-format v0 batches may carry.
 * Blocks are decoded with lz4js.
 */
const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_01 = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x02;
const FLG_DICT_ID = 0x01;
const BLOCK_UNCOMPRESSED = 0x80000000;

const BLOCK_MAX_SIZES: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };
/** Kafka's producer writes 64 KiB blocks (BD id 4). */
const WRITE_BLOCK_SIZE_ID = 4;
export const LZ4_WRITE_BLOCK_SIZE = 64 * 1024;

const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const MAX_OFFSET = 65535;
const HASH_LOG = 16;
const SKIP_TRIGGER = 6;

function read32LE(src: Uint8Array, i: number): number {
  return ((src[i] as number) | ((src[i + 1] as number) << 8) | ((src[i + 2] as number) << 16) | ((src[i + 3] as number) << 24)) >>> 0;
}

function write32LE(dst: Uint8Array, i: number, value: number): void {
  dst[i] = value & 0xff;
  dst[i + 1] = (value >>> 8) & 0xff;
  dst[i + 2] = (value >>> 16) & 0xff;
  dst[i + 3] = (value >>> 24) & 0xff;
}

function hash4(sequence: number): number {
  return Math.imul(sequence, 2654435761) >>> (32 - HASH_LOG);
}

function writeLength(dst: Uint8Array, pos: number, extra: number): number {
  let p = pos;
  let rest = extra;
  while (rest >= 255) {
    dst[p++] = 255;
    rest -= 255;
  }
  dst[p++] = rest;
  return p;
}

function writeLiterals(dst: Uint8Array, pos: number, src: Uint8Array, from: number, count: number): number {
  dst.set(src.subarray(from, from + count), pos);
  return pos + count;
}

/** Worst case size of one compressed block of n bytes. */
function blockBound(n: number): number {
  return n + Math.floor(n / 255) + 16;
}

/**
 * Compresses src[start, end) into one independent LZ4 block at dst[pos...]; returns the end position in dst.
 * The last 5 bytes are always literals and the last match starts at least 12 bytes before the end (LZ4 block spec).
 */
function compressBlock(src: Uint8Array, start: number, end: number, dst: Uint8Array, pos: number, table: Int32Array): number {
  let d = pos;
  let anchor = start;
  if (end - start > MF_LIMIT) {
    const lastMatchStart = end - MF_LIMIT;
    const matchLimit = end - LAST_LITERALS;
    let ip = start;
    let searches = 1 << SKIP_TRIGGER;
    while (ip <= lastMatchStart) {
      const sequence = read32LE(src, ip);
      const h = hash4(sequence);
      const ref = table[h] as number;
      table[h] = ip;
      if (ref < start || ip - ref > MAX_OFFSET || read32LE(src, ref) !== sequence) {
        ip += searches++ >> SKIP_TRIGGER;
        continue;
      }
      searches = 1 << SKIP_TRIGGER;
      let matchStart = ip;
      let refStart = ref;
      while (matchStart > anchor && refStart > start && src[matchStart - 1] === src[refStart - 1]) {
        matchStart -= 1;
        refStart -= 1;
      }
      let matchEnd = ip + MIN_MATCH;
      let refEnd = ref + MIN_MATCH;
      while (matchEnd < matchLimit && src[matchEnd] === src[refEnd]) {
        matchEnd += 1;
        refEnd += 1;
      }

      const literals = matchStart - anchor;
      const matchCode = matchEnd - matchStart - MIN_MATCH;
      const tokenAt = d++;
      dst[tokenAt] = ((literals >= 15 ? 15 : literals) << 4) | (matchCode >= 15 ? 15 : matchCode);
      if (literals >= 15) d = writeLength(dst, d, literals - 15);
      d = writeLiterals(dst, d, src, anchor, literals);
      const offset = matchStart - refStart;
      dst[d++] = offset & 0xff;
      dst[d++] = offset >>> 8;
      if (matchCode >= 15) d = writeLength(dst, d, matchCode - 15);

      anchor = matchEnd;
      ip = matchEnd;
      if (ip - 2 >= start && ip - 2 <= lastMatchStart) table[hash4(read32LE(src, ip - 2))] = ip - 2;
    }
  }
  const literals = end - anchor;
  dst[d++] = (literals >= 15 ? 15 : literals) << 4;
  if (literals >= 15) d = writeLength(dst, d, literals - 15);
  return writeLiterals(dst, d, src, anchor, literals);
}

/** Compresses into one LZ4 frame shaped like the frames Kafka's Java producer writes. */
export function lz4Compress(input: Uint8Array): Buffer {
  const blocks = Math.ceil(input.length / LZ4_WRITE_BLOCK_SIZE);
  const out = Buffer.allocUnsafe(7 + blocks * (4 + blockBound(LZ4_WRITE_BLOCK_SIZE)) + 4);
  write32LE(out, 0, FRAME_MAGIC);
  out[4] = FLG_VERSION_01 | FLG_BLOCK_INDEPENDENCE;
  out[5] = WRITE_BLOCK_SIZE_ID << 4;
  out[6] = (xxh32(0, out, 4, 2) >>> 8) & 0xff;
  let pos = 7;
  const table = new Int32Array(1 << HASH_LOG).fill(-1);
  for (let start = 0; start < input.length; start += LZ4_WRITE_BLOCK_SIZE) {
    const end = Math.min(start + LZ4_WRITE_BLOCK_SIZE, input.length);
    const compressedEnd = compressBlock(input, start, end, out, pos + 4, table);
    const compressedSize = compressedEnd - (pos + 4);
    if (compressedSize < end - start) {
      write32LE(out, pos, compressedSize);
      pos = compressedEnd;
    } else {
      write32LE(out, pos, (BLOCK_UNCOMPRESSED | (end - start)) >>> 0);
      out.set(input.subarray(start, end), pos + 4);
      pos += 4 + (end - start);
    }
  }
  write32LE(out, pos, 0);
  pos += 4;
  return Buffer.from(out.subarray(0, pos));
}

interface FrameBlock {
  /** Offset of the block data in the input. */
  at: number;
  size: number;
  compressed: boolean;
}

interface ParsedFrame {
  blocks: FrameBlock[];
  maxBlockSize: number;
  contentSize: number | undefined;
  contentChecksum: number | undefined;
  blockChecksums: boolean;
}

function need(data: Uint8Array, pos: number, bytes: number, what: string): void {
  if (pos + bytes > data.length) {
    throw new CodecError('lz4', `truncated frame: ${what} at byte ${pos} needs ${bytes} bytes, only ${data.length - pos} left`);
  }
}

/** Parses one frame starting at pos (magic already checked); returns it and the position after it. */
function parseFrame(data: Uint8Array, frameStart: number): { frame: ParsedFrame; next: number } {
  let pos = frameStart + 4;
  need(data, pos, 3, 'frame descriptor');
  const flg = data[pos] as number;
  const bd = data[pos + 1] as number;
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_01) {
    throw new CodecError('lz4', `unsupported frame version ${(flg & FLG_VERSION_MASK) >> 6}`);
  }
  if ((flg & FLG_RESERVED) !== 0 || (bd & 0x8f) !== 0) throw new CodecError('lz4', 'reserved bits set in frame descriptor');
  if ((flg & FLG_DICT_ID) !== 0) throw new CodecError('lz4', 'frames with a dictionary id are not supported');
  const maxBlockSize = BLOCK_MAX_SIZES[(bd >> 4) & 0x07];
  if (maxBlockSize === undefined) throw new CodecError('lz4', `invalid block maximum size id ${(bd >> 4) & 0x07}`);
  pos += 2;
  let contentSize: number | undefined;
  if ((flg & FLG_CONTENT_SIZE) !== 0) {
    need(data, pos, 9, 'content size');
    const low = read32LE(data, pos);
    const high = read32LE(data, pos + 4);
    if (high > 0x1fffff) throw new CodecError('lz4', 'content size too large');
    contentSize = high * 2 ** 32 + low;
    pos += 8;
  }
  const headerChecksum = data[pos] as number;
  const specChecksum = (xxh32(0, data, frameStart + 4, pos - frameStart - 4) >>> 8) & 0xff;
  const legacyKafkaChecksum = (xxh32(0, data, frameStart, pos - frameStart) >>> 8) & 0xff;
  if (headerChecksum !== specChecksum && headerChecksum !== legacyKafkaChecksum) {
    throw new CodecError('lz4', 'frame header checksum mismatch');
  }
  pos += 1;

  const blockChecksums = (flg & FLG_BLOCK_CHECKSUM) !== 0;
  const blocks: FrameBlock[] = [];
  for (;;) {
    need(data, pos, 4, 'block size');
    const word = read32LE(data, pos);
    pos += 4;
    if (word === 0) break;
    const size = word & 0x7fffffff;
    const compressed = (word & BLOCK_UNCOMPRESSED) === 0;
    if (size > maxBlockSize) throw new CodecError('lz4', `block of ${size} bytes exceeds the frame's maximum ${maxBlockSize}`);
    need(data, pos, size + (blockChecksums ? 4 : 0), 'block');
    if (blockChecksums && xxh32(0, data, pos, size) !== read32LE(data, pos + size)) {
      throw new CodecError('lz4', `block checksum mismatch at byte ${pos}`);
    }
    blocks.push({ at: pos, size, compressed });
    pos += size + (blockChecksums ? 4 : 0);
  }
  let contentChecksum: number | undefined;
  if ((flg & FLG_CONTENT_CHECKSUM) !== 0) {
    need(data, pos, 4, 'content checksum');
    contentChecksum = read32LE(data, pos);
    pos += 4;
  }
  return { frame: { blocks, maxBlockSize, contentSize, contentChecksum, blockChecksums }, next: pos };
}

function parseFrames(data: Uint8Array): ParsedFrame[] {
  const frames: ParsedFrame[] = [];
  let pos = 0;
  while (pos < data.length) {
    need(data, pos, 4, 'magic number');
    const magic = read32LE(data, pos);
    if (magic === FRAME_MAGIC) {
      const { frame, next } = parseFrame(data, pos);
      frames.push(frame);
      pos = next;
    } else if (((magic & SKIPPABLE_MAGIC_MASK) >>> 0) === SKIPPABLE_MAGIC) {
      need(data, pos, 8, 'skippable frame size');
      pos += 8 + read32LE(data, pos + 4);
      if (pos > data.length) throw new CodecError('lz4', 'truncated skippable frame');
    } else {
      throw new CodecError('lz4', `not an LZ4 frame: magic 0x${magic.toString(16)} at byte ${pos}`);
    }
  }
  if (frames.length === 0) throw new CodecError('lz4', 'no LZ4 frame in the input');
  return frames;
}

/** Decompresses one or more LZ4 frames. */
export function lz4Decompress(input: Uint8Array): Buffer {
  const frames = parseFrames(input);
  let bound = 0;
  for (const frame of frames) {
    for (const block of frame.blocks) bound += block.compressed ? frame.maxBlockSize : block.size;
  }
  const out = Buffer.alloc(bound);
  let pos = 0;
  for (const frame of frames) {
    const frameStart = pos;
    for (const block of frame.blocks) {
      if (!block.compressed) {
        out.set(input.subarray(block.at, block.at + block.size), pos);
        pos += block.size;
        continue;
      }
      // Matches may reach into earlier blocks of the same frame (dependent blocks), never into another frame.
      const frameOut = out.subarray(frameStart);
      const end = frameStart + decompressBlock(input, frameOut, block.at, block.size, pos - frameStart);
      if (end - pos > frame.maxBlockSize || end > out.length) {
        throw new CodecError('lz4', `corrupt block at byte ${block.at}: decodes past the frame's block size`);
      }
      pos = end;
    }
    if (frame.contentSize !== undefined && pos - frameStart !== frame.contentSize) {
      throw new CodecError('lz4', `frame decodes to ${pos - frameStart} bytes, its header says ${frame.contentSize}`);
    }
    if (frame.contentChecksum !== undefined && xxh32(0, out, frameStart, pos - frameStart) !== frame.contentChecksum) {
      throw new CodecError('lz4', 'content checksum mismatch');
    }
  }
  // The bound counts whole blocks; copy rather than keep a large, mostly unused allocation alive.
  return pos === out.length ? out : Buffer.from(out.subarray(0, pos));
}
