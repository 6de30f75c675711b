/**
 * Resume reconciliation over small in-memory partition logs: records a crash left on the target past the journal are
 * matched with the source and taken into the position (no re-produce); anything else on the target is a blocker naming
 * the partition, the target offsets and why. Then the orchestrator over in-memory ports: a resume starts the copier
 * past the reconciled records, foreign records stop the run before the copier starts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateOffset } from '../../engine/copy/offset-map.js';
import { initialPosition, partitionKey, type PartitionPosition, type PartitionRef } from '../../engine/copy/positions.js';
import type { FetchedRecords, PartitionReader } from '../../engine/copy/record-ports.js';
import {
  COPY_RECONCILED,
  foreignRecordsError,
  nonEmptyPartitions,
  reconcilePositions,
  recordDifference,
  TARGET_BASELINE,
  type ReconcileReaders,
} from '../../engine/copy/reconcile.js';
import { MigrationError } from '../../engine/errors.js';
import { openJournal } from '../../engine/journal/index.js';
import { executeMigration, resumeMigration } from '../../engine/orchestrator/index.js';
import type { RecordHeader, SegmentRecord } from '../../engine/segments/types.js';
import { fakeConfig, fakeWorld } from './orchestrator/fakes.js';

type Entry = { offset: number; kind: 'record'; record: SegmentRecord } | { offset: number; kind: 'marker' | 'aborted' };

interface MemoryPartition {
  logStart: number;
  entries: Entry[];
  /** Offsets at or past it are not readable yet (an open transaction); defaults to the end. */
  lastStable?: number;
}

const bytes = (text: string | null) => (text === null ? null : new Uint8Array(Buffer.from(text)));

function rec(offset: number, key: string | null, value: string | null, headers: Array<[string, string | null]> = [], timestamp = 1_000 + offset): SegmentRecord {
  return {
    offset: BigInt(offset),
    timestamp: BigInt(timestamp),
    timestampType: 'CreateTime',
    key: bytes(key),
    value: bytes(value),
    headers: headers.map(([k, v]): RecordHeader => ({ key: k, value: bytes(v) })),
  };
}

/** The source record `offset` of a partition, as every fake log here writes it. */
const sourceRecord = (offset: number) => rec(offset, `k${offset}`, `v${offset}`, [['trace', `t${offset}`], ['trace', 'again']]);

/** The same record as the copy wrote it at `targetOffset`. */
const copied = (record: SegmentRecord, targetOffset: number): Entry => ({ offset: targetOffset, kind: 'record', record: { ...record, offset: BigInt(targetOffset) } });

const endOf = (p: MemoryPartition) => (p.entries.at(-1)?.offset ?? p.logStart - 1) + 1;

/** A PartitionReader over in-memory logs; each fetch covers at most two entries, so reading loops. */
function memoryReader(logs: Map<string, MemoryPartition>, fetches: string[] = []): PartitionReader {
  const log = (ref: PartitionRef) => {
    const found = logs.get(partitionKey(ref));
    if (found === undefined) throw new Error(`no partition ${partitionKey(ref)}`);
    return found;
  };
  return {
    async fetch(ref, from): Promise<FetchedRecords> {
      fetches.push(`${partitionKey(ref)}@${from}`);
      const p = log(ref);
      const end = endOf(p);
      const stable = p.lastStable ?? end;
      if (from < BigInt(p.logStart) || from > BigInt(end)) {
        throw new MigrationError({ code: 'CLUSTER_UNREACHABLE', message: `offset ${from} is out of range ${p.logStart}..${end}` });
      }
      const covered = p.entries.filter((e) => BigInt(e.offset) >= from && e.offset < stable).slice(0, 2);
      const records = covered.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
      const last = covered.at(-1);
      return {
        records,
        nextOffset: last === undefined ? from : BigInt(last.offset + 1),
        highWatermark: BigInt(end),
        lastStableOffset: BigInt(stable),
        logStartOffset: BigInt(p.logStart),
      };
    },
    async offsets(refs) {
      return refs.map((ref) => ({ ...ref, logStart: BigInt(log(ref).logStart), end: BigInt(endOf(log(ref))) }));
    },
    async close() {},
  };
}

const REF = { topic: 'orders', partition: 0 };
const KEY = partitionKey(REF);

