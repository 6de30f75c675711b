/**
 * CreateAcls (API key 30) and DeleteAcls (API key 31), version 1, sent by us rather than through kafkajs's admin:
 * kafkajs throws the first error of a batch without saying which binding failed, and refuses operations and
 * resource types newer than it knows (USER, CREATE_TOKENS, TWO_PHASE_COMMIT...). Here every binding gets its own
 * answer. Version 1 (Kafka 2.0+, prefixed patterns) is the newest non-flexible one; Kafka 4.x accepts v1-v3
 * (KIP-896 removed v0), Kafka 3.9 v0-v3. Both go to any broker (KRaft brokers forward them to the controller).
 *
 *   CreateAcls Request (Version: 1) => [creations]
 *     creations => resource_type resource_name resource_pattern_type principal host operation permission_type
 *       INT8 STRING INT8 STRING STRING INT8 INT8
 *   CreateAcls Response (Version: 1) => throttle_time_ms [results]
 *     results => error_code error_message   INT16 NULLABLE_STRING   (one per creation, in request order)
 *
 *   DeleteAcls Request (Version: 1) => [filters]
 *     filters => resource_type_filter resource_name_filter pattern_type_filter principal_filter host_filter operation
 *                permission_type
 *       INT8 NULLABLE_STRING INT8 NULLABLE_STRING NULLABLE_STRING INT8 INT8
 *   DeleteAcls Response (Version: 1) => throttle_time_ms [filter_results]
 *     filter_results => error_code error_message [matching_acls]
 *       matching_acls => error_code error_message resource_type resource_name pattern_type principal host operation
 *                        permission_type
 */
import {
  KafkajsDecoderClass,
  KafkajsEncoderClass,
  type KafkajsDecoder,
  type KafkajsProtocolRequest,
} from './kafkajs-internals.js';

export const CREATE_ACLS_API_KEY = 30;
export const DELETE_ACLS_API_KEY = 31;
export const ACL_REQUESTS_VERSION = 1;

/** One ACL binding as protocol codes (see `acl-codes.ts`). */
export interface AclBindingCodes {
  readonly resourceType: number;
  readonly resourceName: string;
  readonly patternType: number;
  readonly principal: string;
  readonly host: string;
  readonly operation: number;
  readonly permissionType: number;
}

export interface AclResultCode {
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

export interface CreateAclsResponse {
  readonly throttleTimeMs: number;
  readonly results: AclResultCode[];
}

export interface DeleteAclsFilterResult extends AclResultCode {
  readonly matching: Array<AclResultCode & AclBindingCodes>;
}

export interface DeleteAclsResponse {
  readonly throttleTimeMs: number;
  readonly results: DeleteAclsFilterResult[];
}

function encodeBinding(binding: AclBindingCodes) {
  return new KafkajsEncoderClass()
    .writeInt8(binding.resourceType)
    .writeString(binding.resourceName)
    .writeInt8(binding.patternType)
    .writeString(binding.principal)
    .writeString(binding.host)
    .writeInt8(binding.operation)
    .writeInt8(binding.permissionType);
}

export function encodeCreateAclsRequest(bindings: readonly AclBindingCodes[]) {
  return new KafkajsEncoderClass().writeArray(bindings.map(encodeBinding), 'object');
}

/** Exact filters: every field given, so each one matches at most the one binding it names. */
export function encodeDeleteAclsRequest(filters: readonly AclBindingCodes[]) {
  return new KafkajsEncoderClass().writeArray(filters.map(encodeBinding), 'object');
}

const readResult = (decoder: KafkajsDecoder): AclResultCode => ({ errorCode: decoder.readInt16(), errorMessage: decoder.readString() });

export function decodeCreateAclsResponse(payload: Buffer): CreateAclsResponse {
  const decoder = new KafkajsDecoderClass(payload);
  const throttleTimeMs = decoder.readInt32();
  return { throttleTimeMs, results: decoder.readArray(readResult) };
}

export function decodeDeleteAclsResponse(payload: Buffer): DeleteAclsResponse {
  const decoder = new KafkajsDecoderClass(payload);
  const throttleTimeMs = decoder.readInt32();
  const results = decoder.readArray((filter: KafkajsDecoder): DeleteAclsFilterResult => {
    const result = readResult(filter);
    const matching = filter.readArray((acl: KafkajsDecoder) => ({
      ...readResult(acl),
      resourceType: acl.readInt8(),
      resourceName: acl.readString() ?? '',
      patternType: acl.readInt8(),
      principal: acl.readString() ?? '',
      host: acl.readString() ?? '',
      operation: acl.readInt8(),
      permissionType: acl.readInt8(),
    }));
    return { ...result, matching };
  });
  return { throttleTimeMs, results };
}

function request<T>(apiKey: number, apiName: string, encode: () => ReturnType<typeof encodeCreateAclsRequest>, decode: (payload: Buffer) => T, requestTimeout?: number): KafkajsProtocolRequest<T> {
  return {
    request: { apiKey, apiVersion: ACL_REQUESTS_VERSION, apiName, encode: async () => encode() },
    response: { decode: async (payload) => decode(payload), parse: async (data) => data },
    ...(requestTimeout === undefined ? {} : { requestTimeout }),
  };
}

export function createAclsRequest(bindings: readonly AclBindingCodes[], requestTimeout?: number): KafkajsProtocolRequest<CreateAclsResponse> {
  return request(CREATE_ACLS_API_KEY, 'CreateAcls', () => encodeCreateAclsRequest(bindings), decodeCreateAclsResponse, requestTimeout);
}

export function deleteAclsRequest(filters: readonly AclBindingCodes[], requestTimeout?: number): KafkajsProtocolRequest<DeleteAclsResponse> {
  return request(DELETE_ACLS_API_KEY, 'DeleteAcls', () => encodeDeleteAclsRequest(filters), decodeDeleteAclsResponse, requestTimeout);
}
