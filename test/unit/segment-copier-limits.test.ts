/** Append batches stay under the byte limit (a larger record goes alone); segments shrink to fit the memory budget. */
import { describe, expect, it } from 'vitest';
import { appendBatches, copierLimits, DEFAULT_APPEND_MAX_BYTES, wireRecordBytes } from '../../engine/copy/segment-copier/index.js';
import { record } from './segment-copier-ports.js';

const sized = (offset: number, valueBytes: number) => record(offset, { key: null, headers: [], value: Buffer.alloc(valueBytes, 1) });

describe('append batches', () => {
  it('cuts at the byte limit counting framing, and sends a record larger than the limit alone', () => {
    const records = [sized(0, 300), sized(1, 300), sized(2, 300), sized(3, 5_000), sized(4, 10)];
    const batches = appendBatches(records, 1_000);
    expect(batches.map((b) => b.map((r) => Number(r.offset)))).toEqual([[0, 1], [2], [3], [4]]);
    for (const batch of batches.filter((b) => b.length > 1)) expect(batch.reduce((sum, r) => sum + wireRecordBytes(r).wire, 0)).toBeLessThanOrEqual(1_000);
  });

  it('counts key, value and header bytes as the payload, and framing on top', () => {
    const size = wireRecordBytes(record(1, { key: Buffer.from('ab'), value: Buffer.from('cde'), headers: [{ key: 'hé', value: Buffer.from('z') }, { key: 'n', value: null }] }));
    expect(size.payload).toBe(2 + 3 + 3 + 1 + 1);
    expect(size.wire).toBeGreaterThan(size.payload);
  });

  it('many tiny records in 512 KiB of estimated bytes stay under a 1 MiB message.max.bytes', () => {
    const tiny = Array.from({ length: 20_000 }, (_, o) => record(o, { key: null, headers: [], value: Buffer.alloc(1) }));
    const [first] = appendBatches(tiny, DEFAULT_APPEND_MAX_BYTES);
    // Kafka's real framing for such a record is under 20 bytes; the batch header is 61.
    expect(61 + (first?.length ?? 0) * 20).toBeLessThan(1024 * 1024);
  });
});

describe('copier limits', () => {
  it('cuts segments at seed.segment_max_bytes when it fits the budget, smaller when it does not', () => {
    // Default budget 64 MiB, three segments per seeding partition: about 5.3 MiB each at 4 partitions.
    expect(copierLimits({ maxConcurrentPartitions: 4, segmentMaxBytes: 4 * 2 ** 20 } as never).segmentBytes).toBe(4 * 2 ** 20);
    expect(copierLimits({ maxConcurrentPartitions: 4, segmentMaxBytes: 32 * 2 ** 20 } as never).segmentBytes).toBe(Math.floor((64 * 2 ** 20) / 12));
    expect(copierLimits({ maxConcurrentPartitions: 1, segmentMaxBytes: 32 * 2 ** 20 } as never).segmentBytes).toBe(Math.floor((64 * 2 ** 20) / 3));
    expect(copierLimits({ maxConcurrentPartitions: 16, segmentMaxBytes: 32 * 2 ** 20, memoryBudgetBytes: 96 * 2 ** 20 } as never).segmentBytes).toBe(2 * 2 ** 20);
  });
});
