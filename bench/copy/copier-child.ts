/**
 * The child process of the copy bench: copies the bench topics with the engine's default DataCopier, exactly as
 * `execute` gets it (`defaultPorts(config).copier(plan, migrationId)`, positions from each partition's log start,
 * the seed boundary as `tailFrom`), so its peak RSS (VmHWM, read by the parent) is the copier's own.
 *
 * Talks to the parent over the IPC channel (see copier-protocol.ts): start → ready → (seed-done → (tail-produced →
 * tail-done)) → done → exit.
 */
import { loadConfig } from '../../engine/config/index.js';
import type { CopyRun, SourceOffsetReader } from '../../engine/copy/data-copier.js';
import { copyTotals, initialPosition, partitionKey, type PartitionPosition, type PartitionRef } from '../../engine/copy/positions.js';
import { discover } from '../../engine/discovery/index.js';
import { defaultPorts } from '../../engine/orchestrator/default-ports.js';
import { buildPlan } from '../../engine/plan/index.js';
import type { ChildMessage, ParentMessage, StartMessage } from './copier-protocol.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const send = (message: ChildMessage) => process.send?.(message);

let inbox: ParentMessage[] = [];
const waiters: Array<() => void> = [];
process.on('message', (message: ParentMessage) => {
  inbox.push(message);
  waiters.splice(0).forEach((wake) => wake());
});

async function next<T extends ParentMessage['type']>(type: T): Promise<Extract<ParentMessage, { type: T }>> {
  for (;;) {
    const found = inbox.find((m) => m.type === type);
    if (found !== undefined) {
      inbox = inbox.filter((m) => m !== found);
      return found as Extract<ParentMessage, { type: T }>;
    }
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

/** Waits until every partition's position reached its end; fails with the copy's own error. */
async function copiedUpTo(run: CopyRun, ends: ReadonlyMap<string, number>): Promise<PartitionPosition[]> {
  for (;;) {
    const failure = run.failure();
    if (failure !== undefined) throw failure;
    const positions = run.snapshot();
    if (positions.every((p) => p.nextSourceOffset >= (ends.get(partitionKey(p)) ?? 0))) return positions;
    await sleep(100);
  }
}

async function ends(reader: SourceOffsetReader, partitions: readonly PartitionRef[]): Promise<Map<string, number>> {
  return new Map((await reader.offsets(partitions)).map((o) => [partitionKey(o), o.end]));
}

async function main(start: StartMessage): Promise<void> {
  const env = { ...process.env, ...start.env };
  const config = await loadConfig(start.configPath, env);
  const inventory = await discover(config, { env });
  const plan = buildPlan(inventory, config, { migrationId: start.migrationId });
  const partitions = plan.topics.flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.name, partition: p.partition })));
  const ports = defaultPorts(config, { env });
  const reader = ports.offsetReader(plan);
  const boundary = await reader.offsets(partitions);
  const tailFrom = new Map(boundary.map((o) => [partitionKey(o), o.end]));
  send({ type: 'ready', partitions: partitions.length, records: boundary.reduce((sum, o) => sum + (o.end - o.logStart), 0) });
  if (start.mode === 'plan-only') {
    await reader.close();
    return;
  }

  const copyStartMs = Date.now();
  const run = await ports.copier(plan, start.migrationId).start(
    boundary.map((o) => initialPosition(o, o.logStart)),
    { tailFrom },
  );
  try {
    const seeded = copyTotals(await copiedUpTo(run, tailFrom));
    send({ type: 'seed-done', copyRun: run.constructor.name, records: seeded.records - seeded.tailRecords, bytes: seeded.bytes - seeded.tailBytes, seconds: (Date.now() - copyStartMs) / 1000 });
    if (start.mode === 'seed-and-tail') {
      const { atMs: producedMs } = await next('tail-produced');
      const caughtUp = copyTotals(await copiedUpTo(run, await ends(reader, partitions)));
      send({ type: 'tail-done', records: caughtUp.tailRecords, bytes: caughtUp.tailBytes, catchUpSeconds: Math.max(0, (Date.now() - producedMs) / 1000) });
    }
  } finally {
    await run.stop();
    await reader.close();
  }
}

if (process.send !== undefined) {
  next('start')
    .then(main)
    .then(async () => {
      send({ type: 'done' });
      await next('exit');
      process.exit(0);
    })
    .catch((error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error) });
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 200);
    });
}