/** Source: records 0..4, a commit marker at 5, records 6..9. */
function sourceLog(): MemoryPartition {
  const entries: Entry[] = [];
  for (let offset = 0; offset < 10; offset += 1) entries.push(offset === 5 ? { offset, kind: 'marker' } : { offset, kind: 'record', record: sourceRecord(offset) });
  return { logStart: 0, entries };
}

/** Target with the source's records copied from `targetStart` (source 0..n-1 minus the marker), plus `extra`. */
function targetLog(sourceOffsets: number[], extra: Entry[] = [], targetStart = 0): MemoryPartition {
  return { logStart: targetStart, entries: [...sourceOffsets.map((s, i) => copied(sourceRecord(s), targetStart + i)), ...extra] };
}

function readers(source: MemoryPartition, target: MemoryPartition, sourceFetches: string[] = []): ReconcileReaders {
  return { source: memoryReader(new Map([[KEY, source]]), sourceFetches), target: memoryReader(new Map([[KEY, target]])) };
}

/** The position a checkpoint holds after copying source 0..2 to target 0..2. */
const afterThree: PartitionPosition = { ...initialPosition(REF, 0), nextSourceOffset: 3, targetEnd: 3, runs: [[0, 0, 3]], records: 3, bytes: 30, tailRecords: 0, tailBytes: 0 };

const options = { baseline: new Map<string, number>(), tailFrom: new Map([[KEY, 8]]) };

