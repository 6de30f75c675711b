/**
 * DescribeLogDirs (API key 35), which kafkajs 2.2.4 does not implement: how many bytes each replica's log takes on
 * one broker. Version 1 (Kafka 1.1+) is the newest non-flexible version, so kafkajs's request header v1 and its
 * plain Encoder/Decoder fit; Kafka 3.9 accepts v0-v4 and Kafka 4.x v1-v4 (KIP-896 removed v0), so v1 works on both.
 *
 *   DescribeLogDirs Request (Version: 1) => [topics]            (null = every partition on the broker)
 *     topics => topic [partitions]   topic => STRING   partitions => INT32
 *
 *   DescribeLogDirs Response (Version: 1) => throttle_time_ms [results]
 *     results => error_code log_dir [topics]
 *       topics => name [partitions]
 *         partitions => partition_index partition_size offset_lag is_future_key
 *           partition_index => INT32   partition_size => INT64   offset_lag => INT64   is_future_key => BOOLEAN
 *
 * Without DESCRIBE on the CLUSTER resource, brokers answer v1 with an empty result list (no error code).
 */
import { int64ToNumber } from '../int64.js';
import {
  KafkajsDecoderClass,
  KafkajsEncoderClass,
  type KafkajsDecoder,
  type KafkajsEncoder,
  type KafkajsProtocolRequest,
} from './kafkajs-internals.js';

export const DESCRIBE_LOG_DIRS_API_KEY = 35;
export const DESCRIBE_LOG_DIRS_VERSION = 1;

export interface LogDirsRequestTopic {
  readonly topic: string;
  readonly partitions: readonly number[];
}

export interface LogDirPartition {
  readonly partition: number;
  readonly sizeBytes: number;
  readonly offsetLag: number;
  /** A replica being moved to this dir (AlterReplicaLogDirs); not the live log. */
  readonly isFuture: boolean;
}

export interface LogDirResult {
  /** 0 when the dir is online; e.g. 56 KAFKA_STORAGE_ERROR for an offline dir. */
  readonly errorCode: number;
  readonly logDir: string;
  readonly topics: { readonly topic: string; readonly partitions: LogDirPartition[] }[];
}

export interface DescribeLogDirsResponse {
  readonly throttleTimeMs: number;
  readonly results: LogDirResult[];
}

/** The request body; `topics` undefined asks for every partition the broker holds. */
export function encodeDescribeLogDirsRequest(topics: readonly LogDirsRequestTopic[] | undefined): KafkajsEncoder {
  const encoder = new KafkajsEncoderClass();
  if (topics === undefined) return encoder.writeInt32(-1);
  return encoder.writeArray(
    topics.map((entry) => new KafkajsEncoderClass().writeString(entry.topic).writeArray([...entry.partitions], 'int32')),
    'object',
  );
}

export function decodeDescribeLogDirsResponse(payload: Buffer): DescribeLogDirsResponse {
  const decoder = new KafkajsDecoderClass(payload);
  const throttleTimeMs = decoder.readInt32();
  const results = decoder.readArray((dir: KafkajsDecoder): LogDirResult => {
    const errorCode = dir.readInt16();
    const logDir = dir.readString() ?? '';
    const topics = dir.readArray((topic: KafkajsDecoder) => {
      const name = topic.readString() ?? '';
      const partitions = topic.readArray((partition: KafkajsDecoder): LogDirPartition => {
        const index = partition.readInt32();
        const where = `DescribeLogDirs ${logDir} ${name}-${index}`;
        return {
          partition: index,
          sizeBytes: int64ToNumber(partition.readInt64(), `${where} size`),
          offsetLag: int64ToNumber(partition.readInt64(), `${where} offset lag`),
          isFuture: partition.readBoolean(),
        };
      });
      return { topic: name, partitions };
    });
    return { errorCode, logDir, topics };
  });
  return { throttleTimeMs, results };
}

/** The request, ready for kafkajs's connection (`BrokerChannel.send`). */
export function describeLogDirsRequest(
  topics: readonly LogDirsRequestTopic[] | undefined,
  requestTimeout?: number,
): KafkajsProtocolRequest<DescribeLogDirsResponse> {
  return {
    request: {
      apiKey: DESCRIBE_LOG_DIRS_API_KEY,
      apiVersion: DESCRIBE_LOG_DIRS_VERSION,
      apiName: 'DescribeLogDirs',
      encode: async () => encodeDescribeLogDirsRequest(topics),
    },
    response: {
      decode: async (payload) => decodeDescribeLogDirsResponse(payload),
      parse: async (data) => data,
    },
    ...(requestTimeout === undefined ? {} : { requestTimeout }),
  };
}
