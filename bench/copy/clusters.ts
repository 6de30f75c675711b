/** The bench's own topics and groups on the two bed clusters: create, watch end offsets, delete (only its own). */
import kafkajs, { type Admin } from 'kafkajs';

export interface BenchTopic {
  readonly name: string;
  readonly partitions: number;
}

export interface Clusters {
  readonly source: Admin;
  readonly target: Admin;
  close(): Promise<void>;
}

export async function connectClusters(sourceBootstrap: string, targetBootstrap: string): Promise<Clusters> {
  const admin = (bootstrap: string) =>
    new kafkajs.Kafka({ clientId: 'kafka-backup-bench-copy', brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 8 } }).admin();
  const source = admin(sourceBootstrap);
  const target = admin(targetBootstrap);
  await Promise.all([source.connect(), target.connect()]);
  return { source, target, close: async () => void (await Promise.allSettled([source.disconnect(), target.disconnect()])) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the topics (replication factor 2, as the bed's defaults), retrying while a deleted namesake is still going. */
export async function createTopics(admin: Admin, topics: readonly BenchTopic[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 2 })) });
    } catch (error) {
      if (attempt >= 30) throw error;
      await sleep(1000);
    }
  }
}

/** Deletes those of `names` that exist; waits until the cluster no longer lists them. */
export async function deleteTopics(admin: Admin, names: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const present = names.filter((name) => existing.has(name));
  if (present.length === 0) return;
  for (let attempt = 1; ; attempt += 1) {
    const now = new Set(await admin.listTopics());
    const left = present.filter((name) => now.has(name));
    if (left.length === 0) return;
    if (attempt > 60) throw new Error(`topics still listed after deletion: ${left.join(', ')}`);
    // A topic another deletion already removed fails the request (UNKNOWN_TOPIC_OR_PARTITION): list again and retry.
    if (attempt % 10 === 1) await admin.deleteTopics({ topics: left, timeout: 60_000 }).catch(() => undefined);
    await sleep(500);
  }
}

/** Deletes the groups whose id contains `marker` (the bench's own run id); errors are ignored (already gone). */
export async function deleteGroupsContaining(admin: Admin, marker: string): Promise<void> {
  const { groups } = await admin.listGroups();
  const mine = groups.map((g) => g.groupId).filter((id) => id.includes(marker));
  if (mine.length > 0) await admin.deleteGroups(mine).catch(() => undefined);
}

/** Sum of the high watermarks of every partition of `topics`. */
export async function totalEnd(admin: Admin, topics: readonly string[]): Promise<number> {
  let sum = 0;
  for (const topic of topics) for (const row of await admin.fetchTopicOffsets(topic)) sum += Number(row.high);
  return sum;
}

/** High watermark per `topic:partition`. */
export async function endOffsets(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  for (const topic of topics) for (const row of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${row.partition}`, Number(row.high));
  return ends;
}
