/**
 * read_committed on hand-built Fetch v11 answers, decoded by the real response decoder (engine/kafka/protocol/fetch.ts)
 * and turned into records by the reader's own path (engine/kafka/records/fetch-answer.ts): committed transactions and
 * plain records are returned, aborted transactions and markers are not, and the next offset moves past all of them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../engine/errors.js';
import { READ_COMMITTED, fetchRequest, type FetchResponse } from '../../engine/kafka/protocol/fetch.js';
import { RecordBatchDamageError } from '../../engine/kafka/records/batch-damage.js';
import { encodeBatch } from '../../engine/kafka/records/batch-encode.js';
import { ByteWriter } from '../../engine/kafka/records/byte-writer.js';
import { recordsOfFetchAnswer } from '../../engine/kafka/records/fetch-answer.js';
import type { AbortedTransaction } from '../../engine/kafka/records/read-committed.js';
import { crc32c } from '../../engine/segments/crc32c.js';
import type { SegmentRecord } from '../../engine/segments/types.js';

const ref = { topic: 'orders', partition: 3 };

function records(base: bigint, count: number, label: string): SegmentRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    offset: base + BigInt(i),
    timestamp: 1_700_000_000_000n + base + BigInt(i),
    timestampType: 'CreateTime' as const,
    key: Buffer.from(`${label}-${i}`),
    value: Buffer.from(`value ${label}-${i}`),
    headers: [],
  }));
}

/** A data batch at `baseOffset`: transactional when `producerId` >= 0 and `transactional`. */
function dataBatch(baseOffset: bigint, count: number, label: string, producerId = -1n, transactional = false): Buffer {
  const bytes = encodeBatch(records(baseOffset, count, label), { producerId, producerEpoch: producerId < 0n ? -1 : 0, baseSequence: producerId < 0n ? -1 : 0, compression: 'none', transactional });
  bytes.writeBigInt64BE(baseOffset, 0);
  return bytes;
}

/** A transaction marker (control batch) as the coordinator writes it: key = version 0, type (0 abort, 1 commit). */
function marker(offset: bigint, producerId: bigint, type: 'abort' | 'commit'): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(type === 'abort' ? 0 : 1, 2);
  const value = Buffer.alloc(6);
  const control: SegmentRecord = { offset, timestamp: 1n, timestampType: 'CreateTime', key, value, headers: [] };
  const bytes = encodeBatch([control], { producerId, producerEpoch: 0, baseSequence: -1, compression: 'none', transactional: true });
  bytes.writeBigInt64BE(offset, 0);
  bytes.writeInt16BE(bytes.readInt16BE(21) | 0x20, 21);
  bytes.writeUInt32BE(crc32c(bytes.subarray(21)), 17);
  return bytes;
}

interface AnswerSpec {
  records: Buffer | null;
  aborted: AbortedTransaction[] | null;
  errorCode?: number;
  highWatermark?: bigint;
  throttleMs?: number;
}

/** The bytes of a Fetch v11 response for one partition, decoded by the request's own decoder. */
async function fetchAnswer(spec: AnswerSpec): Promise<FetchResponse> {
  const out = new ByteWriter(256);
  out.i32(spec.throttleMs ?? 0).i16(0).i32(0); // throttle, error, session
  out.i32(1).string(ref.topic).i32(1);
  out.i32(ref.partition).i16(spec.errorCode ?? 0).i64(spec.highWatermark ?? 100n).i64(90n).i64(0n);
  if (spec.aborted === null) out.i32(-1);
  else {
    out.i32(spec.aborted.length);
    for (const entry of spec.aborted) out.i64(entry.producerId).i64(entry.firstOffset);
  }
  out.i32(-1).sizedBytes(spec.records);
  const request = fetchRequest([{ ...ref, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }], {
    version: 11,
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 1 << 20,
    isolationLevel: READ_COMMITTED,
  });
  return request.response.decode(out.toBuffer());
}

