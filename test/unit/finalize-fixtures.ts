/**
 * In-memory clusters for finalize's unit tests: partitions of real `SegmentRecord`s behind the `PartitionReader` port
 * (paged fetches, gaps, out-of-range errors as the port documents them), a target admin side, and a migration that
 * copied them with the exact offset map the copier would have journaled.
 */
import { appendCopied, type OffsetRun } from '../../engine/copy/offset-map.js';
import type { FetchedRecords, FetchOptions, PartitionReader } from '../../engine/copy/record-ports.js';
import type { PartitionRef } from '../../engine/copy/positions.js';
import type { CutoverReport } from '../../engine/cutover/checkpoints.js';
import { SENTINEL_HEADER, SENTINEL_KEY, sentinelValue } from '../../engine/cutover/sentinel.js';
import { MigrationError } from '../../engine/errors.js';
import type { CopiedPartition, ValidationInputs } from '../../engine/finalize/inputs.js';
import type { FinalizePorts } from '../../engine/finalize/ports.js';
import type { ConfigEntry, GroupOffset } from '../../engine/inventory/types.js';
import type { MigrationPlan } from '../../engine/plan/plan-types.js';
import type { SegmentRecord } from '../../engine/segments/types.js';

export const MIGRATION_ID = 'mig-20261125-finalize-unit';
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

export function record(offset: number, text: string, extra: Partial<SegmentRecord> = {}): SegmentRecord {
  return {
    offset: BigInt(offset),
    timestamp: 1_764_000_000_000n + BigInt(offset),
    timestampType: 'CreateTime',
    key: bytes(`k-${text}`),
    value: bytes(`v-${text}`),
    headers: [
      { key: 'h', value: bytes('1') },
      { key: 'h', value: null },
    ],
    ...extra,
  };
}

export function sentinelRecord(offset: number, partition: number, migrationId = MIGRATION_ID): SegmentRecord {
  return {
    offset: BigInt(offset),
    timestamp: 1_764_000_900_000n,
    timestampType: 'CreateTime',
    key: bytes(SENTINEL_KEY),
    value: bytes(JSON.stringify(sentinelValue(migrationId, partition, '2026-11-25T20:00:00.000Z'))),
    headers: [{ key: SENTINEL_HEADER, value: bytes(migrationId) }],
  };
}

export interface MemoryPartition {
  logStart: number;
  end: number;
  records: SegmentRecord[];
}

const key = (ref: PartitionRef) => `${ref.topic}:${ref.partition}`;

/** A `PartitionReader` over in-memory partitions; each fetch returns at most `perFetch` records. */
export class MemoryCluster implements PartitionReader {
  readonly partitions = new Map<string, MemoryPartition>();
  fetches = 0;
  constructor(private readonly perFetch = 3) {}

  set(ref: PartitionRef, partition: MemoryPartition): void {
    this.partitions.set(key(ref), partition);
  }

  get(ref: PartitionRef): MemoryPartition {
    const found = this.partitions.get(key(ref));
    if (found === undefined) throw new Error(`no partition ${key(ref)}`);
    return found;
  }

  async fetch(ref: PartitionRef, from: bigint, _options: FetchOptions): Promise<FetchedRecords> {
    this.fetches += 1;
    const p = this.get(ref);
    const at = Number(from);
    if (at < p.logStart || at > p.end) {
      throw new MigrationError({ code: 'CLUSTER_UNREACHABLE', message: `${key(ref)}: offset ${at} out of range ${p.logStart}..${p.end}` });
    }
    const records = p.records.filter((r) => Number(r.offset) >= at && Number(r.offset) >= p.logStart).slice(0, this.perFetch);
    const last = records[records.length - 1];
    // Past the last record returned; at the end of the log when the page reached it (gaps after it included).
    const rest = p.records.filter((r) => last !== undefined && r.offset > last.offset);
    const nextOffset = last === undefined ? BigInt(p.end) : rest.length === 0 ? BigInt(p.end) : last.offset + 1n;
    return { records, nextOffset, highWatermark: BigInt(p.end), lastStableOffset: BigInt(p.end), logStartOffset: BigInt(p.logStart) };
  }

  async offsets(refs: readonly PartitionRef[]) {
    return refs.map((ref) => {
      const p = this.get(ref);
      return { ...ref, logStart: BigInt(p.logStart), end: BigInt(p.end) };
    });
  }

  async close(): Promise<void> {}
}

/** Copies `source` records (as the copier does: one after the other) to a fresh target partition; returns the runs. */
export function copyPartition(source: MemoryPartition, target: MemoryPartition): OffsetRun[] {
  let runs: OffsetRun[] = [];
  for (const r of source.records) {
    const targetOffset = target.end;
    target.records.push({ ...r, offset: BigInt(targetOffset) });
    target.end += 1;
    runs = appendCopied(runs, [Number(r.offset)], targetOffset);
  }
  return runs;
}

export interface World {
  source: MemoryCluster;
  target: MemoryCluster;
  inputs: ValidationInputs;
  targetPartitionCounts: Map<string, number>;
  targetConfigs: Map<string, ConfigEntry[]>;
  groupOffsets: Map<string, GroupOffset[]>;
  ports: FinalizePorts;
}

