import zstdWasm from '@bokuweb/zstd-wasm';
import { CodecError, asBuffer } from './codec-error.js';

/**
 * Zstandard through @bokuweb/zstd-wasm (libzstd compiled to wasm; needs `initZstd()` once before use).
 *
 * That library's `decompress` sizes its output buffer from the frame's content-size field and, when the field is
 * absent, falls back to a caller-given `defaultHeapSize` (1 MiB by default) and fails if the content is larger.
 * Kafka's Java producer compresses through a zstd *stream* (zstd-jni's ZstdOutputStream), so its frames carry no
 * content size. Rather than guess, we walk the frame's block headers, which give an exact upper bound of the
 * decompressed size (raw and RLE blocks state their size, a compressed block is at most min(window, 128 KiB)), and
 * hand that bound to the wasm decoder. Several frames back to back, and skippable frames, are handled one by one.
 */
const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const BLOCK_SIZE_MAX = 128 * 1024;
/** Kafka's default zstd level (compression.zstd.level). */
export const ZSTD_DEFAULT_LEVEL = 3;
/** The wasm binding reads the content size as a 32-bit signed number; stay below that. */
const MAX_FRAME_OUTPUT = 0x7fffffff;

let initialization: Promise<void> | undefined;
let ready = false;

/** Loads the wasm module once; safe to call many times and concurrently. */
export function initZstd(): Promise<void> {
  initialization ??= zstdWasm.init().then(
    () => {
      ready = true;
    },
    (error: unknown) => {
      initialization = undefined;
      throw new CodecError('zstd', 'could not load the zstd wasm module', error);
    },
  );
  return initialization;
}

function assertReady(): void {
  if (!ready) throw new CodecError('zstd', 'zstd used before initZstd() completed (call registerCodecs() first)');
}

function read32LE(data: Uint8Array, pos: number): number {
  return ((data[pos] as number) | ((data[pos + 1] as number) << 8) | ((data[pos + 2] as number) << 16) | ((data[pos + 3] as number) << 24)) >>> 0;
}

function need(data: Uint8Array, pos: number, bytes: number, what: string): void {
  if (pos + bytes > data.length) {
    throw new CodecError('zstd', `truncated frame: ${what} at byte ${pos} needs ${bytes} bytes, only ${data.length - pos} left`);
  }
}

/** One zstd frame found in the input. */
export interface ZstdFrameInfo {
  start: number;
  end: number;
  /** The content size from the frame header, when the writer put one there. */
  contentSize: number | undefined;
  /** Exact upper bound of the decompressed size, from the block headers. */
  decompressedBound: number;
}

