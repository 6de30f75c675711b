/**
 * In-memory record ports for the segment copier's unit tests: a source partition log (offsets with gaps, a log start
 * that retention can move, a high watermark past the last record for trailing markers) and a target that appends
 * batches and answers with base offsets, each with hooks to hold or fail a call. The store is the real
 * S3SegmentStore over the FakeS3 of the segment tests.
 */
import { MigrationError } from '../../engine/errors.js';
import type { FetchedRecords, FetchOptions, PartitionReader, PartitionWriter } from '../../engine/copy/record-ports.js';
import { partitionKey, type PartitionRef } from '../../engine/copy/positions.js';
import { S3SegmentStore, type SegmentRecord } from '../../engine/segments/index.js';
import { FakeS3 } from './segments/fake-s3.js';

export const MIGRATION = 'mig-segcopy-unit';
export const BUCKET = 'kb-backup';
export const PREFIX = 'migrations';

interface SourceLog {
  records: SegmentRecord[];
  logStart: number;
  end: number;
}

export function record(offset: number, overrides: Partial<SegmentRecord> = {}): SegmentRecord {
  return {
    offset: BigInt(offset),
    timestamp: 1_700_000_000_000n + BigInt(offset),
    timestampType: 'CreateTime',
    key: Buffer.from(`k${offset}`),
    value: Buffer.from(`value ${offset} `.repeat(8)),
    headers: [
      { key: 'h', value: Buffer.from(`a${offset}`) },
      { key: 'x', value: null },
      { key: 'h', value: Buffer.from(`b${offset}`) },
    ],
    ...overrides,
  };
}

export class MemorySource implements PartitionReader {
  readonly logs = new Map<string, SourceLog>();
  readonly fetches: Array<{ key: string; from: number }> = [];
  /** Records one fetch returns at most. */
  recordsPerFetch = 7;
  /** Awaited before each fetch answers; hold it to pause the reader. */
  gate: (ref: PartitionRef, from: number) => Promise<void> = async () => {};
  private readonly active = new Set<string>();
  /** Most partitions being fetched at the same moment. */
  maxActive = 0;

  add(ref: PartitionRef, records: readonly SegmentRecord[], end?: number): void {
    const log = this.log(ref);
    log.records.push(...records);
    log.end = end ?? Math.max(log.end, Number(records.at(-1)?.offset ?? -1n) + 1);
  }

  /** Retention: records below `logStart` are deleted. */
  truncate(ref: PartitionRef, logStart: number): void {
    const log = this.log(ref);
    log.logStart = logStart;
    log.records = log.records.filter((r) => Number(r.offset) >= logStart);
  }

  log(ref: PartitionRef): SourceLog {
    const key = partitionKey(ref);
    let log = this.logs.get(key);
    if (log === undefined) {
      log = { records: [], logStart: 0, end: 0 };
      this.logs.set(key, log);
    }
    return log;
  }

  async fetch(ref: PartitionRef, from: bigint, options: FetchOptions): Promise<FetchedRecords> {
    const key = partitionKey(ref);
    this.fetches.push({ key, from: Number(from) });
    this.active.add(key);
    this.maxActive = Math.max(this.maxActive, this.active.size);
    try {
      await this.gate(ref, Number(from));
      const log = this.log(ref);
      if (Number(from) < log.logStart || Number(from) > log.end) {
        throw new MigrationError({ code: 'STATE', message: `${key}: offset ${from} out of range ${log.logStart}..${log.end}` });
      }
      const records: SegmentRecord[] = [];
      let bytes = 0;
      for (const r of log.records) {
        if (r.offset < from || Number(r.offset) >= log.end) continue;
        if (records.length >= this.recordsPerFetch || (records.length > 0 && bytes >= options.maxBytes)) break;
        records.push(r);
        bytes += (r.value?.length ?? 0) + (r.key?.length ?? 0);
      }
      const more = log.records.some((r) => Number(r.offset) > Number(records.at(-1)?.offset ?? -1n) && Number(r.offset) < log.end && r.offset >= from);
      const nextOffset = more ? (records.at(-1)?.offset ?? from) + 1n : BigInt(Math.max(Number(from), log.end));
      const end = BigInt(log.end);
      return { records, nextOffset, highWatermark: end, lastStableOffset: end, logStartOffset: BigInt(log.logStart) };
    } finally {
      this.active.delete(key);
    }
  }

  async offsets(refs: readonly PartitionRef[]) {
    return refs.map((ref) => ({ ...ref, logStart: BigInt(this.log(ref).logStart), end: BigInt(this.log(ref).end) }));
  }

  async close(): Promise<void> {}
}

export interface StoredTargetRecord {
  readonly targetOffset: number;
  readonly record: SegmentRecord;
}

export class MemoryTarget implements PartitionWriter {
  readonly partitions = new Map<string, StoredTargetRecord[]>();
  readonly appends: Array<{ key: string; count: number; atMs: number }> = [];
  /** Awaited before each append lands; throw from it to fail the append (nothing lands). */
  gate: (ref: PartitionRef, records: readonly SegmentRecord[]) => Promise<void> = async () => {};
  closed = false;

  records(ref: PartitionRef): StoredTargetRecord[] {
    return this.partitions.get(partitionKey(ref)) ?? [];
  }

  async append(ref: PartitionRef, records: readonly SegmentRecord[]): Promise<bigint> {
    if (this.closed) throw new Error('append after close');
    await this.gate(ref, records);
    const key = partitionKey(ref);
    const log = this.partitions.get(key) ?? [];
    this.partitions.set(key, log);
    const base = log.length;
    // Copy the bytes: restored records are views into a segment block that is gone after the append.
    records.forEach((record, i) => log.push({ targetOffset: base + i, record: copyRecord(record) }));
    this.appends.push({ key, count: records.length, atMs: Date.now() });
    return BigInt(base);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const copyBytes = (value: Uint8Array | null) => (value === null ? null : Buffer.from(value));

function copyRecord(r: SegmentRecord): SegmentRecord {
  return { ...r, key: copyBytes(r.key), value: copyBytes(r.value), headers: r.headers.map((h) => ({ key: h.key, value: copyBytes(h.value) })) };
}

/** A record as plain data for toEqual: offset, timestamp, key, value, headers in order (bytes as text or null). */
export function plain(r: SegmentRecord): unknown {
  const text = (value: Uint8Array | null) => (value === null ? null : Buffer.from(value).toString('utf8'));
  return { offset: Number(r.offset), timestamp: r.timestamp, key: text(r.key), value: text(r.value), headers: r.headers.map((h) => [h.key, text(h.value)]) };
}

export function memoryStore(s3: FakeS3, kmsKeyArn?: string): S3SegmentStore {
  return new S3SegmentStore({ s3: s3.client, bucket: BUCKET, prefix: PREFIX, kmsKeyArn, migrationId: MIGRATION });
}

/** Polls until `probe` is true (or fails the test after `ms`). */
export async function until(what: string, probe: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise and its resolver, to hold a port call until the test lets it go. */
export function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
