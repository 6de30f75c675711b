/**
 * PartitionReader over Kafka's wire protocol: Fetch (read_committed, no consumer group, no fetch session) to the
 * partition's leader, record batches decoded and CRC-checked here, ListOffsets for the log start and high watermark.
 */
import type { FetchedRecords, FetchOptions, PartitionReader } from '../../copy/record-ports.js';
import type { PartitionRef } from '../../copy/positions.js';
import { MigrationError } from '../../errors.js';
import { initZstd } from '../codecs/zstd.js';
import type { KafkaClusterConnection } from '../kafkajs-options.js';
import { FETCH_API_KEY, FETCH_MAX_VERSION, FETCH_MIN_VERSION, READ_COMMITTED, fetchRequest } from '../protocol/fetch.js';
import { protocolErrorName, type BrokerChannel } from '../protocol/kafkajs-internals.js';
import { recordsOfFetchAnswer } from './fetch-answer.js';
import { partitionBounds, type PartitionBounds } from './list-offsets.js';
import { RETRIABLE_PARTITION_ERRORS, RetryableWireError, retryPolicy, withRetries, type RetryPolicy } from './retry.js';
import { connectWireCluster, type WireClientOptions, type WireCluster } from './wire-cluster.js';
import { pickVersion } from './wire-request.js';

const OFFSET_OUT_OF_RANGE = 1;

/** A fetch below the log start or past the high watermark; `logStart` and `end` say what the partition holds now. */
export class OffsetOutOfRangeError extends MigrationError {
  constructor(
    readonly ref: PartitionRef,
    readonly requested: bigint,
    readonly logStart: bigint,
    readonly end: bigint,
  ) {
    super({
      code: 'STATE',
      message: `${ref.topic}-${ref.partition}: offset ${requested} is out of range; the partition holds offsets ${logStart} to ${end - 1n} (log start ${logStart}, high watermark ${end})`,
      hint:
        requested < logStart
          ? 'Retention or deleteRecords removed these records before they were copied; the copy reports the gap (COPY_RETENTION_GAP).'
          : 'The source partition is shorter than the position the copy reached: it was recreated or truncated; start this partition again.',
    });
    this.name = 'OffsetOutOfRangeError';
  }
}

function fetchVersion(channel: BrokerChannel, clientId: string): number {
  const version = pickVersion(channel.versions(FETCH_API_KEY), FETCH_MIN_VERSION, FETCH_MAX_VERSION);
  if (version === undefined) {
    const range = channel.versions(FETCH_API_KEY);
    throw new MigrationError({
      code: 'NOT_IMPLEMENTED',
      message: `${clientId}: broker ${channel.nodeId} accepts Fetch ${range === undefined ? 'in no version' : `v${range.minVersion}-v${range.maxVersion}`}; the copy reads with v${FETCH_MIN_VERSION}-v${FETCH_MAX_VERSION} (Kafka 0.11 or later)`,
      hint: 'Upgrade the source cluster to Kafka 0.11 or later.',
    });
  }
  return version;
}

const INT32_MAX = 2 ** 31 - 1;

function checkFetchOptions(name: string, from: bigint, options: FetchOptions): void {
  const bad = (field: string, value: unknown, expected: string) =>
    new MigrationError({ code: 'INTERNAL', message: `fetch of ${name}: ${field} is ${String(value)}; expected ${expected}` });
  if (from < 0n) throw bad('the offset', from, 'an offset >= 0');
  if (!Number.isInteger(options.maxBytes) || options.maxBytes < 1 || options.maxBytes > INT32_MAX) throw bad('maxBytes', options.maxBytes, `an integer from 1 to ${INT32_MAX}`);
  if (!Number.isInteger(options.maxWaitMs) || options.maxWaitMs < 0 || options.maxWaitMs > INT32_MAX) throw bad('maxWaitMs', options.maxWaitMs, `an integer from 0 to ${INT32_MAX}`);
}

export class WireReader implements PartitionReader {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly cluster: WireCluster,
    options: WireClientOptions = {},
  ) {
    this.policy = retryPolicy(options);
  }

  async fetch(ref: PartitionRef, from: bigint, options: FetchOptions): Promise<FetchedRecords> {
    const name = `${ref.topic}-${ref.partition}`;
    checkFetchOptions(name, from, options);
    const answer = await withRetries(
      this.policy,
      `${this.cluster.clientId}: fetching ${name} from offset ${from}`,
      async () => {
        const channel = await this.cluster.leaderOf(ref);
        const request = fetchRequest([{ topic: ref.topic, partition: ref.partition, fetchOffset: from, partitionMaxBytes: options.maxBytes }], {
          version: fetchVersion(channel, this.cluster.clientId),
          maxWaitMs: options.maxWaitMs,
          minBytes: 1,
          maxBytes: options.maxBytes,
          isolationLevel: READ_COMMITTED,
          requestTimeout: this.cluster.requestTimeoutMs + options.maxWaitMs,
        });
        const response = await channel.send(request);
        if (response.errorCode !== 0) throw new RetryableWireError(`Fetch from broker ${channel.nodeId}: ${protocolErrorName(response.errorCode)}`);
        const partition = response.partitions.find((p) => p.topic === ref.topic && p.partition === ref.partition);
        if (partition === undefined) throw new RetryableWireError(`Fetch from broker ${channel.nodeId}: no answer for ${name}`);
        if (RETRIABLE_PARTITION_ERRORS.has(partition.errorCode)) {
          this.cluster.forget(ref.topic);
          throw new RetryableWireError(`${name} on broker ${channel.nodeId}: ${protocolErrorName(partition.errorCode)}`);
        }
        return partition;
      },
      () => this.cluster.forget(ref.topic),
    );
    if (answer.errorCode === OFFSET_OUT_OF_RANGE) {
      const [range] = await this.offsets([ref]);
      throw new OffsetOutOfRangeError(ref, from, range?.logStart ?? -1n, range?.end ?? -1n);
    }
    if (answer.errorCode !== 0) {
      const denied = answer.errorCode === 29 ? ' (the principal needs READ on the topic)' : '';
      throw new MigrationError({
        code: 'CLUSTER_UNREACHABLE',
        message: `${this.cluster.clientId}: fetching ${name} from offset ${from} failed: ${protocolErrorName(answer.errorCode)}${denied}`,
      });
    }
    return recordsOfFetchAnswer(ref, from, answer, options.maxBytes);
  }

  offsets(refs: readonly PartitionRef[]): Promise<PartitionBounds[]> {
    return partitionBounds(this.cluster, this.policy, refs);
  }

  close(): Promise<void> {
    return this.cluster.close();
  }
}

/** Connects to the cluster and returns a reader (zstd's wasm loaded). Throws CLUSTER_UNREACHABLE when no broker answers. */
export async function createWireReader(connection: KafkaClusterConnection, options: WireClientOptions = {}): Promise<WireReader> {
  await initZstd();
  return new WireReader(await connectWireCluster(connection, options), options);
}
