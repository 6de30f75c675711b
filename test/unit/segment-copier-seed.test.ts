/**
 * The segment copier's seed and tail over in-memory record ports and the real S3SegmentStore (over FakeS3): every
 * record reaches the target in order with its key, value, headers and timestamp; the offset map is exact across gaps;
 * segments are stored under the documented keys with SSE-KMS; at most seed.max_concurrent_partitions partitions seed
 * at once, in plan order; the restore of a partition begins before its seed reading ends.
 */
import { describe, expect, it } from 'vitest';
import type { CopyStartOptions } from '../../engine/copy/data-copier.js';
import { translateOffset } from '../../engine/copy/offset-map.js';
import { initialPosition, partitionKey, type PartitionPosition, type PartitionRef } from '../../engine/copy/positions.js';
import { createSegmentCopier, type SegmentCopierOptions, type SegmentCopyRun } from '../../engine/copy/segment-copier/index.js';
import { segmentKey } from '../../engine/segments/index.js';
import { FakeS3 } from './segments/fake-s3.js';
import { MemorySource, MemoryTarget, MIGRATION, memoryStore, plain, PREFIX, record, until } from './segment-copier-ports.js';

const KMS = 'arn:aws:kms:eu-west-1:111122223333:key/segcopy-unit';
const ref = (topic: string, partition: number): PartitionRef => ({ topic, partition });

function setup(overrides: Partial<SegmentCopierOptions> = {}) {
  const source = new MemorySource();
  const target = new MemoryTarget();
  const s3 = new FakeS3();
  const copier = createSegmentCopier({
    openReader: () => source,
    openWriter: () => target,
    openStore: () => memoryStore(s3, KMS),
    migrationId: MIGRATION,
    maxConcurrentPartitions: 2,
    segmentMaxBytes: 1024,
    tailIdleMaxMs: 50,
    ...overrides,
  });
  return { source, target, s3, copier };
}

const boundaryOf = (source: MemorySource, refs: readonly PartitionRef[]): CopyStartOptions => ({ tailFrom: new Map(refs.map((r) => [partitionKey(r), source.log(r).end])) });

async function reach(run: SegmentCopyRun, ends: ReadonlyMap<string, number>): Promise<PartitionPosition[]> {
  await until('the copy to reach the source ends', () => {
    if (run.failure() !== undefined) throw run.failure();
    return run.snapshot().every((p) => p.nextSourceOffset >= (ends.get(partitionKey(p)) ?? 0));
  });
  return run.snapshot();
}

/** Every source record is on the target once, in order, and the offset map sends each to its target copy. */
function expectExactCopy(source: MemorySource, target: MemoryTarget, position: PartitionPosition): void {
  const sourceRecords = source.log(position).records;
  const targetRecords = target.records(position);
  expect(targetRecords.map((t) => plain(t.record))).toEqual(sourceRecords.map(plain));
  sourceRecords.forEach((r, i) => expect(translateOffset(position.runs, Number(r.offset), position.targetEnd ?? 0)).toBe(targetRecords[i]?.targetOffset));
  expect(position.records).toBe(sourceRecords.length);
}

