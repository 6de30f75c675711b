/**
 * The segment copier when things go wrong: a failed S3 put or a failed append fails the run without moving a position
 * past what the target holds; stop() lets the append in flight finish (its acknowledgement moves the position) and
 * starts nothing after it; a retention gap in the seed or the tail jumps to the log start and leaves the lost offsets
 * out of the map; a resumed seed restores the segments an earlier run stored instead of reading the source again.
 */
import { describe, expect, it } from 'vitest';
import { appendCopied } from '../../engine/copy/offset-map.js';
import { initialPosition, partitionKey, type PartitionPosition, type PartitionRef } from '../../engine/copy/positions.js';
import { createSegmentCopier, type SegmentCopierOptions, type SegmentCopyRun } from '../../engine/copy/segment-copier/index.js';
import { FakeS3 } from './segments/fake-s3.js';
import { latch, MemorySource, MemoryTarget, MIGRATION, memoryStore, plain, record, until } from './segment-copier-ports.js';

const P0: PartitionRef = { topic: 't.fault', partition: 0 };

function setup(overrides: Partial<SegmentCopierOptions> = {}, s3 = new FakeS3()) {
  const source = new MemorySource();
  const target = new MemoryTarget();
  const copier = createSegmentCopier({
    openReader: () => source,
    openWriter: () => target,
    openStore: () => memoryStore(s3),
    migrationId: MIGRATION,
    maxConcurrentPartitions: 1,
    segmentMaxBytes: 1024,
    appendMaxBytes: 1024,
    tailIdleMaxMs: 50,
    ...overrides,
  });
  return { source, target, s3, copier };
}

const tailFrom = (boundary: number) => ({ tailFrom: new Map([[partitionKey(P0), boundary]]) });

/** The position claims exactly the records on the target: the same count, and the source's first ones in order. */
function expectPositionMatchesTarget(source: MemorySource, target: MemoryTarget, position: PartitionPosition | undefined): void {
  const onTarget = target.records(P0);
  expect(position?.records).toBe(onTarget.length);
  expect(position?.targetEnd ?? 0).toBe(onTarget.length);
  const expected = source.log(P0).records.filter((r) => Number(r.offset) < (position?.nextSourceOffset ?? 0));
  expect(onTarget.map((t) => plain(t.record))).toEqual(expected.map(plain));
}

async function failed(run: SegmentCopyRun): Promise<Error> {
  await until('the run to fail', () => run.failure() !== undefined);
  await run.stop();
  return run.failure() as Error;
}

