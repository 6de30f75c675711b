/**
 * The two Kafka requests the cutover sends by hand to commit a group's offsets on the target without joining the
 * group (kafkajs's admin.setOffsets joins it as a consumer, which waits out a rebalance per group): FindCoordinator
 * to find the group's coordinator, then OffsetCommit with generation -1 and no member id, which Kafka accepts only
 * for a group with no members (an active group is refused: UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION).
 * Versions: FindCoordinator v1 (Kafka 4 removed v0) and OffsetCommit v2 (Kafka 4 removed v0-v1); both are the last
 * non-flexible versions kafkajs's request header and plain Encoder/Decoder fit, and Kafka 3.9 and 4.x accept them.
 *
 *   FindCoordinator Request (Version: 1) => key key_type          key => STRING  key_type => INT8 (0 = group)
 *   FindCoordinator Response (Version: 1) => throttle_time_ms error_code error_message node_id host port
 *   OffsetCommit Request (Version: 2) => group_id generation_id member_id retention_time_ms [topics]
 *     topics => name [partitions]   partitions => partition_index committed_offset committed_metadata
 *   OffsetCommit Response (Version: 2) => [topics]   topics => name [partitions]   partitions => partition_index error_code
 */
import {
  KafkajsDecoderClass,
  KafkajsEncoderClass,
  type KafkajsDecoder,
  type KafkajsProtocolRequest,
} from '../kafka/protocol/kafkajs-internals.js';

export const FIND_COORDINATOR_API_KEY = 10;
export const FIND_COORDINATOR_VERSION = 1;
export const OFFSET_COMMIT_API_KEY = 8;
export const OFFSET_COMMIT_VERSION = 2;

export interface FindCoordinatorResponse {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export interface OffsetCommitTopic {
  readonly topic: string;
  readonly partitions: readonly { readonly partition: number; readonly offset: number }[];
}

export interface OffsetCommitResult {
  readonly topic: string;
  readonly partition: number;
  readonly errorCode: number;
}

function request<T>(apiKey: number, apiVersion: number, apiName: string, encode: () => ReturnType<KafkajsProtocolRequest<T>['request']['encode']>, decode: (payload: Buffer) => T): KafkajsProtocolRequest<T> {
  return {
    request: { apiKey, apiVersion, apiName, encode },
    response: { decode: async (payload) => decode(payload), parse: async (data) => data },
  };
}

export function findGroupCoordinatorRequest(groupId: string): KafkajsProtocolRequest<FindCoordinatorResponse> {
  return request(
    FIND_COORDINATOR_API_KEY,
    FIND_COORDINATOR_VERSION,
    'FindCoordinator',
    async () => new KafkajsEncoderClass().writeString(groupId).writeInt8(0),
    (payload) => {
      const decoder = new KafkajsDecoderClass(payload);
      decoder.readInt32();
      return { errorCode: decoder.readInt16(), errorMessage: decoder.readString(), nodeId: decoder.readInt32(), host: decoder.readString() ?? '', port: decoder.readInt32() };
    },
  );
}

/** OffsetCommit as an admin: generation -1, no member id, retention -1 (the broker's offsets.retention.minutes). */
export function adminOffsetCommitRequest(groupId: string, topics: readonly OffsetCommitTopic[]): KafkajsProtocolRequest<OffsetCommitResult[]> {
  return request(
    OFFSET_COMMIT_API_KEY,
    OFFSET_COMMIT_VERSION,
    'OffsetCommit',
    async () =>
      new KafkajsEncoderClass()
        .writeString(groupId)
        .writeInt32(-1)
        .writeString('')
        .writeInt64(-1)
        .writeArray(
          topics.map((topic) =>
            new KafkajsEncoderClass()
              .writeString(topic.topic)
              .writeArray(topic.partitions.map((p) => new KafkajsEncoderClass().writeInt32(p.partition).writeInt64(p.offset).writeString(null)), 'object'),
          ),
          'object',
        ),
    (payload) =>
      new KafkajsDecoderClass(payload)
        .readArray((topic: KafkajsDecoder) => {
          const name = topic.readString() ?? '';
          return topic.readArray((partition: KafkajsDecoder) => ({ topic: name, partition: partition.readInt32(), errorCode: partition.readInt16() }));
        })
        .flat(),
  );
}
