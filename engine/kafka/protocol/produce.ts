/**
 * Produce (API key 0), encoded here so the record batch we built byte for byte (engine/kafka/records/batch-encode.ts)
 * goes out as it is. Versions 3-8: the non-flexible ones that carry record batch v2 (v9 is the first flexible
 * version, which kafkajs's request header cannot send). Kafka 4.x refuses v0-v2 (KIP-896); v8 needs Kafka 2.4+.
 *
 *   Produce Request (v3-v8) => transactional_id acks timeout_ms [topic_data]
 *     topic_data => name [partition_data]   partition_data => index records (one record batch here)
 *
 *   Produce Response (v3-v8) => [responses] throttle_time_ms
 *     responses => name [partition_responses]
 *       partition_responses => index error_code base_offset log_append_time_ms [log_start_offset (v5+)]
 *         [record_errors error_message (v8+)]   record_errors => batch_index batch_index_error_message
 */
import { ByteWriter } from '../records/byte-writer.js';
import { groupByTopic, wireRequest } from '../records/wire-request.js';
import type { KafkajsProtocolRequest } from './kafkajs-internals.js';

export const PRODUCE_API_KEY = 0;
export const PRODUCE_MIN_VERSION = 3;
export const PRODUCE_MAX_VERSION = 8;
/** acks=all: the leader answers once every in-sync replica has the batch. */
export const ACKS_ALL = -1;

export interface ProducePartitionRequest {
  readonly topic: string;
  readonly partition: number;
  /** One encoded record batch. */
  readonly batch: Buffer;
}

export interface ProducePartitionResponse {
  readonly topic: string;
  readonly partition: number;
  readonly errorCode: number;
  readonly baseOffset: bigint;
  readonly logAppendTimeMs: bigint;
  readonly logStartOffset: bigint;
  readonly recordErrors: { batchIndex: number; message: string | null }[];
  readonly errorMessage: string | null;
}

export interface ProduceResponse {
  readonly partitions: ProducePartitionResponse[];
  readonly throttleTimeMs: number;
  /** From v6 the client waits out a quota throttle itself (KIP-219); kafkajs's connection reads this field. */
  readonly clientSideThrottleTime?: number;
}

export function encodeProduceRequest(partitions: readonly ProducePartitionRequest[], options: { timeoutMs: number; acks?: number }): ByteWriter {
  const byTopic = groupByTopic(partitions);
  const size = partitions.reduce((sum, entry) => sum + entry.batch.length + 64, 64);
  const out = new ByteWriter(size);
  out.string(null).i16(options.acks ?? ACKS_ALL).i32(options.timeoutMs).i32(byTopic.size);
  for (const [topic, entries] of byTopic) {
    out.string(topic).i32(entries.length);
    for (const entry of entries) out.i32(entry.partition).sizedBytes(entry.batch);
  }
  return out;
}

export function produceRequest(
  partitions: readonly ProducePartitionRequest[],
  options: { version: number; timeoutMs: number; requestTimeout?: number },
): KafkajsProtocolRequest<ProduceResponse> {
  const { version } = options;
  return wireRequest({
    apiKey: PRODUCE_API_KEY,
    apiVersion: version,
    apiName: 'Produce',
    implemented: [PRODUCE_MIN_VERSION, PRODUCE_MAX_VERSION],
    body: () => encodeProduceRequest(partitions, options),
    requestTimeout: options.requestTimeout,
    decode: (reader): ProduceResponse => {
      const out: ProducePartitionResponse[] = [];
      reader.array('responses', (topicReader) => {
        const topic = topicReader.string('name') ?? '';
        topicReader.array('partition_responses', (p) => {
          const partition = p.i32('index');
          const errorCode = p.i16('error_code');
          const baseOffset = p.i64('base_offset');
          const logAppendTimeMs = p.i64('log_append_time_ms');
          const logStartOffset = version >= 5 ? p.i64('log_start_offset') : -1n;
          const recordErrors =
            version >= 8 ? p.array('record_errors', (e) => ({ batchIndex: e.i32('batch_index'), message: e.string('batch_index_error_message') })) : [];
          const errorMessage = version >= 8 ? p.string('error_message') : null;
          out.push({ topic, partition, errorCode, baseOffset, logAppendTimeMs, logStartOffset, recordErrors, errorMessage });
        });
      });
      const throttleTimeMs = reader.i32('throttle_time_ms');
      return { partitions: out, throttleTimeMs, ...(version >= 6 ? { clientSideThrottleTime: throttleTimeMs } : {}) };
    },
  });
}
