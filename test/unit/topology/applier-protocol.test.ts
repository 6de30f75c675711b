/**
 * The requests the applier sends itself (kafkajs lacks or mishandles them), byte for byte against the Kafka protocol
 * layouts, and the ACL name/code tables against the ones discovery reads with.
 */
import { describe, expect, it } from 'vitest';
import {
  aclOperationCode,
  aclPatternTypeCode,
  aclPermissionCode,
  aclResourceTypeCode,
  WRITABLE_ACL_NAMES,
} from '../../../engine/kafka/protocol/acl-codes.js';
import {
  decodeCreateAclsResponse,
  decodeDeleteAclsResponse,
  deleteAclsRequest,
  encodeCreateAclsRequest,
} from '../../../engine/kafka/protocol/acl-requests.js';
import { createTopicsRequest, createTopicsVersion, decodeCreateTopicsResponse, encodeCreateTopicsRequest } from '../../../engine/kafka/protocol/create-topics.js';
import {
  decodeIncrementalAlterConfigsResponse,
  encodeIncrementalAlterConfigsRequest,
  incrementalAlterConfigsRequest,
} from '../../../engine/kafka/protocol/incremental-alter-configs.js';
import { aclOperationName, aclPatternTypeName, aclPermissionName, aclResourceTypeName } from '../../../engine/kafka/protocol/names.js';

/** A tiny big-endian writer for expected bytes. */
class Bytes {
  private readonly parts: Buffer[] = [];
  int8(value: number) {
    const b = Buffer.alloc(1);
    b.writeInt8(value);
    this.parts.push(b);
    return this;
  }
  int16(value: number) {
    const b = Buffer.alloc(2);
    b.writeInt16BE(value);
    this.parts.push(b);
    return this;
  }
  int32(value: number) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    this.parts.push(b);
    return this;
  }
  string(value: string | null) {
    if (value === null) return this.int16(-1);
    this.int16(Buffer.byteLength(value));
    this.parts.push(Buffer.from(value, 'utf8'));
    return this;
  }
  get buffer() {
    return Buffer.concat(this.parts);
  }
}

describe('IncrementalAlterConfigs v0 (API key 44)', () => {
  it('encodes resources, SET with its value and DELETE with a null value, then validate_only', async () => {
    const encoded = encodeIncrementalAlterConfigsRequest([
      {
        resourceType: 2,
        resourceName: 'orders',
        configs: [
          { name: 'retention.ms', operation: 'SET', value: '3600000' },
          { name: 'segment.ms', operation: 'DELETE', value: 'ignored' },
        ],
      },
    ]).buffer;
    const expected = new Bytes()
      .int32(1)
      .int8(2)
      .string('orders')
      .int32(2)
      .string('retention.ms')
      .int8(0)
      .string('3600000')
      .string('segment.ms')
      .int8(1)
      .string(null)
      .int8(0).buffer;
    expect(encoded.equals(expected)).toBe(true);
    const request = incrementalAlterConfigsRequest([{ resourceType: 2, resourceName: 'orders', configs: [] }]);
    expect(request.request).toMatchObject({ apiKey: 44, apiVersion: 0, apiName: 'IncrementalAlterConfigs' });
    expect(request.request.apiKey).not.toBe(33); // never the legacy AlterConfigs
  });

  it('decodes per-resource error codes and messages', () => {
    const payload = new Bytes().int32(5).int32(2).int16(0).string(null).int8(2).string('a').int16(40).string('Unknown topic config name: x').int8(2).string('b').buffer;
    expect(decodeIncrementalAlterConfigsResponse(payload)).toEqual({
      throttleTimeMs: 5,
      responses: [
        { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'a' },
        { errorCode: 40, errorMessage: 'Unknown topic config name: x', resourceType: 2, resourceName: 'b' },
      ],
    });
  });
});