describe('segment copier: seed through S3 segments, then the tail', () => {
  it('copies every record in order, keeps gaps out of the map, stores SSE-KMS segments under the documented keys', async () => {
    const { source, target, s3, copier } = setup();
    const [p0, p1, p2] = [ref('t.one', 0), ref('t.one', 1), ref('t.one', 2)];
    const gaps = new Set([10, 11, 12, 30]); // an aborted transaction and a marker
    source.add(
      p0,
      Array.from({ length: 60 }, (_, i) => i)
        .filter((o) => !gaps.has(o))
        .map((o) => record(o, o === 5 ? { value: null } : o === 6 ? { key: null } : o === 7 ? { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [] } : {})),
      62, // a trailing transaction marker at 60 and 61
    );
    source.log(p1); // empty
    source.add(p2, Array.from({ length: 25 }, (_, o) => record(o)));
    const refs = [p0, p1, p2];
    const start = boundaryOf(source, refs);
    const run = await copier.start(refs.map((r) => initialPosition(r, 0)), start);

    const seeded = await reach(run, start.tailFrom);
    expect(seeded.map((p) => p.nextSourceOffset)).toEqual([62, 0, 25]);
    expect(seeded.every((p) => p.tailRecords === 0)).toBe(true);

    // The tail: records written after the boundary are copied directly.
    source.add(p0, Array.from({ length: 8 }, (_, i) => record(62 + i)));
    source.add(p1, Array.from({ length: 5 }, (_, i) => record(i)));
    source.add(p2, [record(25), record(27)], 29);
    const tailed = await reach(run, new Map(refs.map((r) => [partitionKey(r), source.log(r).end])));
    await run.stop();
    expect(run.failure()).toBeUndefined();
    expect(target.closed).toBe(true);

    for (const position of run.snapshot()) expectExactCopy(source, target, position);
    expect(tailed.map((p) => [p.nextSourceOffset, p.tailRecords])).toEqual([
      [70, 8],
      [5, 5],
      [29, 2],
    ]);
    const [m0] = run.snapshot();
    expect(m0?.runs).toEqual([
      [0, 0, 10],
      [13, 10, 17],
      [31, 27, 29],
      [62, 56, 8],
    ]);

    // Segments: only seed offsets (below each boundary), under <prefix>/<migration>/segments/<topic>/<partition>/, SSE-KMS.
    const stored = run.events().filter((e) => e.type === 'segment.stored');
    expect(stored.length).toBeGreaterThan(3);
    for (const event of stored) {
      if (event.type !== 'segment.stored') continue;
      expect(event.key).toBe(segmentKey(PREFIX, MIGRATION, event.topic, event.partition, BigInt(event.firstOffset), BigInt(event.lastOffset)));
      expect(event.lastOffset).toBeLessThan(start.tailFrom.get(partitionKey(event)) as number);
      const object = s3.objects.get(event.key);
      expect(object?.sse).toBe('aws:kms');
      expect(object?.kmsKey).toBe(KMS);
    }
    expect([...s3.objects.keys()].some((key) => key.includes('/t.one/1/'))).toBe(false);
    const restoredRecords = run.events().reduce((sum, e) => sum + (e.type === 'segment.restored' ? e.records : 0), 0);
    expect(restoredRecords).toBe(56 + 25);
  });

  it('moves a partition whose seed range holds only gaps (an aborted transaction and its marker) to its boundary, storing nothing', async () => {
    const { source, target, s3, copier } = setup();
    const p0 = ref('t.gaps', 0);
    source.add(p0, [], 4); // offsets 0-2 aborted, 3 the marker: nothing committed
    const start = boundaryOf(source, [p0]);
    const run = await copier.start([initialPosition(p0, 0)], start);
    const [done] = await reach(run, start.tailFrom);
    await run.stop();
    expect(done).toMatchObject({ nextSourceOffset: 4, records: 0, targetEnd: null, runs: [] });
    expect(target.appends).toEqual([]);
    expect(s3.objects.size).toBe(0);
    expect(run.events().map((e) => e.type)).toEqual(['seed.started', 'seed.read', 'seed.restored']);
  });

  it('seeds at most seed.max_concurrent_partitions partitions at once, in plan order; the others wait', async () => {
    const { source, copier } = setup({ maxConcurrentPartitions: 2 });
    const refs = [3, 1, 4, 0, 2].map((n) => ref('t.queue', n));
    for (const r of refs) source.add(r, Array.from({ length: 30 }, (_, o) => record(o)));
    source.gate = () => new Promise((resolve) => setTimeout(resolve, 1));
    const start = boundaryOf(source, refs);
    const run = await copier.start(refs.map((r) => initialPosition(r, 0)), start);
    await reach(run, start.tailFrom);
    await run.stop();

    let active = 0;
    let most = 0;
    for (const event of run.events()) {
      if (event.type === 'seed.started') active += 1;
      if (event.type === 'seed.restored') active -= 1;
      most = Math.max(most, active);
    }
    expect(most).toBe(2);
    expect(run.events().flatMap((e) => (e.type === 'seed.started' ? [e.partition] : []))).toEqual([0, 1, 2, 3, 4]);
    // Seed fetches of a partition only happen between its seed.started and seed.restored.
    const seedFetchPartitions = new Set(source.fetches.filter((f) => f.from < 30).map((f) => f.key));
    expect(seedFetchPartitions.size).toBe(5);
  });

  it('restores a partition while its seed is still reading (pipelined)', async () => {
    const { source, target, copier } = setup({ maxConcurrentPartitions: 1, segmentMaxBytes: 2048 });
    const p0 = ref('t.pipe', 0);
    source.add(p0, Array.from({ length: 200 }, (_, o) => record(o)));
    // Past offset 100 the source answers only once the target holds a restored record of this partition: a copier that
    // restored only after reading everything would never get there.
    source.gate = async (_r, from) => {
      if (from >= 100) await until('a restored record before the seed read past 100', () => target.records(p0).length > 0, 3_000);
    };
    const start = boundaryOf(source, [p0]);
    const run = await copier.start([initialPosition(p0, 0)], start);
    const [done] = await reach(run, start.tailFrom);
    await run.stop();
    expect(run.failure()).toBeUndefined();
    expect(done?.records).toBe(200);
    const events = run.events();
    const firstRestored = events.findIndex((e) => e.type === 'segment.restored');
    const lastStored = events.map((e) => e.type).lastIndexOf('segment.stored');
    const seedRead = events.findIndex((e) => e.type === 'seed.read');
    expect(firstRestored).toBeGreaterThanOrEqual(0);
    expect(firstRestored).toBeLessThan(lastStored);
    expect(firstRestored).toBeLessThan(seedRead);
  });
});
