/** Kafka's zigzag varints as engine/kafka/records/varint.ts reads and writes them, at every width edge. */
import { describe, expect, it } from 'vitest';
import { putVarint, putVarlong, readVarint, readVarlong, varintSize, VarintError, varlongSize, type Cursor } from '../../engine/kafka/records/varint.js';

const cursor = (bytes: number[] | Buffer): Cursor => {
  const buf = Buffer.from(bytes);
  return { buf, pos: 0, end: buf.length };
};

const varintBytes = (value: number): number[] => {
  const out = Buffer.alloc(16);
  const end = putVarint(out, 0, value);
  expect(end).toBe(varintSize(value));
  return [...out.subarray(0, end)];
};

const varlongBytes = (value: bigint): number[] => {
  const out = Buffer.alloc(16);
  const end = putVarlong(out, 0, value);
  expect(end).toBe(varlongSize(value));
  return [...out.subarray(0, end)];
};

describe('varint (int32)', () => {
  it.each([
    [0, [0x00]],
    [-1, [0x01]],
    [1, [0x02]],
    [-64, [0x7f]],
    [63, [0x7e]],
    [64, [0x80, 0x01]],
    [300, [0xd8, 0x04]],
    [2 ** 31 - 1, [0xfe, 0xff, 0xff, 0xff, 0x0f]],
    [-(2 ** 31), [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('%i encodes as Kafka does (%j) and decodes back', (value, bytes) => {
    expect(varintBytes(value)).toEqual(bytes);
    expect(varintSize(value)).toBe(bytes.length);
    const c = cursor(bytes);
    expect(readVarint(c)).toBe(value);
    expect(c.pos).toBe(bytes.length);
  });

  it('refuses what is not an int32: longer than 5 bytes, bits past 32, runs past the end; and values out of range', () => {
    expect(() => readVarint(cursor([0xff, 0xff, 0xff, 0xff, 0x1f]))).toThrow(VarintError);
    expect(() => readVarint(cursor([0xff, 0xff, 0xff, 0xff, 0x8f, 0x01]))).toThrow(/longer than 32 bits/);
    expect(() => readVarint(cursor([0x80, 0x80]))).toThrow(/runs past the end/);
    expect(() => putVarint(Buffer.alloc(8), 0, 2 ** 31)).toThrow(/not an int32/);
    expect(() => varintSize(1.5)).toThrow(/not an int32/);
  });
});

describe('varlong (int64)', () => {
  const edges = [0n, -1n, 1n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 48n - 1n, 2n ** 48n, 2n ** 52n - 1n, 2n ** 52n, -(2n ** 52n), 2n ** 53n + 1n, 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n)];

  it.each(edges.map((value) => [value.toString(), value] as const))('%s round-trips exactly (fast and bigint paths agree)', (_, value) => {
    const bytes = varlongBytes(value);
    const c = cursor(bytes);
    expect(readVarlong(c)).toBe(value);
    expect(c.pos).toBe(bytes.length);
  });

  it('the extremes take 10 bytes, as in Kafka; zigzag keeps small negatives short', () => {
    expect(varlongBytes(2n ** 63n - 1n)).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(varlongBytes(-(2n ** 63n))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(varlongBytes(-1000n)).toEqual([0xcf, 0x0f]);
  });

  it('a varint written as int32 reads the same as a varlong (Kafka reads timestamp deltas written either way)', () => {
    for (const value of [0, -1, 12345, -(2 ** 31), 2 ** 31 - 1]) expect(readVarlong(cursor(varintBytes(value)))).toBe(BigInt(value));
  });

  it('refuses more than 64 bits and truncation, and values outside int64', () => {
    expect(() => readVarlong(cursor([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03]))).toThrow(/longer than 64 bits/);
    expect(() => readVarlong(cursor([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(/runs past the end/);
    expect(() => putVarlong(Buffer.alloc(16), 0, 2n ** 63n)).toThrow(/not an int64/);
    expect(() => varlongSize(-(2n ** 63n) - 1n)).toThrow(/not an int64/);
  });
});