describe('CreateTopics v2-v4 (API key 19)', () => {
  it('picks the highest non-flexible version the broker accepts, none below v2 (Kafka 4 removed v0-v1)', () => {
    expect(createTopicsVersion({ minVersion: 2, maxVersion: 7 })).toBe(4);
    expect(createTopicsVersion({ minVersion: 0, maxVersion: 3 })).toBe(3);
    expect(createTopicsVersion({ minVersion: 0, maxVersion: 1 })).toBeUndefined();
    expect(createTopicsVersion({ minVersion: 5, maxVersion: 7 })).toBeUndefined();
    expect(createTopicsVersion(undefined)).toBeUndefined();
    expect(() => createTopicsRequest([], { version: 5, timeoutMs: 1 })).toThrow(/not implemented/);
  });

  it('encodes name, partitions, RF, no assignments, configs, timeout and validate_only', () => {
    const encoded = encodeCreateTopicsRequest([{ name: 't', numPartitions: 3, replicationFactor: 2, configs: [{ name: 'cleanup.policy', value: 'compact' }] }], 30_000).buffer;
    const expected = new Bytes().int32(1).string('t').int32(3).int16(2).int32(0).int32(1).string('cleanup.policy').string('compact').int32(30_000).int8(0).buffer;
    expect(encoded.equals(expected)).toBe(true);
  });

  it('decodes one result per topic with its error code', () => {
    const payload = new Bytes().int32(0).int32(2).string('a').int16(0).string(null).string('b').int16(36).string('Topic b already exists.').buffer;
    expect(decodeCreateTopicsResponse(payload).topics).toEqual([
      { name: 'a', errorCode: 0, errorMessage: null },
      { name: 'b', errorCode: 36, errorMessage: 'Topic b already exists.' },
    ]);
  });
});

describe('CreateAcls / DeleteAcls v1 (API keys 30, 31)', () => {
  const binding = { resourceType: 2, resourceName: 'orders', patternType: 3, principal: 'User:app', host: '*', operation: 3, permissionType: 3 };

  it('encodes one binding per creation in the v1 field order', () => {
    const expected = new Bytes().int32(1).int8(2).string('orders').int8(3).string('User:app').string('*').int8(3).int8(3).buffer;
    expect(encodeCreateAclsRequest([binding]).buffer.equals(expected)).toBe(true);
    expect(deleteAclsRequest([binding]).request).toMatchObject({ apiKey: 31, apiVersion: 1 });
  });

  it('decodes creation results and delete filter results with their matching bindings', () => {
    expect(decodeCreateAclsResponse(new Bytes().int32(0).int32(2).int16(0).string(null).int16(31).string('no').buffer).results).toEqual([
      { errorCode: 0, errorMessage: null },
      { errorCode: 31, errorMessage: 'no' },
    ]);
    const payload = new Bytes()
      .int32(0)
      .int32(1)
      .int16(0)
      .string(null)
      .int32(1)
      .int16(0)
      .string(null)
      .int8(2)
      .string('orders')
      .int8(3)
      .string('User:app')
      .string('*')
      .int8(3)
      .int8(3).buffer;
    expect(decodeDeleteAclsResponse(payload).results).toEqual([{ errorCode: 0, errorMessage: null, matching: [{ errorCode: 0, errorMessage: null, ...binding }] }]);
  });

  it('maps every writable ACL name to the code discovery reads back as that name', () => {
    for (const name of WRITABLE_ACL_NAMES.resourceTypes) expect(aclResourceTypeName(aclResourceTypeCode(name) as number)).toBe(name);
    for (const name of WRITABLE_ACL_NAMES.patternTypes) expect(aclPatternTypeName(aclPatternTypeCode(name) as number)).toBe(name);
    for (const name of WRITABLE_ACL_NAMES.operations) expect(aclOperationName(aclOperationCode(name) as number)).toBe(name);
    for (const name of WRITABLE_ACL_NAMES.permissionTypes) expect(aclPermissionName(aclPermissionCode(name) as number)).toBe(name);
    for (const unwritable of ['ANY', 'UNKNOWN', 'MATCH']) {
      expect(aclResourceTypeCode(unwritable) ?? aclPatternTypeCode(unwritable) ?? aclOperationCode(unwritable) ?? aclPermissionCode(unwritable)).toBeUndefined();
    }
  });
});
