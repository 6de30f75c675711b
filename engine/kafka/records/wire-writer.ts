/**
 * PartitionWriter over Kafka's wire protocol: an idempotent producer of our own. One InitProducerId (no
 * transactional id) per writer; per partition a sequence number and at most one batch in flight; each append is ONE
 * record batch v2 encoded here (engine/kafka/records/batch-encode.ts) and sent with Produce, acks=all.
 *
 * A retry (lost connection, request timeout, leader change) re-sends the very same bytes: same producer id, epoch
 * and base sequence, so a broker that already stored the batch answers with its offset instead of storing it twice.
 * Sequence errors (OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID, DUPLICATE_SEQUENCE_NUMBER) and fencing are never
 * papered over by re-sequencing: they fail the partition, as does a batch whose outcome stayed unknown after every
 * retry, since the next sequence number would otherwise be wrong.
 */
import type { AppendOptions, PartitionWriter } from '../../copy/record-ports.js';
import type { PartitionRef } from '../../copy/positions.js';
import { MigrationError } from '../../errors.js';
import type { SegmentRecord, SourceCompression } from '../../segments/types.js';
import { initZstd } from '../codecs/zstd.js';
import type { KafkaClusterConnection } from '../kafkajs-options.js';
import { INIT_PRODUCER_ID_API_KEY, INIT_PRODUCER_ID_MAX_VERSION, INIT_PRODUCER_ID_MIN_VERSION, initProducerIdRequest } from '../protocol/init-producer-id.js';
import { protocolErrorName, type BrokerChannel } from '../protocol/kafkajs-internals.js';
import { PRODUCE_API_KEY, PRODUCE_MAX_VERSION, PRODUCE_MIN_VERSION, produceRequest, type ProducePartitionResponse } from '../protocol/produce.js';
import { encodeBatch } from './batch-encode.js';
import { RETRIABLE_PARTITION_ERRORS, RetryableWireError, retryPolicy, withRetries, type RetryPolicy } from './retry.js';
import { connectWireCluster, type WireClientOptions, type WireCluster } from './wire-cluster.js';
import { pickVersion } from './wire-request.js';

export interface WireWriterOptions extends WireClientOptions {
  /** Compression when an append does not say; default 'none'. */
  readonly compression?: SourceCompression;
  /** How long the leader waits for the in-sync replicas (Produce timeout_ms); default 30 s. */
  readonly produceTimeoutMs?: number;
}

export interface ProducerIdentity {
  readonly producerId: bigint;
  readonly producerEpoch: number;
}

/** A batch larger than the target accepts; the caller splits the records over several appends. */
export class BatchTooLargeError extends MigrationError {
  constructor(
    readonly ref: PartitionRef,
    readonly batchBytes: number,
    readonly maxBytes: number | undefined,
  ) {
    super({
      code: 'STATE',
      message:
        `${ref.topic}-${ref.partition}: a record batch of ${batchBytes} bytes is larger than the target accepts` +
        (maxBytes === undefined ? ' (the broker answered MESSAGE_TOO_LARGE)' : ` (max.message.bytes ${maxBytes})`),
      hint: "Append fewer records per batch, or raise the target topic's max.message.bytes to at least the source topic's.",
    });
    this.name = 'BatchTooLargeError';
  }
}

const MESSAGE_TOO_LARGE = 10;
const RECORD_LIST_TOO_LARGE = 18;
/** OUT_OF_ORDER_SEQUENCE_NUMBER, DUPLICATE_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH, UNKNOWN_PRODUCER_ID, PRODUCER_FENCED. */
const SEQUENCE_ERRORS: ReadonlySet<number> = new Set([45, 46, 47, 59, 90]);
const INT32_MAX = 2 ** 31 - 1;

/** Kafka's DefaultRecordBatch.incrementSequence: sequences wrap from 2^31 - 1 to 0. */
export function nextSequence(sequence: number, increment: number): number {
  return sequence > INT32_MAX - increment ? increment - (INT32_MAX - sequence) - 1 : sequence + increment;
}

/** What `send` records about a partition: why it may append no more. */
export interface AppendState {
  /** Set once the partition's sequence can no longer be trusted; every later append fails with it. */
  failed: MigrationError | undefined;
}

