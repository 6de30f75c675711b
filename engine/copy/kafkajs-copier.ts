/**
 * The simple real copier: consume the source with read_committed and re-produce every record to the same partition
 * number on the target, with its key, value, headers and timestamp, acks=all, idempotent producer. One produce
 * request per chunk of a fetched partition batch, so the target's base offset in the answer gives every record's
 * exact target offset, and the offset map stays exact.
 *
 * Reading: kafkajs 2.2.4 has no group-less consumer, so this uses a consumer in a throwaway group
 * (`kafka-backup-copy-<migration>-<random>`) with autoCommit off: it never commits an offset on the source. It seeks
 * every partition to its position once running, and drops any fetched record below the partition's position (a
 * fetch that ran before the seek applied, or a restart of the consumer that began at the log start), so nothing is
 * produced twice by this process. Control records and aborted records are hidden by kafkajs; the offsets they take
 * become gaps in the offset map. See docs/design/copy.md for what this copier does not guarantee yet.
 */
import kafkajs, { type Consumer, type EachBatchPayload, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import { registerCodecs } from '../kafka/codecs.js';
import { kafkajsClientConfig, type KafkaClusterConnection, type KafkaLogEvent } from '../kafka/kafkajs-options.js';
import type { CopyRun, CopyStartOptions, DataCopier, SourceOffsetReader, SourceOffsets } from './data-copier.js';
import { appendCopied } from './offset-map.js';
import { partitionKey, type PartitionPosition, type PartitionRef } from './positions.js';

export interface KafkajsCopierOptions {
  readonly source: KafkaClusterConnection;
  readonly target: KafkaClusterConnection;
  /** The throwaway consumer group on the source (never committed to). */
  readonly groupId: string;
  /** Partitions fetched and produced at the same time (`seed.max_concurrent_partitions`). */
  readonly maxConcurrentPartitions: number;
  /** Upper bound of one produce request's record bytes (default 512 KiB, under a default 1 MiB message.max.bytes). */
  readonly maxRequestBytes?: number;
  readonly onLog?: (event: KafkaLogEvent) => void;
}

const DEFAULT_REQUEST_BYTES = 512 * 1024;
const MAX_RECORDS_PER_REQUEST = 10_000;

function headerBytes(headers: IHeaders | undefined): number {
  if (headers === undefined) return 0;
  let sum = 0;
  for (const [key, value] of Object.entries(headers)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) sum += key.length + (item === undefined ? 0 : Buffer.byteLength(item));
  }
  return sum;
}

/** Key, value and header bytes of a record (what the operator thinks of as the record's size). */
export function recordBytes(message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>): number {
  return (message.key?.length ?? 0) + (message.value?.length ?? 0) + headerBytes(message.headers);
}

/** Splits a batch into produce requests of at most `maxBytes` (a single larger record goes alone). */
export function chunkByBytes<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes: number, maxCount = MAX_RECORDS_PER_REQUEST): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

class KafkajsCopyRun implements CopyRun {
  private error: Error | undefined;
  private stopped = false;

  constructor(
    private readonly positions: Map<string, PartitionPosition>,
    private readonly consumer: Consumer,
    private readonly producer: Producer,
  ) {}

  snapshot(): PartitionPosition[] {
    return [...this.positions.values()].map((position) => ({ ...position, runs: [...position.runs] }));
  }

  failure(): Error | undefined {
    return this.error;
  }

  fail(error: Error): void {
    this.error ??= error;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
  }
}

