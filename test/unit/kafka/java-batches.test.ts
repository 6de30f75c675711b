import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCodecs } from '../../../engine/kafka/codecs.js';
import { isXerialFramed } from '../../../engine/kafka/codecs/snappy.js';
import { zstdFrames } from '../../../engine/kafka/codecs/zstd.js';
import { asKafkajsHeaders, bytesDiff, javaFixtureRecords } from './java-records.js';

// Batches written by Kafka 3.9's own Java record code (fixtures/JavaBatches.java), read through kafkajs's decoders.
const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;
type Decoded = { offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers?: Record<string, unknown> };
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<{ records: Decoded[] }>;
const decodeMessageSet = require('kafkajs/src/protocol/messageSet/decoder') as (decoder: unknown, size: number) => Promise<Decoded[]>;

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** Bytes of a v2 batch header before the compressed records. */
const V2_HEADER = 61;

beforeAll(async () => {
  await registerCodecs();
});

describe('record batches written by Kafka\'s Java client', () => {
  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('%s (message format v2) decodes to the exact keys, values and headers', async (codec) => {
    const batch = fixture(`java-${codec}-v2.bin`);
    expect(batch.readInt16BE(21) & 0x07).toBe({ gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[codec]);
    const { records } = await decodeRecordBatch(new Decoder(batch));
    const expected = javaFixtureRecords();
    expect(records).toHaveLength(expected.length);
    records.forEach((record, i) => {
      const want = expected[i]!;
      expect(record.offset).toBe(String(i));
      expect(record.timestamp).toBe(String(want.timestamp));
      expect(bytesDiff(record.key, want.key)).toBe('');
      expect(bytesDiff(record.value, want.value)).toBe('');
      expect(record.headers).toEqual(asKafkajsHeaders(want.headers));
    });
  });

  it('the Java shapes are the ones the codecs must handle: xerial snappy, 64 KiB lz4 frames, zstd without content size', () => {
    expect(isXerialFramed(fixture('java-snappy-v2.bin').subarray(V2_HEADER))).toBe(true);
    const lz4 = fixture('java-lz4-v2.bin').subarray(V2_HEADER);
    expect([...lz4.subarray(0, 7)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]);
    const frames = zstdFrames(fixture('java-zstd-v2.bin').subarray(V2_HEADER));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.contentSize).toBeUndefined();
  });

  it.each(['java-lz4-v0.bin', 'java-lz4-v1.bin', 'java-snappy-v1.bin'])('%s (legacy message sets) decodes to the exact keys and values', async (name) => {
    const set = fixture(name);
    const messages = await decodeMessageSet(new Decoder(set), set.length);
    const expected = javaFixtureRecords();
    expect(messages).toHaveLength(expected.length);
    messages.forEach((message, i) => {
      expect(message.offset).toBe(String(i));
      expect(bytesDiff(message.key, expected[i]!.key)).toBe('');
      expect(bytesDiff(message.value, expected[i]!.value)).toBe('');
    });
  });

  it('the v0 lz4 wrapper carries the pre-0.10 header checksum (the path Java tolerates for old data)', () => {
    const frame = fixture('java-lz4-v0.bin').subarray(26);
    expect([...frame.subarray(0, 6)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40]);
    expect(frame[6]).not.toBe(0x82);
  });
});
