/** In-memory ports for orchestrator unit tests: a source whose end offsets the test sets, a copier that follows it. */
import type { MigrationConfig } from '../../../engine/config/index.js';
import type { CopyRun, CopyStartOptions, DataCopier, SourceOffsetReader } from '../../../engine/copy/data-copier.js';
import { appendCopied } from '../../../engine/copy/offset-map.js';
import { partitionKey, type PartitionPosition } from '../../../engine/copy/positions.js';
import type { Inventory } from '../../../engine/inventory/types.js';
import type { ApplierPort } from '../../../engine/kafka/applier-port.js';
import type { OrchestratorPorts } from '../../../engine/orchestrator/index.js';
import type { Finding, PrecheckReport } from '../../../engine/precheck/index.js';
import { syntheticConfig, syntheticInventory } from '../plan/fixtures.js';

export interface FakeWorld {
  readonly inventory: Inventory;
  /** Source end offset per `topic:partition`; the copier copies up to it (minus `stuck`). */
  readonly ends: Map<string, number>;
  readonly logStarts: Map<string, number>;
  /** Records a partition stays behind forever. */
  readonly stuck: Map<string, number>;
  blockers: Finding[];
  /** Start positions of every copier start, in order. */
  readonly starts: PartitionPosition[][];
  readonly createdTopics: string[];
  ports: OrchestratorPorts;
}

export function fakeConfig(cutover: Partial<MigrationConfig['cutover']> = {}): MigrationConfig {
  const config = syntheticConfig({ sourceArn: null, targetArn: null, sourceAuth: 'plaintext', targetAuth: 'plaintext', kmsKeyArn: null, retention: null });
  return { ...config, cutover: { ...config.cutover, drainMaxPartitionLag: 0, drainStableWindowMs: 0, drainTimeoutMs: 60_000, ...cutover } };
}

function report(blockers: Finding[]): PrecheckReport {
  return { schemaVersion: 1, findings: blockers, summary: { blockers: blockers.length, warnings: 0, infos: 0 }, passed: blockers.length === 0 } as PrecheckReport;
}

const applier: ApplierPort = {
  createTopics: async (topics) => topics.map((topic) => ({ name: topic.name, outcome: 'created' as const })),
  incrementalAlterTopicConfigs: async () => undefined,
  createAcls: async () => [],
  deleteAcls: async () => [],
  close: async () => undefined,
};

class FollowingRun implements CopyRun {
  private stopped = false;
  constructor(
    private readonly world: FakeWorld,
    private readonly positions: Map<string, PartitionPosition>,
    private readonly tailFrom: CopyStartOptions['tailFrom'],
  ) {}
  snapshot(): PartitionPosition[] {
    if (!this.stopped) {
      for (const [key, position] of this.positions) {
        const to = (this.world.ends.get(key) ?? 0) - (this.world.stuck.get(key) ?? 0);
        if (to <= position.nextSourceOffset) continue;
        const offsets = Array.from({ length: to - position.nextSourceOffset }, (_, i) => position.nextSourceOffset + i);
        const base = position.targetEnd ?? 0;
        const tail = offsets.filter((offset) => offset >= (this.tailFrom.get(key) ?? Infinity)).length;
        this.positions.set(key, {
          ...position,
          runs: appendCopied(position.runs, offsets, base),
          nextSourceOffset: to,
          targetEnd: base + offsets.length,
          records: position.records + offsets.length,
          bytes: position.bytes + offsets.length * 10,
          tailRecords: position.tailRecords + tail,
          tailBytes: position.tailBytes + tail * 10,
        });
      }
    }
    return [...this.positions.values()];
  }
  failure(): Error | undefined {
    return undefined;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

export function fakeWorld(): FakeWorld {
  const inventory = syntheticInventory({ topics: 2, partitionsPerTopic: 2, recordsPerPartition: 10, sourceArn: null, targetArn: null, acls: [] });
  const ends = new Map<string, number>();
  const logStarts = new Map<string, number>();
  for (const topic of inventory.source.topics) {
    for (const p of topic.partitions) {
      ends.set(partitionKey({ topic: topic.name, partition: p.partition }), p.endOffset);
      logStarts.set(partitionKey({ topic: topic.name, partition: p.partition }), p.logStartOffset);
    }
  }
  const world: FakeWorld = {
    inventory,
    ends,
    logStarts,
    stuck: new Map(),
    blockers: [],
    starts: [],
    createdTopics: [],
    ports: undefined as unknown as OrchestratorPorts,
  };
  const copier: DataCopier = {
    start: async (positions, options) => {
      world.starts.push(positions.map((p) => ({ ...p })));
      return new FollowingRun(world, new Map(positions.map((p) => [partitionKey(p), { ...p }])), options.tailFrom);
    },
  };
  const reader: SourceOffsetReader = {
    offsets: async (partitions) =>
      partitions.map((p) => ({ topic: p.topic, partition: p.partition, logStart: logStarts.get(partitionKey(p)) ?? 0, end: ends.get(partitionKey(p)) ?? 0 })),
    close: async () => undefined,
  };
  world.ports = {
    discover: async () => inventory,
    precheck: async () => report(world.blockers),
    topology: async (input) => {
      const names = input.plan.topics.filter((topic) => topic.action === 'create').map((topic) => topic.name);
      await input.beforeCreateTopics(names);
      world.createdTopics.push(...names);
      return { created: names, present: [], implementation: 'copy-topology', report: null };
    },
    connectApplier: async () => applier,
    copier: () => copier,
    offsetReader: () => reader,
  };
  return world;
}
