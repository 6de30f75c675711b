/**
 * Reads everything the five checks compare, and nothing else: the planned topics on the target (partition counts,
 * configs), each copied partition's committed records on both sides over the copied range (counted; the first, the
 * last and the sampled ones kept), the sentinel records on the target, and the selected groups' committed offsets on
 * the target. Only reads. A read that fails throws (finalize stops without judging: run it again); a partition or
 * topic that is not there is recorded as unreadable, for the checks to fail.
 */
import { translateOffset } from '../copy/offset-map.js';
import { partitionKey, type PartitionRef } from '../copy/positions.js';
import { mapLimit } from '../kafka/map-limit.js';
import type { ClusterFacts, GroupFacts, PartitionFacts, RangeScan, TargetTopicFacts, Unreadable } from './facts.js';
import type { CopiedPartition, ValidationInputs } from './inputs.js';
import type { FinalizePorts } from './ports.js';
import { chooseSamples } from './sampling.js';
import { readRecordAt, scanRange } from './scan-range.js';

export interface GatherOptions {
  /** Partitions read at once; default 4. */
  readonly concurrency?: number;
  /** Record bytes per fetch; default 4 MiB. */
  readonly fetchMaxBytes?: number;
  /** Called after each partition is read (for progress lines). */
  readonly onPartition?: (done: number, total: number, ref: PartitionRef) => void;
}

type Bounds = { logStart: number; end: number };

function emptyScan(bounds: Bounds, at: number): RangeScan {
  return { ...bounds, from: at, to: at, count: 0, first: null, last: null, kept: new Map() };
}

async function targetTopics(inputs: ValidationInputs, ports: FinalizePorts): Promise<TargetTopicFacts[]> {
  const names = inputs.plan.topics.map((topic) => topic.name);
  const described = new Map((await ports.targetAdmin.describeTopics(names)).map((topic) => [topic.name, topic]));
  const present = names.filter((name) => described.has(name));
  const configs = new Map((present.length === 0 ? [] : await ports.targetAdmin.describeTopicConfigs(present)).map((r) => [r.name, r.entries]));
  return names.map((name) => ({ name, partitionCount: described.get(name)?.partitions.length ?? null, configs: configs.get(name) ?? [] }));
}

async function readPartition(
  p: CopiedPartition,
  inputs: ValidationInputs,
  ports: FinalizePorts,
  source: Bounds | undefined,
  target: Bounds | undefined,
  fetchMaxBytes: number,
): Promise<PartitionFacts> {
  const sentinel = inputs.cutover?.sentinels.find((s) => s.topic === p.topic && s.partition === p.partition);
  const missingTarget: Unreadable = { unreadable: `partition ${p.partition} of ${p.topic} is not on the target` };
  let sentinelFacts: PartitionFacts['sentinel'];
  if (sentinel !== undefined) {
    if (target === undefined) sentinelFacts = missingTarget;
    else if (sentinel.targetOffset >= target.end) sentinelFacts = { targetOffset: sentinel.targetOffset, record: null, reason: `the target partition ends at ${target.end}` };
    else if (sentinel.targetOffset < target.logStart) sentinelFacts = { targetOffset: sentinel.targetOffset, record: null, reason: `the target log start is ${target.logStart}` };
    else sentinelFacts = { targetOffset: sentinel.targetOffset, record: await readRecordAt(ports.targetRecords, p, sentinel.targetOffset, fetchMaxBytes) };
  }
  if (p.position === null) return { topic: p.topic, partition: p.partition, samples: [], source: undefined, target: undefined, sentinel: sentinelFacts };

  const { runs, nextSourceOffset, targetEnd } = p.position;
  const exclude = new Set(sentinel === undefined ? [] : [sentinel.sourceOffset]);
  const samples = chooseSamples(runs, inputs.settings.spotCheckRecordsPerPartition, `${inputs.migrationId}:${p.topic}:${p.partition}`, exclude);
  const facts = { topic: p.topic, partition: p.partition, samples, sentinel: sentinelFacts };
  if (source === undefined) {
    return { ...facts, source: { unreadable: `partition ${p.partition} of ${p.topic} is not on the source any more` }, target: target === undefined ? missingTarget : undefined };
  }
  const sourceTo = Math.min(nextSourceOffset, source.end);
  const sourceFrom = Math.min(Math.max(p.seedFrom ?? runs[0]?.[0] ?? sourceTo, source.logStart), sourceTo);
  const sourceScan = await scanRange(ports.sourceRecords, p, { ...source, from: sourceFrom, to: sourceTo }, new Set(samples.map((s) => s.sourceOffset)), { maxBytes: fetchMaxBytes });
  if (target === undefined) return { ...facts, source: sourceScan, target: missingTarget };
  if (targetEnd === null || runs.length === 0) return { ...facts, source: sourceScan, target: emptyScan(target, Math.min(targetEnd ?? target.end, target.end)) };
  const targetTo = Math.min(targetEnd, target.end);
  const targetFrom = Math.min(Math.max(translateOffset(runs, sourceFrom, targetEnd), target.logStart), targetTo);
  const targetScan = await scanRange(ports.targetRecords, p, { ...target, from: targetFrom, to: targetTo }, new Set(samples.map((s) => s.targetOffset)), { maxBytes: fetchMaxBytes });
  return { ...facts, source: sourceScan, target: targetScan };
}

async function groupFacts(inputs: ValidationInputs, ports: FinalizePorts): Promise<GroupFacts[]> {
  return mapLimit(inputs.cutover?.groups ?? [], 4, async (group) => {
    const topics = [...new Set(group.offsets.map((o) => o.topic))].sort();
    try {
      return { groupId: group.groupId, committed: topics.length === 0 ? [] : await ports.targetAdmin.fetchGroupOffsets(group.groupId, topics) };
    } catch (error) {
      return { groupId: group.groupId, committed: { unreadable: error instanceof Error ? error.message : String(error) } };
    }
  });
}

const asBounds = (o: { logStart: bigint; end: bigint }): Bounds => ({ logStart: Number(o.logStart), end: Number(o.end) });

export async function gatherFacts(inputs: ValidationInputs, ports: FinalizePorts, options: GatherOptions = {}): Promise<ClusterFacts> {
  const topics = await targetTopics(inputs, ports);
  const targetCounts = new Map(topics.map((t) => [t.name, t.partitionCount ?? 0]));
  const onTarget = inputs.partitions.filter((p) => p.partition < (targetCounts.get(p.topic) ?? 0));
  const refs = (list: readonly PartitionRef[]) => list.map(({ topic, partition }) => ({ topic, partition }));
  const sourceOffsets = new Map((await ports.sourceRecords.offsets(refs(inputs.partitions))).map((o) => [partitionKey(o), asBounds(o)]));
  const targetOffsets = new Map((onTarget.length === 0 ? [] : await ports.targetRecords.offsets(refs(onTarget))).map((o) => [partitionKey(o), asBounds(o)]));
  let done = 0;
  const fetchMaxBytes = options.fetchMaxBytes ?? 4 * 1024 * 1024;
  const partitions = await mapLimit(inputs.partitions, options.concurrency ?? 4, async (p) => {
    const facts = await readPartition(p, inputs, ports, sourceOffsets.get(partitionKey(p)), targetOffsets.get(partitionKey(p)), fetchMaxBytes);
    done += 1;
    options.onPartition?.(done, inputs.partitions.length, p);
    return facts;
  });
  return { targetTopics: topics, partitions, groups: await groupFacts(inputs, ports) };
}
