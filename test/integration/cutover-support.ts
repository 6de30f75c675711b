/**
 * Shared by the cutover integration tests: a real HTTP freeze webhook that records every call and checks its HMAC,
 * source data with consumer groups committed mid-topic, a migration taken to drain_ready through the CLI, and
 * reading a topic the way a consumer group on the target would.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { bed, cli, journalEntries, kafka } from './execute-support.js';

export interface WebhookCall {
  readonly action: string;
  readonly body: Record<string, unknown>;
  /** The X-Kafka-Backup-Signature header matched HMAC-SHA256(secret, raw body). */
  readonly signed: boolean;
  readonly status: number;
}

export interface TestWebhook {
  readonly url: string;
  readonly calls: WebhookCall[];
  /** The status every call gets from now on (200 = healthy, 503 = down). */
  answer(status: number): void;
  close(): Promise<void>;
}

export async function startWebhook(secret: string): Promise<TestWebhook> {
  const calls: WebhookCall[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-kafka-backup-signature'] ?? ''));
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      calls.push({ action: String(body['action']), body, signed: given.length === expected.length && timingSafeEqual(given, expected), status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/freeze`,
    calls,
    answer: (next) => {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function produceKeyed(topic: string, partitions: number, perPartition: number, tag: string): Promise<void> {
  const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const messages = Array.from({ length: partitions * perPartition }, (_, i) => ({
    partition: i % partitions,
    key: `${tag}-${i % partitions}-${Math.floor(i / partitions)}`,
    value: `value ${tag} ${i}`,
  }));
  await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
}

/** Commits `offsets` (partition -> offset) for `groupId` on the source, as a consumer that read up to there would. */
export async function commitOnSource(admin: Admin, groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
  await admin.setOffsets({ groupId, topic, partitions: Object.entries(offsets).map(([partition, offset]) => ({ partition: Number(partition), offset: String(offset) })) });
}

export async function endOffsets(admin: Admin, topic: string): Promise<Record<number, number>> {
  return Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
}

/** execute to drain_ready with a fresh local journal; returns the migration id and the journal dir. */
export async function executeToDrainReady(config: string): Promise<{ migrationId: string; journalDir: string }> {
  const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-cutover-journal-'));
  const result = await cli(['execute', '--config', config, '--journal-dir', journalDir]);
  if (result.code !== 0) throw new Error(`execute failed (${result.code}): ${result.err}`);
  const migrationId = (result.out.split('\n')[0] ?? '').replace('migration_id: ', '');
  return { migrationId, journalDir };
}

/** Every file under the migration's journal dir with its bytes: a journal that did not change compares equal. */
export function journalFiles(journalDir: string, migrationId: string): Record<string, string> {
  const root = path.join(journalDir, migrationId);
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

export function cutoverArgs(command: string, config: string, migrationId: string, journalDir: string, ...extra: string[]): string[] {
  return [command, '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir, ...extra];
}

export interface KeyValue {
  readonly key: string | null;
  readonly value: string | null;
}

/**
 * What a consumer in `groupId` on the target reads from `topic`, starting at the group's committed offsets (no
 * reset: partitions without one are not read), until each partition's end. Does not commit.
 */
export async function readAsGroupOnTarget(groupId: string, topic: string): Promise<Map<number, KeyValue[]>> {
  const client = kafka(bed.TARGET_BOOTSTRAP);
  const admin = client.admin();
  await admin.connect();
  const ends = await endOffsets(admin, topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  const start = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  const pending = new Set([...start].filter(([partition, offset]) => offset >= 0 && offset < (ends[partition] ?? 0)).map(([partition]) => partition));
  const out = new Map<number, KeyValue[]>([...start].filter(([, offset]) => offset >= 0).map(([partition]) => [partition, []]));
  if (pending.size === 0) return out;
  const consumer = client.consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 10_000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        out.get(partition)?.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
        if (Number(message.offset) + 1 >= (ends[partition] ?? 0)) pending.delete(partition);
        if (pending.size === 0) resolve();
      },
    });
  });
  try {
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`reading ${topic} as ${groupId} timed out`)), 60_000))]);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** Admin clients on both clusters, and the topics and groups a test file created (removed by `close`). */
export class CutoverBed {
  sourceAdmin!: Admin;
  targetAdmin!: Admin;
  private readonly topics: string[] = [];
  private readonly groups: string[] = [];

  async open(): Promise<void> {
    this.sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
    this.targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
    await Promise.all([this.sourceAdmin.connect(), this.targetAdmin.connect()]);
  }

  /** `<prefix>.items` (2 partitions, `perPartition` keyed records each) and group `<prefix>-app` committed at `committed`. */
  async topicWithGroup(prefix: string, perPartition: number, committed: Record<number, number>): Promise<{ topic: string; group: string }> {
    const topic = `${prefix}.items`;
    const group = `${prefix}-app`;
    this.topics.push(topic);
    this.groups.push(group);
    await this.createTopic(topic);
    await produceKeyed(topic, 2, perPartition, prefix.slice(-1));
    await commitOnSource(this.sourceAdmin, group, topic, committed);
    return { topic, group };
  }

  /**
   * Creates a 2-partition topic on the source, asking again (up to 3 times) when the bed answers with an error: other
   * suites stop and start source brokers for their fault tests. The last error names the broker's error codes.
   */
  private async createTopic(topic: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 2 }] });
        return;
      } catch (error) {
        const inner = (error as { errors?: Array<{ type?: string }> }).errors?.map((e) => e.type).join(', ') ?? '';
        if (inner.includes('TOPIC_ALREADY_EXISTS')) return;
        if (attempt >= 3) throw new Error(`creating ${topic} on the source failed: ${(error as Error).message} (${inner})`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  async close(): Promise<void> {
    await this.sourceAdmin?.deleteTopics({ topics: this.topics }).catch(() => undefined);
    await this.targetAdmin?.deleteTopics({ topics: this.topics }).catch(() => undefined);
    await this.sourceAdmin?.deleteGroups(this.groups).catch(() => undefined);
    await this.targetAdmin?.deleteGroups(this.groups).catch(() => undefined);
    await Promise.allSettled([this.sourceAdmin?.disconnect(), this.targetAdmin?.disconnect()]);
  }
}

/** The state the journal's last transition entered. */
export function lastState(journalDir: string, migrationId: string): string {
  return String(journalEntries(journalDir, migrationId).filter((e) => e.kind === 'state.transition').at(-1)?.to);
}

export function findings(journalDir: string, migrationId: string): Array<{ code: string; subject: string; detail: string; remedy: string }> {
  return journalEntries(journalDir, migrationId)
    .filter((e) => e.kind === 'finding.reported')
    .map((e) => e.finding as { code: string; subject: string; detail: string; remedy: string });
}
