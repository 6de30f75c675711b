import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressionType, registerCodecs, type CompressionName } from '../../../engine/kafka/codecs.js';
import { noise, textLike } from './sample-data.js';

// kafkajs's own RecordBatch encoder and decoder (the code its producer and consumer run), not public API.
const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (args: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (args: Record<string, unknown>) => unknown;
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<{
  attributes?: number;
  records: Array<{ offset: string; key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | Buffer[] | null> }>;
}>;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;

interface TestRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
}

function testRecords(): TestRecord[] {
  const out: TestRecord[] = [];
  for (let i = 0; i < 300; i += 1) {
    out.push({
      key: i % 17 === 0 ? null : Buffer.from(`key-${i}`),
      value: i % 29 === 0 ? null : i % 3 === 0 ? noise(500 + i, i + 1) : textLike(200 + i * 10, i + 1),
      headers: i % 5 === 0 ? {} : { trace: Buffer.from(`t-${i}`), dup: [Buffer.from('a'), Buffer.from([0, 255, 1])] },
    });
  }
  return out;
}

async function encodeBatch(compression: number, records: TestRecord[]): Promise<Buffer> {
  const encoded = await RecordBatch({
    compression,
    records: records.map((record, offsetDelta) => Record({ offsetDelta, ...record })),
    lastOffsetDelta: records.length - 1,
  });
  return encoded.buffer;
}

beforeAll(async () => {
  await registerCodecs();
});

describe('kafkajs record batches through the registered codecs', () => {
  it('registerCodecs is idempotent and fills every kafkajs codec slot', async () => {
    const before = { ...kafkajs.CompressionCodecs };
    await Promise.all([registerCodecs(), registerCodecs()]);
    expect({ ...kafkajs.CompressionCodecs }).toEqual(before);
    const codecs = kafkajs.CompressionCodecs;
    const { Snappy, LZ4, ZSTD } = kafkajs.CompressionTypes;
    for (const factory of [codecs[Snappy], codecs[LZ4], codecs[ZSTD]]) {
      const codec = factory() as { compress: unknown; decompress: unknown };
      expect(typeof codec.compress).toBe('function');
      expect(typeof codec.decompress).toBe('function');
    }
  });

  it.each<CompressionName>(['gzip', 'snappy', 'lz4', 'zstd'])(
    '%s: kafkajs encodes a batch with keys, nulls and headers and decodes it byte for byte',
    async (name) => {
      const records = testRecords();
      const batch = await encodeBatch(compressionType(name), records);
      // Attributes (int16 at byte 21 of the batch) carry the codec id in the low three bits.
      expect(batch.readInt16BE(8 + 4 + 4 + 1 + 4) & 0x07).toBe(compressionType(name));
      const uncompressed = await encodeBatch(kafkajs.CompressionTypes.None, records);
      expect(batch.length).toBeLessThan(uncompressed.length);

      const decoded = await decodeRecordBatch(new Decoder(batch));
      expect(decoded.records).toHaveLength(records.length);
      decoded.records.forEach((record, i) => {
        const expected = records[i] as TestRecord;
        expect(record.offset).toBe(String(i));
        expect(record.key).toEqual(expected.key);
        expect(record.value).toEqual(expected.value);
        expect(record.headers).toEqual(expected.headers);
      });
    },
  );
});
