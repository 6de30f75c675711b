/**
 * InitProducerId (API key 22) without a transactional id: a fresh producer id and epoch for an idempotent producer.
 * Versions 0-1 (v2 is the first flexible one); Kafka 3.9 and 4.x accept v0-v5. Any broker answers it.
 *
 *   InitProducerId Request (v0-v1) => transactional_id transaction_timeout_ms
 *   InitProducerId Response (v0-v1) => throttle_time_ms error_code producer_id producer_epoch
 */
import { ByteWriter } from '../records/byte-writer.js';
import { wireRequest } from '../records/wire-request.js';
import type { KafkajsProtocolRequest } from './kafkajs-internals.js';

export const INIT_PRODUCER_ID_API_KEY = 22;
export const INIT_PRODUCER_ID_MIN_VERSION = 0;
export const INIT_PRODUCER_ID_MAX_VERSION = 1;

export interface InitProducerIdResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly producerId: bigint;
  readonly producerEpoch: number;
}

export function initProducerIdRequest(options: { version: number; requestTimeout?: number }): KafkajsProtocolRequest<InitProducerIdResponse> {
  return wireRequest({
    apiKey: INIT_PRODUCER_ID_API_KEY,
    apiVersion: options.version,
    apiName: 'InitProducerId',
    // No transactional id (idempotence only); the timeout is unused without one but must be positive.
    implemented: [INIT_PRODUCER_ID_MIN_VERSION, INIT_PRODUCER_ID_MAX_VERSION],
    body: () => new ByteWriter(16).string(null).i32(60_000),
    requestTimeout: options.requestTimeout,
    decode: (reader) => ({
      throttleTimeMs: reader.i32('throttle_time_ms'),
      errorCode: reader.i16('error_code'),
      producerId: reader.i64('producer_id'),
      producerEpoch: reader.i16('producer_epoch'),
    }),
  });
}