describe('reconcilePositions: records past the journal that match the source', () => {
  it('takes them into the position exactly as the produce answers would have (gap kept, nothing re-produced)', async () => {
    // The crash came after source 3, 4, 6, 7 and 8 reached target 3..7, before the checkpoint that records them.
    const result = await reconcilePositions([afterThree], readers(sourceLog(), targetLog([0, 1, 2, 3, 4, 6, 7, 8])), options);
    expect(result.problems).toEqual([]);
    const [position] = result.positions;
    expect(position).toMatchObject({ nextSourceOffset: 9, targetEnd: 8, records: 8, tailRecords: 1 });
    expect(position?.runs).toEqual([
      [0, 0, 5],
      [6, 5, 3],
    ]);
    // The marker's offset translates to the next copied record; the copied end to the target end.
    expect(translateOffset(position?.runs ?? [], 5, 8)).toBe(5);
    expect(translateOffset(position?.runs ?? [], 9, 8)).toBe(8);
    const size = (o: number) => `k${o}`.length + `v${o}`.length + 'trace'.length * 2 + `t${o}`.length + 'again'.length;
    expect(position?.bytes).toBe(30 + [3, 4, 6, 7, 8].reduce((sum, o) => sum + size(o), 0));
    expect(position?.tailBytes).toBe(size(8));
    expect(result.reconciled).toEqual([{ topic: 'orders', partition: 0, targetFrom: 3, targetTo: 8, sourceFrom: 3, sourceTo: 9, records: 5 }]);
  });

  it('reads the target and the source a fetch at a time, interleaved (a long stretch is never held whole)', async () => {
    const log: string[] = [];
    const target = targetLog([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    const tagged = (side: string, reader: PartitionReader): PartitionReader => ({ ...reader, fetch: (ref, from, o) => (log.push(`${side}@${from}`), reader.fetch(ref, from, o)) });
    const both = { source: tagged('source', memoryReader(new Map([[KEY, sourceLog()]]))), target: tagged('target', memoryReader(new Map([[KEY, target]]))) };
    const result = await reconcilePositions([afterThree], both, options);
    expect(result.positions[0]).toMatchObject({ nextSourceOffset: 10, targetEnd: 9 });
    // Each fetch covers two offsets: the source is read as the target's records need it, not after the whole stretch.
    expect(log).toEqual(['target@3', 'source@3', 'target@5', 'source@5', 'source@7', 'target@7', 'source@9']);
  });

  it('reads nothing from the source when the target ends where the journal says', async () => {
    const fetches: string[] = [];
    const result = await reconcilePositions([afterThree], readers(sourceLog(), targetLog([0, 1, 2]), fetches), options);
    expect(result).toEqual({ positions: [afterThree], reconciled: [], problems: [] });
    expect(fetches).toEqual([]);
  });

  it('a partition the journal never saw copied is matched from the generation baseline', async () => {
    // A --force-restart generation: the target already held 0..2 from generation 1, baseline 3; the crash came after 2 records.
    const target = targetLog([0, 1, 2]);
    target.entries.push(copied(sourceRecord(0), 3), copied(sourceRecord(1), 4));
    const result = await reconcilePositions([initialPosition(REF, 0)], readers(sourceLog(), target), { ...options, baseline: new Map([[KEY, 3]]) });
    expect(result.problems).toEqual([]);
    expect(result.positions[0]).toMatchObject({ nextSourceOffset: 2, targetEnd: 5, runs: [[0, 3, 2]], records: 2 });
  });

  it('without a baseline, a never-copied partition is read from the target log start', async () => {
    const result = await reconcilePositions([initialPosition(REF, 0)], readers(sourceLog(), targetLog([0, 1], [], 40)), options);
    expect(result.positions[0]).toMatchObject({ nextSourceOffset: 2, targetEnd: 42, runs: [[0, 40, 2]] });
  });
});

describe('reconcilePositions: records this migration did not write', () => {
  const problemOf = async (source: MemoryPartition, target: MemoryPartition, position = afterThree, opts = options) => {
    const result = await reconcilePositions([position], readers(source, target), opts);
    expect(result.positions).toEqual([position]);
    expect(result.reconciled).toEqual([]);
    expect(result.problems).toHaveLength(1);
    return result.problems[0];
  };

  it('a different value past the journal: names the partition, the target offsets and why', async () => {
    const problem = await problemOf(sourceLog(), targetLog([0, 1, 2], [{ offset: 3, kind: 'record', record: rec(3, 'k3', 'someone else') }]));
    expect(problem).toMatchObject({ topic: 'orders', partition: 0, targetFrom: 3, targetTo: 4 });
    expect(problem?.reason).toMatch(/^target offset 3 is not the copy of source offset 3 \(the value differs \(source 2 bytes, target 12 bytes\)\): records not written by this migration$/);
  });

  it('headers in another order, a null key for an empty one, another CreateTime timestamp: each is a difference', async () => {
    const source = sourceRecord(3);
    expect(recordDifference(source, { ...source, headers: [...source.headers].reverse() })).toMatch(/^the headers differ/);
    expect(recordDifference(source, { ...source, headers: source.headers.slice(1) })).toMatch(/^the headers differ/);
    expect(recordDifference(rec(1, '', 'v'), rec(1, null, 'v'))).toBe('the key differs (source 0 bytes, target null)');
    expect(recordDifference(rec(1, 'k', null), rec(1, 'k', ''))).toBe('the value differs (source null, target 0 bytes)');
    expect(recordDifference(source, { ...source, timestamp: 5n })).toBe('the timestamp differs (source 1003, target 5)');
    // A LogAppendTime target re-stamps records: the timestamp is not compared then.
    expect(recordDifference(source, { ...source, timestamp: 5n, timestampType: 'LogAppendTime' })).toBeUndefined();
    expect(recordDifference(source, { ...source, offset: 77n })).toBeUndefined();
  });

  it('more records past the journal than the source has committed from the position', async () => {
    const extra = [3, 4, 6, 7, 8, 9].map((s, i) => copied(sourceRecord(s), 3 + i));
    extra.push({ offset: 9, kind: 'record', record: rec(9, 'x', 'y') });
    const problem = await problemOf(sourceLog(), targetLog([0, 1, 2], extra));
    expect(problem?.reason).toBe('target offset 9 has no source record to match: the source holds only 6 committed record(s) from offset 3 up to 10: records not written by this migration');
  });

  it('an open transaction on the source stops the match where the source is not readable yet', async () => {
    const source = sourceLog();
    source.lastStable = 4;
    const problem = await problemOf(source, targetLog([0, 1, 2, 3, 4]));
    expect(problem?.reason).toContain('the source holds only 1 committed record(s) from offset 3 up to 10 (last stable offset 4: an open transaction)');
  });

  it('a target that ends before the journal: records this migration wrote are gone', async () => {
    const problem = await problemOf(sourceLog(), targetLog([0]));
    expect(problem).toMatchObject({ targetFrom: 1, targetTo: 3 });
    expect(problem?.reason).toBe("the target partition ends at 1 but this migration's records end at 3: records it wrote are gone (topic deleted and re-created, or truncated)");
  });

  it('offsets past the journal that hold no readable record (another producer, aborted, or compacted)', async () => {
    const problem = await problemOf(sourceLog(), targetLog([0, 1, 2], [{ offset: 3, kind: 'aborted' }, copied(sourceRecord(3), 4)]));
    expect(problem?.reason).toBe('target offset 3 holds no readable record (written by another producer, or compacted on the target)');
  });

  it('a never-copied partition whose target holds other records', async () => {
    const target: MemoryPartition = { logStart: 0, entries: [{ offset: 0, kind: 'record', record: rec(0, 'k0', 'not ours') }] };
    const problem = await problemOf(sourceLog(), target, initialPosition(REF, 0));
    expect(problem).toMatchObject({ targetFrom: 0, targetTo: 1 });
    expect(problem?.reason).toContain('records not written by this migration');
  });
});

describe('the blocker', () => {
  it('non-empty target partitions at the first generation, and one error naming every partition', () => {
    const problems = nonEmptyPartitions([
      { topic: 'orders', partition: 0, logStart: 0, end: 0 },
      { topic: 'orders', partition: 1, logStart: 5, end: 12 },
      { topic: 'orders', partition: 2, logStart: 9, end: 9 },
    ]);
    expect(problems).toEqual([
      { topic: 'orders', partition: 1, targetFrom: 5, targetTo: 12, reason: 'the target partition already holds 7 record(s) before the first seed wrote anything: records not written by this migration' },
    ]);
    const error = foreignRecordsError([...problems, { topic: 'pay', partition: 3, targetFrom: 4, targetTo: 4, reason: 'why' }]);
    expect(error.code).toBe('TARGET_FOREIGN_RECORDS');
    expect(error.message).toBe(
      'blocker COPY_TARGET_NOT_OURS: the copy does not write to target partitions holding records this migration did not write; nothing was written: orders-1 target offsets 5..11: the target partition already holds 7 record(s) before the first seed wrote anything: records not written by this migration; pay-3 target offset 4: why',
    );
    expect(error.hint).toMatch(/delete the target topic and start a new migration/);
  });
});

describe('the orchestrator reconciles before the copy starts', () => {
  const timings = { tickMs: 2, checkpointEveryMs: 5, progressEveryMs: 5 };

  /** In-memory source logs following the fake world's offsets, and target logs the test fills. */
  function setup() {
    const world = fakeWorld();
    const config = fakeConfig();
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-reconcile-'));
    const sources = new Map<string, MemoryPartition>();
    const targets = new Map<string, MemoryPartition>();
    for (const [key, end] of world.ends) {
      const logStart = world.logStarts.get(key) ?? 0;
      sources.set(key, { logStart, entries: Array.from({ length: end - logStart }, (_, i) => ({ offset: logStart + i, kind: 'record' as const, record: sourceRecord(logStart + i) })) });
      targets.set(key, { logStart: 0, entries: [] });
    }
    world.ports = { ...world.ports, recordReaders: async () => ({ source: memoryReader(sources), target: memoryReader(targets) }) };
    const base = { config, journalDir, ports: world.ports, toolVersion: '0.0.0-test', timings };
    return { world, config, journalDir, sources, targets, base };
  }

  /**
   * A migration whose copy reached 4 records per partition and stopped in seed (interrupted: positions checkpointed),
   * standing in for a process killed there; the target holds what the copier wrote.
   */
  async function stoppedInSeed(s: ReturnType<typeof setup>): Promise<string> {
    for (const [key, end] of s.world.ends) s.world.stuck.set(key, end - (s.world.logStarts.get(key) ?? 0) - 4);
    const controller = new AbortController();
    const outcome = await executeMigration({
      ...s.base,
      forceRestart: false,
      signal: controller.signal,
      onEvent: (event) => (event.type === 'copy.checkpointed' ? controller.abort() : undefined),
    });
    expect(outcome).toMatchObject({ kind: 'interrupted', state: 'seed' });
    s.world.stuck.clear();
    s.world.starts.length = 0;
    for (const key of s.world.ends.keys()) copiedOnTarget(s, key, 4);
    return outcome.migrationId;
  }

  /** The target holds the first `n` source records of the partition (the journal knows of 4). */
  function copiedOnTarget(s: ReturnType<typeof setup>, key: string, n: number) {
    const source = s.sources.get(key) as MemoryPartition;
    const target = s.targets.get(key) as MemoryPartition;
    target.entries = source.entries.slice(0, n).map((e, i) => copied((e as Extract<Entry, { kind: 'record' }>).record, i));
  }

  it('resume starts the copier past the records the killed process wrote, and journals what it took in', async () => {
    const s = setup();
    const migrationId = await stoppedInSeed(s);
    const keys = [...s.world.ends.keys()];
    copiedOnTarget(s, keys[1] as string, 7);
    const outcome = await resumeMigration({ ...s.base, migrationId });
    expect(outcome).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    const started = s.world.starts[0] ?? [];
    for (const p of started) {
      const logStart = s.world.logStarts.get(partitionKey(p)) ?? 0;
      expect(p.nextSourceOffset, partitionKey(p)).toBe(logStart + (partitionKey(p) === keys[1] ? 7 : 4));
      expect(p.targetEnd).toBe(partitionKey(p) === keys[1] ? 7 : 4);
    }
    const journal = await openJournal({ migrationId, journalDir: s.journalDir, config: s.config });
    const [topic, partition] = (keys[1] as string).split(':');
    const logStart = s.world.logStarts.get(keys[1] as string) ?? 0;
    const reconciled = journal.entries().filter((e) => e.kind === 'checkpoint' && e.name === COPY_RECONCILED.name);
    expect(reconciled).toHaveLength(1);
    expect(journal.latestCheckpoint(COPY_RECONCILED)?.value).toEqual({
      generation: 1,
      partitions: [{ topic, partition: Number(partition), targetFrom: 4, targetTo: 7, sourceFrom: logStart + 4, sourceTo: logStart + 7, records: 3 }],
    });
    await journal.close();
  });

  it('records not written by this migration past the journal: failed with the blocker, a finding, the copier never started', async () => {
    const s = setup();
    const migrationId = await stoppedInSeed(s);
    const keys = [...s.world.ends.keys()];
    (s.targets.get(keys[0] as string) as MemoryPartition).entries.push({ offset: 4, kind: 'record', record: rec(4, 'intruder', 'x') });
    const outcome = await resumeMigration({ ...s.base, migrationId });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    const [topic, partition] = (keys[0] as string).split(':');
    expect(outcome.error.code).toBe('TARGET_FOREIGN_RECORDS');
    expect(outcome.error.message).toContain(`${topic}-${partition} target offset 4: target offset 4 is not the copy of source offset`);
    expect(s.world.starts).toEqual([]);
    const journal = await openJournal({ migrationId, journalDir: s.journalDir, config: s.config });
    expect(journal.state()).toMatchObject({ state: 'failed', failedFrom: 'seed' });
    const findings = journal.entries().flatMap((e) => (e.kind === 'finding.reported' ? [e.finding] : []));
    expect(findings).toEqual([expect.objectContaining({ code: 'COPY_TARGET_NOT_OURS', severity: 'blocker', subject: `${topic}-${partition}` })]);
    await journal.close();
  });

  it('--force-restart: the new generation takes the target as it is for its baseline (duplicates accepted), no blocker', async () => {
    const s = setup();
    const migrationId = await stoppedInSeed(s);
    const outcome = await executeMigration({ ...s.base, migrationId, forceRestart: true });
    expect(outcome).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    for (const p of s.world.starts[0] ?? []) expect(p).toMatchObject({ nextSourceOffset: s.world.logStarts.get(partitionKey(p)), targetEnd: null });
    const journal = await openJournal({ migrationId, journalDir: s.journalDir, config: s.config });
    expect(journal.latestCheckpoint(TARGET_BASELINE)?.value).toMatchObject({ generation: 2 });
    expect(journal.latestCheckpoint(TARGET_BASELINE)?.value.partitions.map((p) => p.end)).toEqual([...s.world.ends.keys()].map(() => 4));
    expect(journal.entries().some((e) => e.kind === 'finding.reported')).toBe(false);
    await journal.close();
  });

  it('a target partition holding records when the first seed starts: blocker, nothing copied; empty ones get a baseline', async () => {
    const s = setup();
    const key = [...s.world.ends.keys()][2] as string;
    (s.targets.get(key) as MemoryPartition).entries = [{ offset: 0, kind: 'record', record: rec(0, 'old', 'data') }];
    const outcome = await executeMigration({ ...s.base, forceRestart: false });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.error.message).toContain(`${key.replace(':', '-')} target offset 0: the target partition already holds 1 record(s) before the first seed wrote anything`);
    expect(s.world.starts).toEqual([]);

    const clean = setup();
    const ok = await executeMigration({ ...clean.base, forceRestart: false });
    expect(ok).toMatchObject({ kind: 'advanced', state: 'drain_ready' });
    const journal = await openJournal({ migrationId: ok.migrationId, journalDir: clean.journalDir, config: clean.config });
    expect(journal.latestCheckpoint(TARGET_BASELINE)?.value.partitions.every((p) => p.end === 0)).toBe(true);
    await journal.close();
  });
});