interface PartitionState extends AppendState {
  sequence: number;
  /** The last append (its completion), so the next one waits: one batch in flight per partition. */
  tail: Promise<unknown>;
}

export class WireWriter implements PartitionWriter {
  private readonly policy: RetryPolicy;
  private readonly partitions = new Map<string, PartitionState>();
  private producer: Promise<ProducerIdentity> | undefined;

  constructor(
    private readonly cluster: WireCluster,
    private readonly options: WireWriterOptions = {},
  ) {
    this.policy = retryPolicy(options);
  }

  /** The producer id and epoch of this writer (asked once, on the first append). */
  identity(): Promise<ProducerIdentity> {
    this.producer ??= this.initProducerId().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private initProducerId(): Promise<ProducerIdentity> {
    return withRetries(this.policy, `${this.cluster.clientId}: InitProducerId`, async () => {
      const channel = await this.cluster.anyBroker();
      const version = pickVersion(channel.versions(INIT_PRODUCER_ID_API_KEY), INIT_PRODUCER_ID_MIN_VERSION, INIT_PRODUCER_ID_MAX_VERSION);
      if (version === undefined) {
        throw new MigrationError({
          code: 'NOT_IMPLEMENTED',
          message: `${this.cluster.clientId}: broker ${channel.nodeId} does not accept InitProducerId v0-v1 (idempotent producing needs Kafka 0.11 or later)`,
        });
      }
      const answer = await channel.send(initProducerIdRequest({ version, requestTimeout: this.cluster.requestTimeoutMs }));
      if (answer.errorCode === 0) return { producerId: answer.producerId, producerEpoch: answer.producerEpoch };
      // COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, CONCURRENT_TRANSACTIONS
      if ([14, 15, 16, 51].includes(answer.errorCode) || RETRIABLE_PARTITION_ERRORS.has(answer.errorCode)) {
        throw new RetryableWireError(`InitProducerId: ${protocolErrorName(answer.errorCode)}`);
      }
      const denied = answer.errorCode === 31 ? ' (the principal needs IDEMPOTENT_WRITE on the cluster, or WRITE on the topics with Kafka 2.8+)' : '';
      throw new MigrationError({
        code: 'CLUSTER_UNREACHABLE',
        message: `${this.cluster.clientId}: InitProducerId failed: ${protocolErrorName(answer.errorCode)}${denied}`,
      });
    });
  }

  private state(ref: PartitionRef): PartitionState {
    const key = `${ref.topic}\u0000${ref.partition}`;
    let state = this.partitions.get(key);
    if (state === undefined) {
      state = { sequence: 0, tail: Promise.resolve(), failed: undefined };
      this.partitions.set(key, state);
    }
    return state;
  }

  append(ref: PartitionRef, records: readonly SegmentRecord[], options: AppendOptions = {}): Promise<bigint> {
    const state = this.state(ref);
    const run = state.tail.then(() => this.appendNow(ref, state, records, options));
    state.tail = run.catch(() => undefined);
    return run;
  }

  private async appendNow(ref: PartitionRef, state: PartitionState, records: readonly SegmentRecord[], options: AppendOptions): Promise<bigint> {
    if (state.failed !== undefined) throw state.failed;
    if (records.length === 0) {
      throw new MigrationError({ code: 'INTERNAL', message: `${ref.topic}-${ref.partition}: append was given no records (it needs at least one)` });
    }
    const { producerId, producerEpoch } = await this.identity();
    let batch: Buffer;
    try {
      batch = encodeBatch(records, {
        producerId,
        producerEpoch,
        baseSequence: state.sequence,
        compression: options.compression ?? this.options.compression ?? 'none',
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new MigrationError({ code: 'INTERNAL', message: `${ref.topic}-${ref.partition}: these records cannot form one record batch: ${error.message}`, cause: error });
    }
    const maxBytes = await this.cluster.maxMessageBytes(ref.topic);
    if (maxBytes !== undefined && batch.length > maxBytes) throw new BatchTooLargeError(ref, batch.length, maxBytes);
    const baseOffset = await this.send(ref, state, batch);
    state.sequence = nextSequence(state.sequence, records.length);
    return baseOffset;
  }

  /**
   * Sends one encoded batch until the leader answers for it, re-sending the same bytes after a retriable failure.
   * Exposed so a test can replay a batch exactly as the retry path does.
   */
  async send(ref: PartitionRef, state: AppendState, batch: Buffer): Promise<bigint> {
    const name = `${ref.topic}-${ref.partition}`;
    let answer: ProducePartitionResponse;
    try {
      answer = await withRetries(
        this.policy,
        `${this.cluster.clientId}: producing to ${name}`,
        async () => {
          const channel = await this.cluster.leaderOf(ref);
          const partition = await this.produceOnce(channel, ref, batch);
          if (RETRIABLE_PARTITION_ERRORS.has(partition.errorCode)) {
            throw new RetryableWireError(`${name} on broker ${channel.nodeId}: ${protocolErrorName(partition.errorCode)}`);
          }
          return partition;
        },
        () => this.cluster.forget(ref.topic),
      );
    } catch (error) {
      if (error instanceof MigrationError && error.code === 'CLUSTER_UNREACHABLE' && error.retriable) {
        // The batch may or may not be stored: the next sequence number is unknown.
        state.failed = new MigrationError({
          code: 'STATE',
          message: `${name}: the outcome of an append stayed unknown after every retry (${error.message}); this writer appends no more to the partition`,
          hint: "Read the target partition's end offset to see whether the batch was stored, then continue with a new writer (a new producer id).",
          cause: error,
        });
        throw state.failed;
      }
      throw error;
    }
    if (answer.errorCode === 0) return answer.baseOffset;
    const detail = [protocolErrorName(answer.errorCode), answer.errorMessage, ...answer.recordErrors.map((e) => `record ${e.batchIndex}: ${e.message ?? ''}`)]
      .filter((part) => part !== null && part !== '')
      .join('; ');
    if (answer.errorCode === MESSAGE_TOO_LARGE || answer.errorCode === RECORD_LIST_TOO_LARGE) {
      throw new BatchTooLargeError(ref, batch.length, await this.cluster.maxMessageBytes(ref.topic));
    }
    if (SEQUENCE_ERRORS.has(answer.errorCode)) {
      state.failed = new MigrationError({
        code: 'STATE',
        message: `${name}: the target refused the idempotent append (${detail}); its producer state no longer matches this writer's sequence`,
        hint:
          'Another writer with this producer id, or producer state that expired on the target (producer.id.expiration.ms) or a truncated target partition. ' +
          "Read the target partition's end offset, reconcile the offset map, and continue with a new writer.",
      });
      throw state.failed;
    }
    const denied = answer.errorCode === 29 ? ' (the principal needs WRITE on the topic)' : '';
    throw new MigrationError({ code: 'CLUSTER_UNREACHABLE', message: `${this.cluster.clientId}: producing to ${name} failed: ${detail}${denied}` });
  }

  private async produceOnce(channel: BrokerChannel, ref: PartitionRef, batch: Buffer): Promise<ProducePartitionResponse> {
    const version = pickVersion(channel.versions(PRODUCE_API_KEY), PRODUCE_MIN_VERSION, PRODUCE_MAX_VERSION);
    if (version === undefined) {
      throw new MigrationError({
        code: 'NOT_IMPLEMENTED',
        message: `${this.cluster.clientId}: broker ${channel.nodeId} accepts no Produce version in v${PRODUCE_MIN_VERSION}-v${PRODUCE_MAX_VERSION}`,
      });
    }
    const timeoutMs = this.options.produceTimeoutMs ?? 30_000;
    const response = await channel.send(
      produceRequest([{ topic: ref.topic, partition: ref.partition, batch }], {
        version,
        timeoutMs,
        requestTimeout: Math.max(this.cluster.requestTimeoutMs, timeoutMs + 5_000),
      }),
    );
    const partition = response.partitions.find((p) => p.topic === ref.topic && p.partition === ref.partition);
    if (partition === undefined) throw new RetryableWireError(`Produce to broker ${channel.nodeId}: no answer for ${ref.topic}-${ref.partition}`);
    return partition;
  }

  close(): Promise<void> {
    return this.cluster.close();
  }
}

/** Connects to the cluster and returns a writer (zstd's wasm loaded); the producer id is asked on the first append. */
export async function createWireWriter(connection: KafkaClusterConnection, options: WireWriterOptions = {}): Promise<WireWriter> {
  await initZstd();
  return new WireWriter(await connectWireCluster(connection, options), options);
}