describe('segment copier faults', () => {
  it('a failed S3 put fails the run; the position stays at what the target holds', async () => {
    const { source, target, s3, copier } = setup();
    source.add(P0, Array.from({ length: 100 }, (_, o) => record(o)));
    let puts = 0;
    s3.before = (name) => {
      if (name === 'PutObject' && ++puts === 3) throw Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    };
    const run = await copier.start([initialPosition(P0, 0)], tailFrom(100));
    const error = await failed(run);
    expect(error.message).toMatch(/segment/);
    const [position] = run.snapshot();
    expect(position?.nextSourceOffset).toBeLessThan(100);
    expectPositionMatchesTarget(source, target, position);
    expect(run.events().filter((e) => e.type === 'segment.stored')).toHaveLength(2);
  });

  it('a failed append fails the run and moves nothing', async () => {
    const { source, target, copier } = setup();
    source.add(P0, Array.from({ length: 100 }, (_, o) => record(o)));
    let appends = 0;
    target.gate = async () => {
      if (++appends === 2) throw new Error('NOT_ENOUGH_REPLICAS');
    };
    const run = await copier.start([initialPosition(P0, 0)], tailFrom(100));
    expect((await failed(run)).message).toBe('NOT_ENOUGH_REPLICAS');
    const [position] = run.snapshot();
    expect(target.appends).toHaveLength(1);
    expect(position?.nextSourceOffset).toBe(Number(target.records(P0).at(-1)?.record.offset) + 1);
    expectPositionMatchesTarget(source, target, position);
  });

  it('splits a batch the target refuses as too large (nothing stored) and sends the halves in order', async () => {
    const { source, target, copier } = setup({ appendMaxBytes: 64 * 1024 });
    source.add(P0, Array.from({ length: 40 }, (_, o) => record(o)));
    const refused: number[] = [];
    target.gate = async (_ref, records) => {
      if (records.length > 6) {
        refused.push(records.length);
        throw Object.assign(new Error(`a record batch of ${records.length} records is larger than the target accepts`), { name: 'BatchTooLargeError' });
      }
    };
    const run = await copier.start([initialPosition(P0, 0)], tailFrom(40));
    await until('the seed to finish', () => run.snapshot()[0]?.nextSourceOffset === 40);
    await run.stop();
    expect(run.failure()).toBeUndefined();
    expect(refused.length).toBeGreaterThan(0);
    expect(target.appends.every((a) => a.count <= 6)).toBe(true);
    expectPositionMatchesTarget(source, target, run.snapshot()[0]);
  });

  it('stop() waits for the append in flight, keeps its acknowledgement, and appends nothing after it', async () => {
    const { source, target, copier } = setup();
    source.add(P0, Array.from({ length: 100 }, (_, o) => record(o)));
    const hold = latch();
    let appends = 0;
    target.gate = async () => {
      if (++appends === 2) await hold.promise;
    };
    const run = await copier.start([initialPosition(P0, 0)], tailFrom(100));
    await until('the second append to be in flight', () => appends === 2);
    let stopped = false;
    const stopping = run.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    hold.open();
    await stopping;
    expect(target.appends).toHaveLength(2);
    const [position] = run.snapshot();
    expect(position?.nextSourceOffset).toBeLessThan(100);
    expectPositionMatchesTarget(source, target, position);
    expect(run.failure()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(target.appends).toHaveLength(2);
  });

  it('jumps over offsets retention deleted, in the seed and in the tail, and reports both gaps', async () => {
    const { source, target, copier } = setup();
    source.add(P0, Array.from({ length: 50 }, (_, o) => record(o)));
    source.truncate(P0, 20);
    let tailTruncated = false;
    source.gate = async (_ref, from) => {
      if (from === 50 && !tailTruncated) {
        tailTruncated = true;
        source.add(P0, Array.from({ length: 10 }, (_, i) => record(50 + i)));
        source.truncate(P0, 55);
      }
    };
    const run = await copier.start([initialPosition(P0, 0)], tailFrom(50));
    await until('the copy to pass the tail gap', () => (run.snapshot()[0]?.nextSourceOffset ?? 0) >= 60);
    await run.stop();
    expect(run.retentionGaps()).toEqual([
      { topic: 't.fault', partition: 0, from: 0, to: 20 },
      { topic: 't.fault', partition: 0, from: 50, to: 55 },
    ]);
    expect(run.snapshot()[0]?.runs).toEqual([
      [20, 0, 30],
      [55, 30, 5],
    ]);
    expect(target.records(P0).map((t) => Number(t.record.offset))).toEqual([...Array.from({ length: 30 }, (_, i) => 20 + i), 55, 56, 57, 58, 59]);
  });

  it('a resumed seed restores the segments an earlier run stored, from inside the first, without reading them again', async () => {
    const s3 = new FakeS3();
    const first = setup({}, s3);
    const records = Array.from({ length: 80 }, (_, o) => record(o));
    first.source.add(P0, records);
    const run1 = await first.copier.start([initialPosition(P0, 0)], tailFrom(80));
    await until('the first run to seed', () => run1.snapshot()[0]?.nextSourceOffset === 80);
    await run1.stop();
    const storedKeys = [...s3.objects.keys()];
    expect(storedKeys.length).toBeGreaterThan(2);

    // The second run: the journal's position says 15 records are on the target; the segments are in S3 already.
    const second = setup({}, s3);
    second.source.add(P0, records);
    second.target.partitions.set(partitionKey(P0), records.slice(0, 15).map((record, i) => ({ targetOffset: i, record })));
    const resumeAt: PartitionPosition = { ...initialPosition(P0, 0), nextSourceOffset: 15, targetEnd: 15, runs: appendCopied([], [...Array(15).keys()], 0), records: 15 };
    const run2 = await second.copier.start([resumeAt], tailFrom(80));
    await until('the second run to seed', () => run2.snapshot()[0]?.nextSourceOffset === 80);
    await run2.stop();
    expect(run2.failure()).toBeUndefined();
    expect(second.source.fetches.filter((f) => f.from < 80)).toEqual([]);
    expect(run2.events().filter((e) => e.type === 'segment.stored')).toEqual([]);
    // Segments wholly below the position are not needed; the first one listed holds offset 14, already on the target.
    const needed = storedKeys.filter((key) => Number(/-(\d{20})\.seg$/.exec(key)?.[1]) >= 15).sort();
    expect(needed[0]).toMatch(/00000000000000000014-00000000000000000020\.seg$/);
    expect(run2.events().filter((e) => e.type === 'segment.reused').map((e) => (e.type === 'segment.reused' ? e.key : ''))).toEqual(needed);
    expect([...s3.objects.keys()].sort()).toEqual(storedKeys.sort());
    expect(second.target.records(P0).map((t) => plain(t.record))).toEqual(records.map(plain));
    expect(run2.snapshot()[0]?.runs).toEqual([[0, 0, 80]]);
  });
});
