/**
 * IncrementalAlterConfigs (API key 44, KIP-339), which kafkajs 2.2.4 does not implement. Its `alterConfigs` is the
 * legacy AlterConfigs (key 33), which REPLACES a resource's whole dynamic config: every key not sent returns to its
 * default. This request changes only the keys it names, so the target's other settings are never touched.
 *
 * Version 0 (Kafka 2.3+) is the only non-flexible version (v1 is the first flexible one), so kafkajs's request header
 * v1 and its plain Encoder/Decoder fit. Kafka 3.9 and 4.1 both accept v0-v1 (KIP-896 removed nothing here).
 *
 *   IncrementalAlterConfigs Request (Version: 0) => [resources] validate_only
 *     resources => resource_type resource_name [configs]
 *       resource_type => INT8   resource_name => STRING
 *       configs => name config_operation value
 *         name => STRING   config_operation => INT8 (0 SET, 1 DELETE, 2 APPEND, 3 SUBTRACT)   value => NULLABLE_STRING
 *     validate_only => BOOLEAN
 *
 *   IncrementalAlterConfigs Response (Version: 0) => throttle_time_ms [responses]
 *     responses => error_code error_message resource_type resource_name
 *       error_code => INT16   error_message => NULLABLE_STRING   resource_type => INT8   resource_name => STRING
 *
 * Topic resources may go to any broker (KRaft brokers forward to the controller); BROKER resources must go to that
 * broker.
 */
import {
  KafkajsDecoderClass,
  KafkajsEncoderClass,
  type KafkajsDecoder,
  type KafkajsEncoder,
  type KafkajsProtocolRequest,
} from './kafkajs-internals.js';

export const INCREMENTAL_ALTER_CONFIGS_API_KEY = 44;
export const INCREMENTAL_ALTER_CONFIGS_VERSION = 0;

/** Kafka's AlterConfigOp.OpType codes. Only SET and DELETE are used: APPEND/SUBTRACT edit list values in place. */
export const CONFIG_OPERATION_CODES = { SET: 0, DELETE: 1 } as const;
export type ConfigOperationName = keyof typeof CONFIG_OPERATION_CODES;

export interface IncrementalConfigOperation {
  readonly name: string;
  readonly operation: ConfigOperationName;
  /** Ignored by the broker for DELETE (sent as null). */
  readonly value: string | null;
}

export interface IncrementalAlterResource {
  /** ConfigResource type: 2 TOPIC, 4 BROKER. */
  readonly resourceType: number;
  readonly resourceName: string;
  readonly configs: readonly IncrementalConfigOperation[];
}

export interface IncrementalAlterResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly resourceType: number;
  readonly resourceName: string;
}

export interface IncrementalAlterConfigsResponse {
  readonly throttleTimeMs: number;
  readonly responses: IncrementalAlterResult[];
}

export function encodeIncrementalAlterConfigsRequest(
  resources: readonly IncrementalAlterResource[],
  validateOnly = false,
): KafkajsEncoder {
  const encoder = new KafkajsEncoderClass();
  encoder.writeArray(
    resources.map((resource) =>
      new KafkajsEncoderClass()
        .writeInt8(resource.resourceType)
        .writeString(resource.resourceName)
        .writeArray(
          resource.configs.map((config) =>
            new KafkajsEncoderClass()
              .writeString(config.name)
              .writeInt8(CONFIG_OPERATION_CODES[config.operation])
              .writeString(config.operation === 'DELETE' ? null : config.value),
          ),
          'object',
        ),
    ),
    'object',
  );
  return encoder.writeBoolean(validateOnly);
}

export function decodeIncrementalAlterConfigsResponse(payload: Buffer): IncrementalAlterConfigsResponse {
  const decoder = new KafkajsDecoderClass(payload);
  const throttleTimeMs = decoder.readInt32();
  const responses = decoder.readArray(
    (entry: KafkajsDecoder): IncrementalAlterResult => ({
      errorCode: entry.readInt16(),
      errorMessage: entry.readString(),
      resourceType: entry.readInt8(),
      resourceName: entry.readString() ?? '',
    }),
  );
  return { throttleTimeMs, responses };
}

/** The request, ready for kafkajs's connection (`BrokerChannel.send`). */
export function incrementalAlterConfigsRequest(
  resources: readonly IncrementalAlterResource[],
  options: { validateOnly?: boolean; requestTimeout?: number } = {},
): KafkajsProtocolRequest<IncrementalAlterConfigsResponse> {
  return {
    request: {
      apiKey: INCREMENTAL_ALTER_CONFIGS_API_KEY,
      apiVersion: INCREMENTAL_ALTER_CONFIGS_VERSION,
      apiName: 'IncrementalAlterConfigs',
      encode: async () => encodeIncrementalAlterConfigsRequest(resources, options.validateOnly ?? false),
    },
    response: {
      decode: async (payload) => decodeIncrementalAlterConfigsResponse(payload),
      parse: async (data) => data,
    },
    ...(options.requestTimeout === undefined ? {} : { requestTimeout: options.requestTimeout }),
  };
}
