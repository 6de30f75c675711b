/**
 * Fetch (API key 1), encoded and decoded here so the records bytes reach us untouched (kafkajs's own Fetch decodes
 * them, merging repeated header keys). Versions 4-11: the non-flexible ones with isolation_level and aborted
 * transactions (v12 is the first flexible version, which kafkajs's request header cannot send). Kafka 4.x accepts
 * v4-v18, Kafka 3.9 v0-v17; v11 needs Kafka 2.3+.
 *
 *   Fetch Request (v4-v11) => replica_id max_wait_ms min_bytes max_bytes isolation_level
 *       [session_id session_epoch (v7+)] [topics] [forgotten_topics_data (v7+)] [rack_id (v11+)]
 *     topics => topic [partitions]
 *       partitions => partition [current_leader_epoch (v9+)] fetch_offset [log_start_offset (v5+)] partition_max_bytes
 *
 *   Fetch Response (v4-v11) => throttle_time_ms [error_code session_id (v7+)] [responses]
 *     responses => topic [partitions]
 *       partitions => partition_index error_code high_watermark last_stable_offset [log_start_offset (v5+)]
 *         [aborted_transactions] [preferred_read_replica (v11+)] records
 *       aborted_transactions => producer_id first_offset   (null when none)
 *
 * No fetch session (session_id 0, session_epoch -1): every request is a full fetch and the broker keeps no state.
 */
import type { AbortedTransaction } from '../records/read-committed.js';
import { ByteWriter } from '../records/byte-writer.js';
import { groupByTopic, wireRequest } from '../records/wire-request.js';
import type { KafkajsProtocolRequest } from './kafkajs-internals.js';

export const FETCH_API_KEY = 1;
export const FETCH_MIN_VERSION = 4;
export const FETCH_MAX_VERSION = 11;
export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

export interface FetchPartitionRequest {
  readonly topic: string;
  readonly partition: number;
  readonly fetchOffset: bigint;
  readonly partitionMaxBytes: number;
}

export interface FetchRequestOptions {
  readonly version: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly isolationLevel: typeof READ_UNCOMMITTED | typeof READ_COMMITTED;
  readonly requestTimeout?: number;
}

export interface FetchPartitionResponse {
  readonly topic: string;
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: bigint;
  readonly lastStableOffset: bigint;
  /** -1n before v5. */
  readonly logStartOffset: bigint;
  readonly abortedTransactions: AbortedTransaction[] | null;
  /** The records bytes as the broker sent them (a view into the response; null when none). */
  readonly records: Buffer | null;
}

export interface FetchResponse {
  readonly throttleTimeMs: number;
  /**
   * From v8 the broker answers at once and expects the client to wait out a quota throttle itself (KIP-219);
   * kafkajs's connection reads this field and holds back the connection's next requests.
   */
  readonly clientSideThrottleTime?: number;
  /** Top-level error (v7+), e.g. for a fetch session problem; 0 otherwise. */
  readonly errorCode: number;
  readonly partitions: FetchPartitionResponse[];
}

export function encodeFetchRequest(partitions: readonly FetchPartitionRequest[], options: FetchRequestOptions): ByteWriter {
  const { version } = options;
  const byTopic = groupByTopic(partitions);
  const out = new ByteWriter(128);
  out.i32(-1).i32(options.maxWaitMs).i32(options.minBytes).i32(options.maxBytes).i8(options.isolationLevel);
  if (version >= 7) out.i32(0).i32(-1);
  out.i32(byTopic.size);
  for (const [topic, entries] of byTopic) {
    out.string(topic).i32(entries.length);
    for (const entry of entries) {
      out.i32(entry.partition);
      if (version >= 9) out.i32(-1);
      out.i64(entry.fetchOffset);
      if (version >= 5) out.i64(-1n);
      out.i32(entry.partitionMaxBytes);
    }
  }
  if (version >= 7) out.i32(0);
  if (version >= 11) out.string('');
  return out;
}

export function fetchRequest(partitions: readonly FetchPartitionRequest[], options: FetchRequestOptions): KafkajsProtocolRequest<FetchResponse> {
  const { version } = options;
  return wireRequest({
    apiKey: FETCH_API_KEY,
    apiVersion: version,
    apiName: 'Fetch',
    implemented: [FETCH_MIN_VERSION, FETCH_MAX_VERSION],
    body: () => encodeFetchRequest(partitions, options),
    requestTimeout: options.requestTimeout,
    decode: (reader): FetchResponse => {
      const throttleTimeMs = reader.i32('throttle_time_ms');
      let errorCode = 0;
      if (version >= 7) {
        errorCode = reader.i16('error_code');
        reader.i32('session_id');
      }
      const partitionsOut: FetchPartitionResponse[] = [];
      reader.array('responses', (topicReader) => {
        const topic = topicReader.string('topic') ?? '';
        topicReader.array('partitions', (p) => {
          const partition = p.i32('partition_index');
          const partitionErrorCode = p.i16('error_code');
          const highWatermark = p.i64('high_watermark');
          const lastStableOffset = p.i64('last_stable_offset');
          const logStartOffset = version >= 5 ? p.i64('log_start_offset') : -1n;
          const abortedTransactions = p.nullableArray('aborted_transactions', (a) => ({
            producerId: a.i64('producer_id'),
            firstOffset: a.i64('first_offset'),
          }));
          if (version >= 11) p.i32('preferred_read_replica');
          const records = p.bytes('records');
          partitionsOut.push({ topic, partition, errorCode: partitionErrorCode, highWatermark, lastStableOffset, logStartOffset, abortedTransactions, records });
        });
      });
      return { throttleTimeMs, ...(version >= 8 ? { clientSideThrottleTime: throttleTimeMs } : {}), errorCode, partitions: partitionsOut };
    },
  });
}
