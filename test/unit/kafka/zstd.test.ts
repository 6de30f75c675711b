import zstdWasm from '@bokuweb/zstd-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodecError } from '../../../engine/kafka/codecs/codec-error.js';
import { initZstd, zstdCompress, zstdDecompress, zstdFrames } from '../../../engine/kafka/codecs/zstd.js';
import { noise, samples, textLike } from './sample-data.js';

/** The 440 bytes "record-001;record-002;...record-040;". */
const SMALL_TEXT = Array.from({ length: 40 }, (_, i) => `record-${String(i + 1).padStart(3, '0')};`).join('');
/** Written by the zstd 1.5 command line with `--no-content-size`: descriptor 0x04 (checksum, no size, window 1 KiB). */
const CLI_NO_CONTENT_SIZE =
  '28b52ffd04006d030074037265636f72642d3030313b323334353637383931303132333435363738393230313233343536373839333031' +
  '323334353637383934303b2720e0d745f66db665df665bf66db65b917d9b6dd9b7d9967d9bd9adc8becdb6ecdb6ccbbecd762bb26fb32d' +
  'fb36dba2f77591bcb6b2f23b';

/**
 * Rewrites a single-segment frame (what ZSTD_compress writes: content size in the header) into the shape of a
 * streamed frame (what Java's ZstdOutputStream writes): no content size, a window descriptor instead. The blocks are
 * unchanged; the window covers the whole content, so every back-reference stays valid.
 */
function withoutContentSize(frame: Uint8Array): Buffer {
  const data = Buffer.from(frame);
  const descriptor = data[4] as number;
  expect(descriptor & 0x20).toBe(0x20); // single segment
  expect(descriptor & 0x03).toBe(0); // no dictionary id
  const fcsBytes = [1, 2, 4, 8][descriptor >> 6] as number;
  let contentSize = 0;
  for (let i = 0; i < fcsBytes; i += 1) contentSize += (data[5 + i] as number) * 2 ** (8 * i);
  if (fcsBytes === 2) contentSize += 256;
  const windowLog = Math.max(10, Math.ceil(Math.log2(Math.max(contentSize, 1))));
  const header = Buffer.from([...data.subarray(0, 4), descriptor & 0x04, (windowLog - 10) << 3]);
  return Buffer.concat([header, data.subarray(5 + fcsBytes)]);
}

beforeAll(async () => {
  await initZstd();
});

describe('zstd codec', () => {
  it.each(samples())('round-trips %s', (_name, input) => {
    expect(zstdDecompress(zstdCompress(input)).equals(input)).toBe(true);
  });

  it('decodes a fixed frame without a content size, written by the zstd command line', () => {
    const frame = Buffer.from(CLI_NO_CONTENT_SIZE, 'hex');
    expect(zstdFrames(frame)[0]?.contentSize).toBeUndefined();
    expect(zstdDecompress(frame).toString()).toBe(SMALL_TEXT);
  });

  it('decodes frames without a content size larger than the wasm library guesses (1 MiB)', () => {
    const input = Buffer.concat([textLike(1_500_000), noise(300_000)]);
    const streamed = withoutContentSize(zstdCompress(input));
    const [frame] = zstdFrames(streamed);
    expect(frame?.contentSize).toBeUndefined();
    expect(frame?.decompressedBound).toBeGreaterThanOrEqual(input.length);
    // The library on its own cannot: this is why the block headers are walked.
    expect(() => zstdWasm.decompress(streamed)).toThrow();
    expect(zstdDecompress(streamed).equals(input)).toBe(true);
  });

  it('decodes several frames back to back, with a skippable frame between them', () => {
    const a = textLike(200_000, 1);
    const b = textLike(3000, 2);
    const skippable = Buffer.from('512a4d18' + '03000000' + 'aabbcc', 'hex');
    const joined = Buffer.concat([withoutContentSize(zstdCompress(a)), skippable, zstdCompress(b)]);
    expect(zstdFrames(joined)).toHaveLength(2);
    expect(zstdDecompress(joined).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('rejects truncated and corrupt frames with a CodecError', () => {
    const frame = zstdCompress(textLike(50_000));
    expect(() => zstdDecompress(frame.subarray(0, frame.length - 10))).toThrow(CodecError);
    expect(() => zstdDecompress(Buffer.from('28b52ffd', 'hex'))).toThrow(CodecError);
    expect(() => zstdDecompress(Buffer.from('0011223344', 'hex'))).toThrow(CodecError);
    const corrupt = Buffer.from(frame);
    corrupt.fill(0x55, 20, 60);
    expect(() => zstdDecompress(corrupt)).toThrow(CodecError);
  });
});
