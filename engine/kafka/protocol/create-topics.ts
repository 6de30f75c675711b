/**
 * CreateTopics (API key 19) sent by us rather than through kafkajs's `admin.createTopics`, because that one answers
 * a batch with one boolean: `false` when every error was TOPIC_ALREADY_EXISTS, without saying which topics were
 * created and which were there before. Topology copy must know exactly which topics it created (the journal records
 * them as this migration's), so we read the per-topic error codes ourselves.
 *
 * Versions 2-4 share one non-flexible layout (v5 is the first flexible one). Kafka 4.x accepts v2-v7 (KIP-896
 * removed v0-v1), Kafka 3.9 v0-v7, so v2-v4 fit kafkajs's request header v1 and plain Encoder/Decoder on both.
 *
 *   CreateTopics Request (Version: 2-4) => [topics] timeout_ms validate_only
 *     topics => name num_partitions replication_factor [assignments] [configs]
 *       name => STRING   num_partitions => INT32   replication_factor => INT16
 *       assignments => partition_index [broker_ids]   (always empty here: the controller places replicas)
 *       configs => name value   name => STRING   value => NULLABLE_STRING
 *     timeout_ms => INT32   validate_only => BOOLEAN
 *
 *   CreateTopics Response (Version: 2-4) => throttle_time_ms [topics]
 *     topics => name error_code error_message   name => STRING   error_code => INT16   error_message => NULLABLE_STRING
 *
 * In ZooKeeper mode the request must reach the controller (else NOT_CONTROLLER); KRaft brokers forward it.
 */
import {
  KafkajsDecoderClass,
  KafkajsEncoderClass,
  type ApiVersionRange,
  type KafkajsDecoder,
  type KafkajsEncoder,
  type KafkajsProtocolRequest,
} from './kafkajs-internals.js';

export const CREATE_TOPICS_API_KEY = 19;
export const CREATE_TOPICS_MIN_VERSION = 2;
export const CREATE_TOPICS_MAX_VERSION = 4;

export interface CreateTopicRequestEntry {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly configs: readonly { readonly name: string; readonly value: string }[];
}

export interface CreateTopicResultEntry {
  readonly name: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

export interface CreateTopicsResponse {
  readonly throttleTimeMs: number;
  readonly topics: CreateTopicResultEntry[];
}

/** The version to send to a broker that accepts `range`, or undefined when no version of ours fits. */
export function createTopicsVersion(range: ApiVersionRange | undefined): number | undefined {
  if (range === undefined) return undefined;
  const version = Math.min(range.maxVersion, CREATE_TOPICS_MAX_VERSION);
  return version >= Math.max(range.minVersion, CREATE_TOPICS_MIN_VERSION) ? version : undefined;
}

export function encodeCreateTopicsRequest(
  topics: readonly CreateTopicRequestEntry[],
  timeoutMs: number,
  validateOnly = false,
): KafkajsEncoder {
  const encoder = new KafkajsEncoderClass();
  encoder.writeArray(
    topics.map((topic) =>
      new KafkajsEncoderClass()
        .writeString(topic.name)
        .writeInt32(topic.numPartitions)
        .writeInt16(topic.replicationFactor)
        .writeArray([], 'object')
        .writeArray(
          topic.configs.map((config) => new KafkajsEncoderClass().writeString(config.name).writeString(config.value)),
          'object',
        ),
    ),
    'object',
  );
  return encoder.writeInt32(timeoutMs).writeBoolean(validateOnly);
}

export function decodeCreateTopicsResponse(payload: Buffer): CreateTopicsResponse {
  const decoder = new KafkajsDecoderClass(payload);
  const throttleTimeMs = decoder.readInt32();
  const topics = decoder.readArray(
    (entry: KafkajsDecoder): CreateTopicResultEntry => ({
      name: entry.readString() ?? '',
      errorCode: entry.readInt16(),
      errorMessage: entry.readString(),
    }),
  );
  return { throttleTimeMs, topics };
}

/** The request, ready for kafkajs's connection; the broker waits up to `timeoutMs` for the topics to be created. */
export function createTopicsRequest(
  topics: readonly CreateTopicRequestEntry[],
  options: { version: number; timeoutMs: number; validateOnly?: boolean; requestTimeout?: number },
): KafkajsProtocolRequest<CreateTopicsResponse> {
  if (options.version < CREATE_TOPICS_MIN_VERSION || options.version > CREATE_TOPICS_MAX_VERSION) {
    throw new Error(`CreateTopics v${options.version} is not implemented (v${CREATE_TOPICS_MIN_VERSION}-v${CREATE_TOPICS_MAX_VERSION})`);
  }
  return {
    request: {
      apiKey: CREATE_TOPICS_API_KEY,
      apiVersion: options.version,
      apiName: 'CreateTopics',
      encode: async () => encodeCreateTopicsRequest(topics, options.timeoutMs, options.validateOnly ?? false),
    },
    response: {
      decode: async (payload) => decodeCreateTopicsResponse(payload),
      parse: async (data) => data,
    },
    ...(options.requestTimeout === undefined ? {} : { requestTimeout: options.requestTimeout }),
  };
}
