import snappyjs from 'snappyjs';
import { CodecError, asBuffer } from './codec-error.js';

/**
 * Snappy as Kafka uses it. Kafka's Java client (snappy-java's SnappyOutputStream) writes the "xerial" framing:
 * an 8-byte magic, two big-endian int32 versions, then chunks of [int32 BE compressed length][raw Snappy block],
 * each block holding at most 32 KiB of input. Its reader (SnappyInputStream) also accepts one bare raw block, which
 * is what librdkafka and kafkajs-snappy write. We write the xerial framing, the same shape Java writes, and read both.
 */
export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_LENGTH = 16; // magic + version + minimum compatible version
const XERIAL_VERSION = 1;
const XERIAL_MIN_COMPATIBLE_VERSION = 1;
/** snappy-java's default block size. */
export const XERIAL_BLOCK_SIZE = 32 * 1024;

function startsWithMagic(data: Uint8Array, offset: number): boolean {
  if (data.length - offset < XERIAL_MAGIC.length) return false;
  for (let i = 0; i < XERIAL_MAGIC.length; i += 1) {
    if (data[offset + i] !== XERIAL_MAGIC[i]) return false;
  }
  return true;
}

export function isXerialFramed(data: Uint8Array): boolean {
  return startsWithMagic(data, 0);
}

/** Compresses into xerial-framed Snappy, as Kafka's Java producer does. */
export function snappyCompress(input: Uint8Array, blockSize: number = XERIAL_BLOCK_SIZE): Buffer {
  const data = asBuffer(input);
  const parts: Buffer[] = [];
  const header = Buffer.alloc(XERIAL_HEADER_LENGTH);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_MIN_COMPATIBLE_VERSION, 12);
  parts.push(header);
  for (let offset = 0; offset < data.length; offset += blockSize) {
    const block = snappyjs.compress(data.subarray(offset, Math.min(offset + blockSize, data.length)));
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length, 0);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

function uncompressBlock(block: Buffer, where: string): Buffer {
  try {
    return snappyjs.uncompress(block);
  } catch (error) {
    throw new CodecError('snappy', `corrupt Snappy block ${where}`, error);
  }
}

/**
 * Decompresses xerial-framed Snappy (also several xerial streams back to back, as SnappyInputStream allows)
 * or, when the magic is absent, one raw Snappy block.
 */
export function snappyDecompress(input: Uint8Array): Buffer {
  const data = asBuffer(input);
  if (!isXerialFramed(data)) return uncompressBlock(data, '(raw block)');

  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (startsWithMagic(data, offset)) {
      if (data.length - offset < XERIAL_HEADER_LENGTH) {
        throw new CodecError('snappy', `truncated xerial header at byte ${offset}`);
      }
      offset += XERIAL_HEADER_LENGTH;
      continue;
    }
    if (data.length - offset < 4) {
      throw new CodecError('snappy', `truncated chunk length at byte ${offset} of ${data.length}`);
    }
    const length = data.readInt32BE(offset);
    offset += 4;
    if (length < 0 || offset + length > data.length) {
      throw new CodecError('snappy', `chunk of ${length} bytes at byte ${offset - 4} runs past the end (${data.length})`);
    }
    if (length === 0) continue;
    parts.push(uncompressBlock(data.subarray(offset, offset + length), `at byte ${offset - 4}`));
    offset += length;
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}
