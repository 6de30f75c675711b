import { describe, expect, it } from 'vitest';
import { adminOffsetCommitRequest, findGroupCoordinatorRequest } from '../../engine/cutover/offset-commit-request.js';

/** Bytes as Kafka's protocol spells them: int16/int32/int64 big-endian, strings with an int16 length. */
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const int64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};
const str = (s: string | null) => (s === null ? int16(-1) : Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]));

describe('FindCoordinator v1', () => {
  it('encodes the group key and decodes the coordinator', async () => {
    const request = findGroupCoordinatorRequest('orders-app');
    expect(request.request).toMatchObject({ apiKey: 10, apiVersion: 1 });
    expect((await request.request.encode()).buffer).toEqual(Buffer.concat([str('orders-app'), Buffer.from([0])]));
    const answer = Buffer.concat([int32(0), int16(0), str(null), int32(2), str('broker-2'), int32(9092)]);
    expect(await request.response.decode(answer)).toEqual({ errorCode: 0, errorMessage: null, nodeId: 2, host: 'broker-2', port: 9092 });
  });
});

describe('OffsetCommit v2 (admin: generation -1, no member)', () => {
  it('encodes every partition offset and decodes per-partition errors', async () => {
    const request = adminOffsetCommitRequest('orders-app', [{ topic: 'orders', partitions: [{ partition: 0, offset: 7 }, { partition: 1, offset: 2 ** 40 }] }]);
    expect(request.request).toMatchObject({ apiKey: 8, apiVersion: 2 });
    const expected = Buffer.concat([
      str('orders-app'),
      int32(-1),
      str(''),
      int64(-1),
      int32(1),
      str('orders'),
      int32(2),
      int32(0),
      int64(7),
      str(null),
      int32(1),
      int64(2 ** 40),
      str(null),
    ]);
    expect((await request.request.encode()).buffer).toEqual(expected);
    const answer = Buffer.concat([int32(1), str('orders'), int32(2), int32(0), int16(0), int32(1), int16(25)]);
    expect(await request.response.decode(answer)).toEqual([
      { topic: 'orders', partition: 0, errorCode: 0 },
      { topic: 'orders', partition: 1, errorCode: 25 },
    ]);
  });
});
