/** The wire reader refuses bad fetch arguments by name before asking any broker, and nothing after close(). */
import { describe, expect, it } from 'vitest';
import { WireReader, type WireCluster } from '../../engine/kafka/records/index.js';

function untouchable(): WireCluster & { calls: number } {
  const cluster = {
    calls: 0,
    leaderOf: async () => {
      cluster.calls += 1;
      throw new Error('no broker should be asked');
    },
    anyBroker: async () => {
      cluster.calls += 1;
      throw new Error('no broker should be asked');
    },
    warm: async () => undefined,
    forget: () => undefined,
    maxMessageBytes: async () => undefined,
    requestTimeoutMs: 1000,
    clientId: 'unit',
    close: async () => undefined,
  };
  return cluster;
}

const ref = { topic: 'orders', partition: 2 };

describe('wire reader arguments', () => {
  it.each([
    [-1n, { maxBytes: 1024, maxWaitMs: 0 }, /fetch of orders-2: the offset is -1; expected an offset >= 0/],
    [0n, { maxBytes: 0, maxWaitMs: 0 }, /fetch of orders-2: maxBytes is 0; expected an integer from 1 to 2147483647/],
    [0n, { maxBytes: 2 ** 31, maxWaitMs: 0 }, /maxBytes is 2147483648/],
    [0n, { maxBytes: 1.5, maxWaitMs: 0 }, /maxBytes is 1.5/],
    [0n, { maxBytes: 1024, maxWaitMs: -5 }, /fetch of orders-2: maxWaitMs is -5; expected an integer from 0 to 2147483647/],
  ])('offset %s with %j is refused by name', async (from, options, message) => {
    const cluster = untouchable();
    await expect(new WireReader(cluster, { retries: 0 }).fetch(ref, from, options)).rejects.toThrow(message);
    expect(cluster.calls).toBe(0);
  });
});