async function read(spec: AnswerSpec, from = 0n) {
  const response = await fetchAnswer(spec);
  const answer = response.partitions[0];
  if (answer === undefined) throw new Error('no partition in the answer');
  return recordsOfFetchAnswer(ref, from, answer, 1 << 20);
}

const keys = (got: { records: readonly SegmentRecord[] }): string[] => got.records.map((r) => Buffer.from(r.key ?? []).toString());

describe('read_committed on a fetch answer', () => {
  it('the decoder reads every field of the answer', async () => {
    const response = await fetchAnswer({ records: dataBatch(0n, 1, 'a'), aborted: [{ producerId: 9n, firstOffset: 4n }], highWatermark: 77n, throttleMs: 250 });
    // A quota throttle is handed to kafkajs's connection, which holds back the next requests (KIP-219).
    expect([response.throttleTimeMs, response.clientSideThrottleTime]).toEqual([250, 250]);
    expect(response.partitions[0]).toMatchObject({
      ...ref,
      errorCode: 0,
      highWatermark: 77n,
      lastStableOffset: 90n,
      logStartOffset: 0n,
      abortedTransactions: [{ producerId: 9n, firstOffset: 4n }],
    });
  });

  it('a committed and an aborted transaction, interleaved with plain records: only the committed and plain ones come back', async () => {
    const bytes = Buffer.concat([
      dataBatch(0n, 2, 'plain'),
      dataBatch(2n, 2, 'txA', 10n, true), // producer 10: aborted
      dataBatch(4n, 2, 'txB', 11n, true), // producer 11: committed
      dataBatch(6n, 1, 'txA-more', 10n, true),
      marker(7n, 10n, 'abort'),
      marker(8n, 11n, 'commit'),
      dataBatch(9n, 1, 'after'),
      dataBatch(10n, 1, 'txA-next', 10n, true), // producer 10's next transaction, committed: after its abort marker
      marker(11n, 10n, 'commit'),
    ]);
    const got = await read({ records: bytes, aborted: [{ producerId: 10n, firstOffset: 2n }] });
    expect(keys(got)).toEqual(['plain-0', 'plain-1', 'txB-0', 'txB-1', 'after-0', 'txA-next-0']);
    expect(got.records.map((r) => r.offset)).toEqual([0n, 1n, 4n, 5n, 9n, 10n]);
    expect(got.records[2]?.batch).toMatchObject({ producerId: 11n, transactional: true, baseOffset: 4n });
    expect(got.nextOffset).toBe(12n);
    expect([got.highWatermark, got.lastStableOffset, got.logStartOffset]).toEqual([100n, 90n, 0n]);
  });

  it('an answer with only markers and aborted batches returns no records but moves past them (the partition never stalls)', async () => {
    const bytes = Buffer.concat([dataBatch(20n, 3, 'x', 5n, true), marker(23n, 5n, 'abort'), marker(24n, 6n, 'commit')]);
    const got = await read({ records: bytes, aborted: [{ producerId: 5n, firstOffset: 20n }] }, 20n);
    expect(got.records).toEqual([]);
    expect(got.nextOffset).toBe(25n);
  });

  it('an aborted transaction that began before the fetch offset still drops its records after it', async () => {
    const bytes = Buffer.concat([dataBatch(30n, 4, 'late', 7n, true), dataBatch(34n, 1, 'plain'), marker(35n, 7n, 'abort')]);
    const got = await read({ records: bytes, aborted: [{ producerId: 7n, firstOffset: 12n }] }, 32n);
    expect(keys(got)).toEqual(['plain-0']);
    expect(got.nextOffset).toBe(36n);
  });

  it("a producer's non-transactional batch is kept even while its transaction is aborted (only transactional batches are dropped)", async () => {
    const bytes = Buffer.concat([dataBatch(0n, 1, 'tx', 8n, true), dataBatch(1n, 1, 'idempotent', 8n, false), marker(2n, 8n, 'abort')]);
    const got = await read({ records: bytes, aborted: [{ producerId: 8n, firstOffset: 0n }] });
    expect(keys(got)).toEqual(['idempotent-0']);
  });

  it('records below the fetch offset inside the first batch are skipped; a compacted tail moves the next offset to the batch end', async () => {
    const batch = dataBatch(40n, 3, 'c');
    // Compaction removed the batch's last record but kept its lastOffsetDelta: pretend the batch covers 40..44.
    batch.writeInt32BE(4, 23);
    batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
    const got = await read({ records: batch, aborted: null }, 41n);
    expect(got.records.map((r) => r.offset)).toEqual([41n, 42n]);
    expect(got.nextOffset).toBe(45n);
  });

  it('an emptied batch the log cleaner kept (no records, codec bits still set) is passed over, and the next offset moves past it', async () => {
    const emptied = dataBatch(80n, 1, 'e').subarray(0, 61);
    emptied.writeInt32BE(61 - 12, 8);
    emptied.writeInt32BE(2, 23); // it covered 80..82
    emptied.writeInt32BE(0, 57);
    emptied.writeInt16BE(1, 21); // gzip
    emptied.writeUInt32BE(crc32c(emptied.subarray(21)), 17);
    const got = await read({ records: Buffer.concat([emptied, dataBatch(83n, 1, 'after')]), aborted: null }, 80n);
    expect(keys(got)).toEqual(['after-0']);
    expect(got.nextOffset).toBe(84n);
  });

  it('an empty answer leaves the next offset where it was; a partial trailing batch is left for the next fetch', async () => {
    expect((await read({ records: null, aborted: null }, 50n)).nextOffset).toBe(50n);
    const whole = dataBatch(50n, 2, 'w');
    const partial = dataBatch(52n, 2, 'p');
    const got = await read({ records: Buffer.concat([whole, partial.subarray(0, 40)]), aborted: null }, 50n);
    expect(keys(got)).toEqual(['w-0', 'w-1']);
    expect(got.nextOffset).toBe(52n);
  });

  it('a damaged batch is reported with the partition, its offset and its byte position in the answer', async () => {
    const good = dataBatch(60n, 2, 'g');
    const bad = dataBatch(62n, 2, 'b');
    bad.writeUInt8((bad.readUInt8(bad.length - 2) ^ 0xff) & 0xff, bad.length - 2);
    const error = await read({ records: Buffer.concat([good, bad]), aborted: null }, 60n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordBatchDamageError);
    expect((error as RecordBatchDamageError).message).toMatch(new RegExp(`orders-3: record batch at offset 62 \\(byte ${good.length} of the fetch answer\\) is damaged: CRC32C mismatch`));
    expect((error as RecordBatchDamageError).damage).toMatchObject({ topic: 'orders', partition: 3, baseOffset: 62n, bytePosition: good.length });
  });

  it.each(['java-lz4-v0.bin', 'java-snappy-v1.bin'])('%s: an old message format (magic 0/1) fails naming the partition, offset and format', async (name) => {
    const bytes = readFileSync(new URL(`./kafka/fixtures/${name}`, import.meta.url));
    const error = await read({ records: bytes, aborted: null }).catch((e: unknown) => e);
    // A compressed v0/v1 wrapper message carries the offset of its last inner message (40 records: offset 39).
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('NOT_IMPLEMENTED');
    expect((error as Error).message).toMatch(/^orders-3: the batch at offset 39 uses message format v[01] \(before Kafka 0\.11\); the copy reads record batch v2 only/);
  });

  it('an answer holding bytes but no whole batch fails instead of stalling', async () => {
    const partial = dataBatch(70n, 2, 'p').subarray(0, 30);
    await expect(read({ records: partial, aborted: null }, 70n)).rejects.toThrow(/no whole record batch/);
  });
});
