/** Shared by the execute integration tests: the bed, a scoped config, source data, reading a topic back, polling the journal. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import kafkajs, { type IHeaders, type Kafka } from 'kafkajs';
import { run } from '../../source/run.js';
import { captureIO } from '../support/capture-io.js';
import { configVariant } from '../support/config-variant.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

export const bed = loadTestbedEnv();
export const env: NodeJS.ProcessEnv = { ...process.env, ...bed, CI: 'true' };

export function kafka(bootstrap: string): Kafka {
  return new kafkajs.Kafka({ clientId: 'execute-test', brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING });
}

export async function cli(args: string[]) {
  const io = captureIO({ env, cwd: process.cwd() });
  const code = await run(['migrate', 'msk-kraft', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A bootstrap (PLAINTEXT) config scoped to `prefix`, with a short drain window. */
export function scopedConfig(prefix: string, cutover: Record<string, unknown> = {}, mutate: (block: Record<string, any>) => void = () => undefined): string {
  return configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
    block.topics = { include: [`${prefix}.*`], exclude: [] };
    block.groups = { include: [`${prefix}-*`], exclude: [] };
    block.cutover = { ...block.cutover, drain_max_partition_lag: 0, drain_stable_window: '2s', drain_timeout: '2m', ...cutover };
    mutate(block);
  });
}

export interface StoredRecord {
  offset: number;
  key: string | null;
  value: string | null;
  timestamp: string;
  headers: Record<string, string>;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v.join(',') : v)]));
}

/** Every record of `topic`, per partition in offset order, read until each partition reaches its end offset. */
export async function readTopic(bootstrap: string, topic: string): Promise<Map<number, StoredRecord[]>> {
  const client = kafka(bootstrap);
  const admin = client.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const out = new Map<number, StoredRecord[]>(ends.map((e) => [e.partition, []]));
  const pending = new Set(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => e.partition));
  if (pending.size === 0) return out;
  const consumer = client.consumer({ groupId: `execute-test-reader-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    // A partition can end with a transaction marker: kafkajs reports how far a batch went, records or not.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const end = Number(ends.find((e) => e.partition === payload.partition)?.high);
      if (Number(payload.lastOffset) + 1 >= end) pending.delete(payload.partition);
      if (pending.size === 0) resolve();
    });
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        out.get(partition)?.push({
          offset: Number(message.offset),
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          timestamp: message.timestamp,
          headers: headersOf(message.headers),
        });
        const end = Number(ends.find((e) => e.partition === partition)?.high);
        if (Number(message.offset) + 1 >= end) pending.delete(partition);
        if (pending.size === 0) resolve();
      },
    });
  });
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`reading ${topic} timed out`)), 60_000))]);
  await consumer.disconnect();
  return out;
}

/** Journal entries of a local journal, as stored (no verification), in seq order. */
export function journalEntries(journalDir: string, migrationId: string): Array<Record<string, any>> {
  const dir = path.join(journalDir, migrationId, 'journal');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d+\.json$/.test(name))
    .sort()
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(path.join(dir, name), 'utf8'))];
      } catch {
        return []; // being written
      }
    });
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const TRANSITION_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [a-z_]+ -> [a-z_]+( .+)?$/;
export const DRAIN_DETAIL = /^drain ready: max_partition_lag=(\d+) records_replayed=(\d+) bytes_replayed=(\d+)$/;