/**
 * Topic `orders` (3 partitions): p0 with 10 records and a gap (offsets 0..4, 7..11), p1 with 5 records, p2 empty
 * (or 3 records with `emptyPartition: false`).
 * Copied, then a sentinel on each partition copied too; group `billing` translated and committed.
 */
export function buildWorld(options: { spot?: number; tolerance?: number; emptyPartition?: boolean } = {}): World {
  const source = new MemoryCluster();
  const target = new MemoryCluster();
  const topic = 'orders';
  const sourceData: MemoryPartition[] = [
    { logStart: 0, end: 12, records: [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((o) => record(o, `p0-${o}`)) },
    { logStart: 0, end: 5, records: [0, 1, 2, 3, 4].map((o) => record(o, `p1-${o}`)) },
    options.emptyPartition === false ? { logStart: 0, end: 3, records: [0, 1, 2].map((o) => record(o, `p2-${o}`)) } : { logStart: 0, end: 0, records: [] },
  ];
  const partitions: CopiedPartition[] = [];
  const sentinels: CutoverReport['sentinels'] = [];
  sourceData.forEach((data, partition) => {
    const ref = { topic, partition };
    const copy: MemoryPartition = { logStart: 0, end: 0, records: [] };
    const seedFrom = data.logStart;
    // The cutover's sentinel lands on the source after the data and is copied like any record.
    const sentinelOffset = data.end;
    data.records.push(sentinelRecord(sentinelOffset, partition));
    data.end += 1;
    const runs = copyPartition(data, copy);
    source.set(ref, data);
    target.set(ref, copy);
    partitions.push({ topic, partition, seedFrom, position: { nextSourceOffset: data.end, targetEnd: copy.end, runs } });
    sentinels.push({ topic, partition, sourceOffset: sentinelOffset, targetOffset: copy.end - 1 });
  });
  const cutover: CutoverReport = {
    frozenAt: '2026-11-25T20:00:00.000Z',
    readyAt: '2026-11-25T20:00:03.000Z',
    freezeWindowMs: 3000,
    maxProducerFreezeMs: 60000,
    freezeMethod: 'webhook',
    sentinels,
    groups: [{ groupId: 'billing', offsets: [{ topic, partition: 0, sourceOffset: 7, targetOffset: 5 }, { topic, partition: 1, sourceOffset: 5, targetOffset: 5 }] }],
    groupsTranslated: 1,
    offsetsCommitted: 2,
    offsetFloorViolations: [],
    warnings: [],
  };
  const plan = {
    topics: [
      {
        name: topic,
        action: 'create',
        partitionCount: 3,
        configs: { carried: [{ name: 'cleanup.policy', value: 'delete', applyAfterSeed: false, note: null }, { name: 'retention.ms', value: '604800000', applyAfterSeed: false, note: null }], dropped: [] },
        target: null,
        partitions: [0, 1, 2].map((partition) => ({ partition })),
      },
    ],
    settings: { topology: { onConfigDrift: 'overwrite_with_source' } },
    clusters: {
      source: { arn: null, bootstrapServers: ['source-1:9092'], kafkaClusterId: 'src-cluster' },
      target: { arn: null, bootstrapServers: ['target-1:9092'], kafkaClusterId: 'tgt-cluster' },
    },
    acls: { mode: 'kafka-acls', create: [] },
  } as unknown as MigrationPlan;
  const inputs: ValidationInputs = {
    migrationId: MIGRATION_ID,
    plan,
    partitions,
    cutover,
    generation: 1,
    retentionGaps: new Map(),
    keptSettings: new Map(),
    settings: { countTolerance: options.tolerance ?? 0, spotCheckRecordsPerPartition: options.spot ?? 3 },
  };
  const targetPartitionCounts = new Map([[topic, 3]]);
  const targetConfigs = new Map<string, ConfigEntry[]>([
    [
      topic,
      [
        { name: 'cleanup.policy', value: 'delete', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
        { name: 'retention.ms', value: '604800000', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
        { name: 'segment.bytes', value: '1073741824', source: 'DEFAULT_CONFIG', sensitive: false },
      ],
    ],
  ]);
  const groupOffsets = new Map<string, GroupOffset[]>([['billing', [{ topic, partition: 0, offset: 5 }, { topic, partition: 1, offset: 5 }]]]);
  const ports: FinalizePorts = {
    sourceRecords: source,
    targetRecords: target,
    targetAdmin: {
      describeTopics: async (names) =>
        names
          .filter((name) => targetPartitionCounts.has(name))
          .map((name) => ({ name, internal: false, partitions: Array.from({ length: targetPartitionCounts.get(name) ?? 0 }, (_, partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [] })) })),
      describeTopicConfigs: async (names) => names.filter((name) => targetConfigs.has(name)).map((name) => ({ name, entries: targetConfigs.get(name) ?? [] })),
      fetchGroupOffsets: async (groupId) => {
        const offsets = groupOffsets.get(groupId);
        if (offsets === undefined) throw new Error(`group ${groupId} unknown`);
        return offsets;
      },
    },
    close: async () => undefined,
  };
  return { source, target, inputs, targetPartitionCounts, targetConfigs, groupOffsets, ports };
}