export function createKafkajsCopier(options: KafkajsCopierOptions): DataCopier {
  return {
    async start(startPositions: readonly PartitionPosition[], startOptions: CopyStartOptions): Promise<CopyRun> {
      await registerCodecs();
      const logOptions = options.onLog === undefined ? {} : { onLog: options.onLog };
      const source = new kafkajs.Kafka(kafkajsClientConfig(options.source, logOptions));
      const target = new kafkajs.Kafka(kafkajsClientConfig(options.target, logOptions));
      const consumer = source.consumer({
        groupId: options.groupId,
        readUncommitted: false,
        allowAutoTopicCreation: false,
        maxBytesPerPartition: 1024 * 1024,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
      });
      const producer = target.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      const positions = new Map(startPositions.map((position) => [partitionKey(position), { ...position }]));
      const run = new KafkajsCopyRun(positions, consumer, producer);
      const maxBytes = options.maxRequestBytes ?? DEFAULT_REQUEST_BYTES;

      const copyBatch = async ({ batch, isRunning, isStale, heartbeat, resolveOffset }: EachBatchPayload): Promise<void> => {
        const key = partitionKey({ topic: batch.topic, partition: batch.partition });
        const start = positions.get(key);
        if (run.isStopped) return;
        if (start === undefined) {
          // Not planned (e.g. a partition added after the plan): not copied; move the fetch on.
          resolveOffset(batch.lastOffset());
          return;
        }
        const fresh = batch.messages.filter((message) => Number(message.offset) >= start.nextSourceOffset);
        const tailFrom = startOptions.tailFrom.get(key) ?? Number.POSITIVE_INFINITY;
        for (const chunk of chunkByBytes(fresh, recordBytes, maxBytes)) {
          if (!isRunning() || isStale() || run.isStopped) return;
          const [answer] = await producer.send({
            topic: batch.topic,
            acks: -1,
            messages: chunk.map((message) => ({
              partition: batch.partition,
              key: message.key,
              value: message.value,
              timestamp: message.timestamp,
              ...(message.headers === undefined ? {} : { headers: message.headers }),
            })),
          });
          const base = Number(answer?.baseOffset ?? answer?.offset);
          if (!Number.isSafeInteger(base) || base < 0) throw new Error(`the target answered a produce to ${key} without a base offset`);
          const offsets = chunk.map((message) => Number(message.offset));
          const bytes = chunk.map(recordBytes);
          const tailIndexes = offsets.map((offset, index) => (offset >= tailFrom ? index : -1)).filter((index) => index >= 0);
          const now = positions.get(key) as PartitionPosition;
          positions.set(key, {
            ...now,
            runs: appendCopied(now.runs, offsets, base),
            nextSourceOffset: (offsets[offsets.length - 1] as number) + 1,
            targetEnd: base + chunk.length,
            records: now.records + chunk.length,
            bytes: now.bytes + bytes.reduce((sum, size) => sum + size, 0),
            tailRecords: now.tailRecords + tailIndexes.length,
            tailBytes: now.tailBytes + tailIndexes.reduce((sum, index) => sum + (bytes[index] as number), 0),
          });
          resolveOffset((chunk[chunk.length - 1] as KafkaMessage).offset);
          await heartbeat();
        }
        // Every record of the batch is on the target: move past what kafkajs hid at its end (control records, aborted
        // records), so those offsets count as copied gaps. (kafkajs calls eachBatch only for batches with records.)
        // Resolving moves kafkajs's fetch position on (it also covers a batch whose records were all below the
        // position, fetched before the seek applied); nothing is committed (autoCommit is off).
        advanceTo(key, Number(batch.lastOffset()) + 1);
        resolveOffset(batch.lastOffset());
      };

      const advanceTo = (key: string, next: number): void => {
        const now = positions.get(key);
        if (now !== undefined && Number.isSafeInteger(next) && next > now.nextSourceOffset) positions.set(key, { ...now, nextSourceOffset: next });
      };

      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        // Batches of only control or aborted records never reach eachBatch; kafkajs still reports how far they went.
        if (payload.batchSize === 0) advanceTo(partitionKey(payload), Number(payload.lastOffset) + 1);
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) run.fail(payload.error);
      });

      try {
        await producer.connect();
        await consumer.connect();
        await consumer.subscribe({ topics: [...new Set(startPositions.map((position) => position.topic))], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: Math.max(1, options.maxConcurrentPartitions),
          eachBatch: async (payload) => {
            try {
              await copyBatch(payload);
            } catch (error) {
              run.fail(error instanceof Error ? error : new Error(String(error)));
              throw error;
            }
          },
        });
        for (const position of startPositions) {
          consumer.seek({ topic: position.topic, partition: position.partition, offset: String(position.nextSourceOffset) });
        }
      } catch (error) {
        await run.stop();
        throw error;
      }
      return run;
    },
  };
}

/** Source log start and end offsets through kafkajs's admin (ListOffsets). */
export function createKafkajsOffsetReader(connection: KafkaClusterConnection, onLog?: (event: KafkaLogEvent) => void): SourceOffsetReader {
  const admin = new kafkajs.Kafka(kafkajsClientConfig(connection, onLog === undefined ? {} : { onLog })).admin();
  let connected: Promise<void> | undefined;
  return {
    async offsets(partitions: readonly PartitionRef[]): Promise<SourceOffsets[]> {
      connected ??= admin.connect();
      await connected;
      const topics = [...new Set(partitions.map((partition) => partition.topic))];
      const byKey = new Map<string, SourceOffsets>();
      for (const topic of topics) {
        for (const row of await admin.fetchTopicOffsets(topic)) {
          byKey.set(partitionKey({ topic, partition: row.partition }), { topic, partition: row.partition, logStart: Number(row.low), end: Number(row.high) });
        }
      }
      return partitions.map((partition) => {
        const found = byKey.get(partitionKey(partition));
        if (found === undefined) throw new Error(`the source has no partition ${partitionKey(partition)}`);
        return found;
      });
    },
    async close(): Promise<void> {
      if (connected !== undefined) await admin.disconnect().catch(() => undefined);
    },
  };
}