function readFrame(data: Uint8Array, start: number): ZstdFrameInfo {
  let pos = start + 4;
  need(data, pos, 1, 'frame header descriptor');
  const descriptor = data[pos++] as number;
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  const hasChecksum = (descriptor & 0x04) !== 0;
  const dictIdFlag = descriptor & 0x03;
  if ((descriptor & 0x08) !== 0) throw new CodecError('zstd', 'reserved bit set in frame header');

  let windowSize = 0;
  if (!singleSegment) {
    need(data, pos, 1, 'window descriptor');
    const windowDescriptor = data[pos++] as number;
    const windowBase = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = windowBase + (windowBase / 8) * (windowDescriptor & 0x07);
  }
  const dictIdBytes = [0, 1, 2, 4][dictIdFlag] as number;
  need(data, pos, dictIdBytes, 'dictionary id');
  let dictId = 0;
  for (let i = 0; i < dictIdBytes; i += 1) dictId += (data[pos + i] as number) * 2 ** (8 * i);
  if (dictId !== 0) throw new CodecError('zstd', `frame needs dictionary ${dictId}; Kafka never writes dictionary frames`);
  pos += dictIdBytes;

  const fcsBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : ([0, 2, 4, 8][fcsFlag] as number);
  need(data, pos, fcsBytes, 'frame content size');
  let contentSize: number | undefined;
  if (fcsBytes > 0) {
    let value = 0;
    for (let i = 0; i < fcsBytes; i += 1) value += (data[pos + i] as number) * 2 ** (8 * i);
    contentSize = fcsBytes === 2 ? value + 256 : value;
    pos += fcsBytes;
  }
  if (singleSegment) windowSize = contentSize ?? 0;
  const blockMaximum = Math.min(windowSize, BLOCK_SIZE_MAX);

  let bound = 0;
  for (;;) {
    need(data, pos, 3, 'block header');
    const header = (data[pos] as number) | ((data[pos + 1] as number) << 8) | ((data[pos + 2] as number) << 16);
    pos += 3;
    const last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) throw new CodecError('zstd', `reserved block type at byte ${pos - 3}`);
    if (size > blockMaximum && type !== 1) {
      throw new CodecError('zstd', `block of ${size} bytes exceeds the frame's maximum ${blockMaximum}`);
    }
    const stored = type === 1 ? 1 : size;
    need(data, pos, stored, 'block');
    pos += stored;
    bound += type === 2 ? blockMaximum : size;
    if (last) break;
  }
  if (hasChecksum) {
    need(data, pos, 4, 'content checksum');
    pos += 4;
  }
  if (contentSize !== undefined && contentSize > bound) {
    throw new CodecError('zstd', `frame header claims ${contentSize} bytes, its blocks can hold at most ${bound}`);
  }
  return { start, end: pos, contentSize, decompressedBound: contentSize ?? bound };
}

/** Lists the zstd frames of the input (skippable frames are passed over). */
export function zstdFrames(data: Uint8Array): ZstdFrameInfo[] {
  const frames: ZstdFrameInfo[] = [];
  let pos = 0;
  while (pos < data.length) {
    need(data, pos, 4, 'magic number');
    const magic = read32LE(data, pos);
    if (magic === FRAME_MAGIC) {
      const frame = readFrame(data, pos);
      frames.push(frame);
      pos = frame.end;
    } else if (((magic & SKIPPABLE_MAGIC_MASK) >>> 0) === SKIPPABLE_MAGIC) {
      need(data, pos, 8, 'skippable frame size');
      pos += 8 + read32LE(data, pos + 4);
      if (pos > data.length) throw new CodecError('zstd', 'truncated skippable frame');
    } else {
      throw new CodecError('zstd', `not a zstd frame: magic 0x${magic.toString(16)} at byte ${pos}`);
    }
  }
  if (frames.length === 0) throw new CodecError('zstd', 'no zstd frame in the input');
  return frames;
}

export function zstdCompress(input: Uint8Array, level: number = ZSTD_DEFAULT_LEVEL): Buffer {
  assertReady();
  try {
    return asBuffer(zstdWasm.compress(input, level));
  } catch (error) {
    throw new CodecError('zstd', 'compression failed', error);
  }
}

/** Decompresses one or more zstd frames, with or without a content size in their headers. */
export function zstdDecompress(input: Uint8Array): Buffer {
  assertReady();
  const frames = zstdFrames(input);
  const parts: Buffer[] = [];
  for (const frame of frames) {
    if (frame.decompressedBound > MAX_FRAME_OUTPUT) {
      throw new CodecError('zstd', `frame of up to ${frame.decompressedBound} bytes is too large to decompress`);
    }
    let output: Uint8Array;
    try {
      output = zstdWasm.decompress(input.subarray(frame.start, frame.end), {
        defaultHeapSize: Math.max(1, frame.decompressedBound),
      });
    } catch (error) {
      throw new CodecError('zstd', `corrupt frame at byte ${frame.start}`, error);
    }
    if (frame.contentSize !== undefined && output.length !== frame.contentSize) {
      throw new CodecError('zstd', `frame decodes to ${output.length} bytes, its header says ${frame.contentSize}`);
    }
    parts.push(asBuffer(output));
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}
