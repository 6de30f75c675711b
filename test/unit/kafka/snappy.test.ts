import snappyjs from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../engine/kafka/codecs/codec-error.js';
import { XERIAL_MAGIC, isXerialFramed, snappyCompress, snappyDecompress } from '../../../engine/kafka/codecs/snappy.js';
import { samples, textLike } from './sample-data.js';

function xerialHeader(): Buffer {
  const header = Buffer.alloc(16);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  return header;
}

function chunk(block: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(block.length, 0);
  return Buffer.concat([length, block]);
}

/** Splits our xerial output back into its chunks, checking the framing on the way. */
function chunksOf(framed: Buffer): Buffer[] {
  expect(framed.subarray(0, 16)).toEqual(xerialHeader());
  const out: Buffer[] = [];
  let offset = 16;
  while (offset < framed.length) {
    const length = framed.readInt32BE(offset);
    out.push(framed.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  expect(offset).toBe(framed.length);
  return out;
}

describe('snappy codec', () => {
  it.each(samples())('round-trips %s', (_name, input) => {
    expect(snappyDecompress(snappyCompress(input)).equals(input)).toBe(true);
  });

  it('writes the xerial framing Java writes: magic, version 1, compatible version 1, 32 KiB input per chunk', () => {
    const input = textLike(100_000);
    const framed = snappyCompress(input);
    expect(isXerialFramed(framed)).toBe(true);
    const decoded = chunksOf(framed).map((block) => snappyjs.uncompress(block));
    expect(decoded.map((part) => part.length)).toEqual([32768, 32768, 32768, 100_000 - 3 * 32768]);
    expect(Buffer.concat(decoded).equals(input)).toBe(true);
  });

  it('decodes a fixed xerial vector (literal and copy elements)', () => {
    const hello = Buffer.from('82534e41505059000000000100000001' + '00000007' + '051068656c6c6f', 'hex');
    expect(snappyDecompress(hello).toString()).toBe('hello');
    // "abcd" literal, then a copy of 8 bytes from offset 4.
    const copy = Buffer.from('82534e41505059000000000100000001' + '00000008' + '0c0c616263641104', 'hex');
    expect(snappyDecompress(copy).toString()).toBe('abcdabcdabcd');
  });

  it('decodes hand-built xerial frames with several chunks, and two xerial streams back to back', () => {
    const parts = [textLike(1000, 1), textLike(40_000, 2), textLike(7, 3)];
    const framed = Buffer.concat([xerialHeader(), ...parts.map((part) => chunk(snappyjs.compress(part)))]);
    expect(snappyDecompress(framed).equals(Buffer.concat(parts))).toBe(true);

    const twoStreams = Buffer.concat([framed, xerialHeader(), chunk(snappyjs.compress(parts[0] as Buffer))]);
    expect(snappyDecompress(twoStreams).equals(Buffer.concat([...parts, parts[0] as Buffer]))).toBe(true);
  });

  it('decodes one raw Snappy block (what librdkafka and kafkajs-snappy write)', () => {
    const input = textLike(50_000);
    const raw = snappyjs.compress(input);
    expect(isXerialFramed(raw)).toBe(false);
    expect(snappyDecompress(raw).equals(input)).toBe(true);
  });

  it('decodes a header-only xerial stream as empty', () => {
    expect(snappyDecompress(xerialHeader()).length).toBe(0);
  });

  it('rejects a truncated chunk and a corrupt block with a CodecError', () => {
    const framed = snappyCompress(textLike(10_000));
    expect(() => snappyDecompress(framed.subarray(0, framed.length - 3))).toThrow(CodecError);
    const corrupt = Buffer.concat([xerialHeader(), chunk(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]))]);
    expect(() => snappyDecompress(corrupt)).toThrow(CodecError);
  });
});
