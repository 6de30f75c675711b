import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../engine/kafka/codecs/codec-error.js';
import { lz4Compress, lz4Decompress } from '../../../engine/kafka/codecs/lz4.js';
import { noise, samples, textLike } from './sample-data.js';

/** The 440 bytes "record-001;record-002;...record-040;". */
const SMALL_TEXT = Array.from({ length: 40 }, (_, i) => `record-${String(i + 1).padStart(3, '0')};`).join('');
const SMALL_BODY =
  'b57265636f72642d3030313b0b0016320b0016330b0016340b0016350b0016360b0016370b0016380b0015390b002631300b00066e0016316e' +
  '0016316e0016316e0016316e0016316e0016316e0016316e0016316e0016326e0016326e0016326e0016326e0016326e0016326e0016326e00' +
  '16326e0016326e0016326e0016336e0016336e0016336e0016336e0016336e0016336e0016336e0016336e0016336e0014336e00502d303430' +
  '3b';
/** Written by the lz4 1.9.4 command line: `lz4 -BD -BX` (dependent blocks, block checksums, content checksum). */
const CLI_DEPENDENT_CHECKSUMS = `04224d187440bdac000000${SMALL_BODY}ce49633700000000` + '1b805309';
/** Written by `lz4 --content-size` (content size in the header, content checksum). */
const CLI_CONTENT_SIZE = `04224d186c40b8010000000000001bac000000${SMALL_BODY}00000000` + '1b805309';

function hasLz4Cli(): boolean {
  try {
    execFileSync('lz4', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('lz4 codec', () => {
  it.each(samples())('round-trips %s', (_name, input) => {
    expect(lz4Decompress(lz4Compress(input)).equals(input)).toBe(true);
  });

  it('writes the frame header Kafka writes: version 01, independent blocks, no checksums, 64 KiB blocks', () => {
    const frame = lz4Compress(textLike(1000));
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4]).toBe(0x60);
    expect(frame[5]).toBe(0x40);
    // xxh32 of the descriptor bytes 0x60 0x40, second byte: the value every Java Kafka producer writes.
    expect(frame[6]).toBe(0x82);
    expect(frame.readUInt32LE(frame.length - 4)).toBe(0);
  });

  it('stores incompressible blocks uncompressed and still compresses text', () => {
    const random = noise(200_000);
    expect(lz4Compress(random).length).toBeLessThan(random.length + 64);
    expect(lz4Compress(textLike(200_000)).length).toBeLessThan(100_000);
  });

  it('decodes fixed frames written by the lz4 command line (dependent blocks, checksums, content size)', () => {
    expect(lz4Decompress(Buffer.from(CLI_DEPENDENT_CHECKSUMS, 'hex')).toString()).toBe(SMALL_TEXT);
    expect(lz4Decompress(Buffer.from(CLI_CONTENT_SIZE, 'hex')).toString()).toBe(SMALL_TEXT);
  });

  it('accepts the header checksum of Kafka clients before 0.10 (computed over the magic too)', () => {
    // Same frame as CLI_DEPENDENT_CHECKSUMS, with HC = (xxh32(magic+FLG+BD) >> 8) & 0xff.
    const frame = Buffer.from(CLI_DEPENDENT_CHECKSUMS, 'hex');
    const legacy = Buffer.from(frame);
    legacy[6] = 0xf6;
    expect(lz4Decompress(legacy).toString()).toBe(SMALL_TEXT);
    const wrong = Buffer.from(frame);
    wrong[6] = 0xf7;
    expect(() => lz4Decompress(wrong)).toThrow(/header checksum/);
  });

  it('decodes two frames back to back', () => {
    const a = textLike(70_000, 1);
    const b = textLike(10, 2);
    expect(lz4Decompress(Buffer.concat([lz4Compress(a), lz4Compress(b)])).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('rejects truncated frames, bad block checksums and a wrong magic with a CodecError', () => {
    const frame = lz4Compress(textLike(5000));
    expect(() => lz4Decompress(frame.subarray(0, frame.length - 5))).toThrow(CodecError);
    const badChecksum = Buffer.from(CLI_DEPENDENT_CHECKSUMS, 'hex');
    badChecksum[20] = (badChecksum[20] as number) ^ 1;
    expect(() => lz4Decompress(badChecksum)).toThrow(/checksum/);
    expect(() => lz4Decompress(Buffer.from('00112233445566', 'hex'))).toThrow(CodecError);
  });

  it.runIf(hasLz4Cli())('writes frames the reference liblz4 decoder (lz4 command line) accepts', () => {
    for (const input of [textLike(300_000), noise(70_000), Buffer.alloc(65536 * 2, 7), textLike(65536 * 2 - 11)]) {
      const decoded = execFileSync('lz4', ['-d', '-c'], { input: lz4Compress(input), stdio: ['pipe', 'pipe', 'pipe'] });
      expect(decoded.equals(input)).toBe(true);
    }
  });
});
