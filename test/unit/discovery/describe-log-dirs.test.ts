import { describe, expect, it } from 'vitest';
import {
  DESCRIBE_LOG_DIRS_API_KEY,
  DESCRIBE_LOG_DIRS_VERSION,
  decodeDescribeLogDirsResponse,
  describeLogDirsRequest,
  encodeDescribeLogDirsRequest,
} from '../../../engine/kafka/protocol/describe-log-dirs.js';
import { KafkajsEncoderClass } from '../../../engine/kafka/protocol/kafkajs-internals.js';

function hex(buffer: Buffer): string {
  return buffer.toString('hex');
}

/** A v1 response built field by field, as Kafka's DescribeLogDirsResponseData writes it. */
function response(dirs: { error: number; dir: string; topics: { name: string; partitions: [number, bigint, bigint, boolean][] }[] }[]): Buffer {
  const e = new KafkajsEncoderClass().writeInt32(7).writeInt32(dirs.length);
  for (const dir of dirs) {
    e.writeInt16(dir.error).writeString(dir.dir).writeInt32(dir.topics.length);
    for (const topic of dir.topics) {
      e.writeString(topic.name).writeInt32(topic.partitions.length);
      for (const [index, size, lag, future] of topic.partitions) {
        e.writeInt32(index).writeInt64(size.toString()).writeInt64(lag.toString()).writeBoolean(future);
      }
    }
  }
  return e.buffer;
}

describe('DescribeLogDirs v1', () => {
  it('is API key 35, version 1 (accepted by Kafka 1.1 through 4.x)', () => {
    const request = describeLogDirsRequest(undefined);
    expect(request.request).toMatchObject({ apiKey: DESCRIBE_LOG_DIRS_API_KEY, apiVersion: DESCRIBE_LOG_DIRS_VERSION, apiName: 'DescribeLogDirs' });
    expect([DESCRIBE_LOG_DIRS_API_KEY, DESCRIBE_LOG_DIRS_VERSION]).toEqual([35, 1]);
  });

  it('asks for every partition with a null topic array', () => {
    expect(hex(encodeDescribeLogDirsRequest(undefined).buffer)).toBe('ffffffff');
  });

  it('encodes the topics and partitions asked for', () => {
    const body = encodeDescribeLogDirsRequest([
      { topic: 'ab', partitions: [0, 2] },
      { topic: 'c', partitions: [] },
    ]).buffer;
    // [2 topics] "ab" [2: 0, 2] "c" [0]
    expect(hex(body)).toBe('00000002' + '0002' + '6162' + '00000002' + '00000000' + '00000002' + '0001' + '63' + '00000000');
  });

  it('decodes sizes and lags of several log dirs, keeping error codes and future replicas', () => {
    const decoded = decodeDescribeLogDirsResponse(
      response([
        {
          error: 0,
          dir: '/data/a',
          topics: [{ name: 'orders', partitions: [[0, 1_234_567_890_123n, 0n, false], [1, 0n, 5n, true]] }],
        },
        { error: 56, dir: '/data/b', topics: [] },
      ]),
    );
    expect(decoded).toEqual({
      throttleTimeMs: 7,
      results: [
        {
          errorCode: 0,
          logDir: '/data/a',
          topics: [
            {
              topic: 'orders',
              partitions: [
                { partition: 0, sizeBytes: 1_234_567_890_123, offsetLag: 0, isFuture: false },
                { partition: 1, sizeBytes: 0, offsetLag: 5, isFuture: true },
              ],
            },
          ],
        },
        { errorCode: 56, logDir: '/data/b', topics: [] },
      ],
    });
  });

  it('refuses a size beyond Number.MAX_SAFE_INTEGER instead of rounding it', () => {
    const payload = response([{ error: 0, dir: '/d', topics: [{ name: 't', partitions: [[3, 9_007_199_254_740_993n, 0n, false]] }] }]);
    expect(() => decodeDescribeLogDirsResponse(payload)).toThrow(/DescribeLogDirs \/d t-3 size is 9007199254740993/);
  });

  it('decodes an empty answer (what a broker sends a principal without DESCRIBE on the cluster)', async () => {
    const request = describeLogDirsRequest([{ topic: 't', partitions: [0] }], 5_000);
    expect(request.requestTimeout).toBe(5_000);
    const data = await request.response.decode(new KafkajsEncoderClass().writeInt32(0).writeInt32(0).buffer);
    expect(await request.response.parse(data)).toEqual({ throttleTimeMs: 0, results: [] });
  });
});
