import { describe, expect, it } from 'vitest';
import { aclKey, isInternalTopic, nonDefaultConfigs, sortAcls, sortGroupOffsets, sortTopics } from '../../../engine/discovery/index.js';
import { isMigrationError } from '../../../engine/errors.js';
import type { AclEntry, ConfigEntry, TopicInventory } from '../../../engine/inventory/types.js';
import { int64ToNumber } from '../../../engine/kafka/int64.js';
import { aclOperationName, aclPatternTypeName, aclPermissionName, aclResourceTypeName, configSourceName } from '../../../engine/kafka/protocol/names.js';

const acl = (over: Partial<AclEntry> = {}): AclEntry => ({
  resourceType: 'TOPIC',
  resourceName: 'orders',
  patternType: 'LITERAL',
  principal: 'User:app',
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW',
  ...over,
});

describe('int64ToNumber', () => {
  it('converts decimal strings, Long-like objects and bigints exactly', () => {
    expect(int64ToNumber('0', 'x')).toBe(0);
    expect(int64ToNumber('-1', 'x')).toBe(-1);
    expect(int64ToNumber(' 123456789012 ', 'x')).toBe(123_456_789_012);
    expect(int64ToNumber({ toString: () => '42' }, 'x')).toBe(42);
    expect(int64ToNumber(9_007_199_254_740_991n, 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(int64ToNumber('9007199254740991', 'x')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses values beyond Number.MAX_SAFE_INTEGER with a message naming the field', () => {
    let caught: unknown;
    try {
      int64ToNumber('9007199254740992', 'end offset of orders-3');
    } catch (error) {
      caught = error;
    }
    expect(isMigrationError(caught)).toBe(true);
    expect((caught as Error).message).toContain('end offset of orders-3 is 9007199254740992');
    expect(() => int64ToNumber('9223372036854775807', 'size')).toThrow(/beyond the largest integer/);
    expect(() => int64ToNumber('-9007199254740992', 'lag')).toThrow(/beyond/);
  });

  it('refuses what is not an integer', () => {
    expect(() => int64ToNumber('12.5', 'offset')).toThrow(/expected a 64-bit integer/);
    expect(() => int64ToNumber('', 'offset')).toThrow(/expected a 64-bit integer/);
    expect(() => int64ToNumber('1e3', 'offset')).toThrow(/expected a 64-bit integer/);
  });
});

describe('internal topics', () => {
  it('excludes flagged and __-prefixed topics, keeps single-underscore ones', () => {
    expect(isInternalTopic('__consumer_offsets')).toBe(true);
    expect(isInternalTopic('__transaction_state')).toBe(true);
    expect(isInternalTopic('__amazon_msk_canary')).toBe(true);
    expect(isInternalTopic('__amazon_msk_connect_offsets_x')).toBe(true);
    expect(isInternalTopic('_schemas')).toBe(false);
    expect(isInternalTopic('_confluent-metrics')).toBe(false);
    expect(isInternalTopic('orders__v2')).toBe(false);
    expect(isInternalTopic('orders')).toBe(false);
    expect(isInternalTopic('weird-internal', true)).toBe(true);
  });
});

describe('ACL key and order', () => {
  it('differs whenever any field differs, and is equal for equal bindings', () => {
    const base = acl();
    const variants: AclEntry[] = [
      acl({ resourceType: 'GROUP' }),
      acl({ resourceName: 'orders2' }),
      acl({ patternType: 'PREFIXED' }),
      acl({ principal: 'User:other' }),
      acl({ host: '10.0.0.1' }),
      acl({ operation: 'WRITE' }),
      acl({ permissionType: 'DENY' }),
    ];
    expect(aclKey({ ...base })).toBe(aclKey(base));
    for (const variant of variants) expect(aclKey(variant)).not.toBe(aclKey(base));
    // Field values cannot run into each other: "ab"+"c" differs from "a"+"bc".
    expect(aclKey(acl({ resourceName: 'ab', principal: 'cUser' }))).not.toBe(aclKey(acl({ resourceName: 'a', principal: 'bcUser' })));
  });

  it('sorts the same set into the same order whatever the input order, dropping duplicates', () => {
    const set = [acl({ operation: 'WRITE' }), acl(), acl({ resourceType: 'GROUP', resourceName: 'g' }), acl({ principal: 'User:a' }), acl()];
    const one = sortAcls(set);
    const two = sortAcls([...set].reverse());
    expect(one).toEqual(two);
    expect(one).toHaveLength(4);
    expect(one[0]?.resourceType).toBe('GROUP');
  });
});

describe('orderings', () => {
  it('sorts topics by code unit (no locale), group offsets by topic then partition number', () => {
    const topic = (name: string): TopicInventory => ({ name, partitions: [], replicationFactor: 1, configs: [] });
    expect(sortTopics([topic('b'), topic('B'), topic('a-10'), topic('a-9'), topic('ä')]).map((t) => t.name)).toEqual(['B', 'a-10', 'a-9', 'b', 'ä']);
    const offsets = [
      { topic: 'b', partition: 0, offset: 1 },
      { topic: 'a', partition: 10, offset: 1 },
      { topic: 'a', partition: 2, offset: 1 },
    ];
    expect(sortGroupOffsets(offsets).map((o) => `${o.topic}-${o.partition}`)).toEqual(['a-2', 'a-10', 'b-0']);
  });
});

describe('non-default topic configs', () => {
  it('keeps what was set on the topic or cluster, drops defaults and static broker values, never a sensitive value', () => {
    const entries: ConfigEntry[] = [
      { name: 'segment.bytes', value: '1073741824', source: 'DEFAULT_CONFIG', sensitive: false },
      { name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
      { name: 'cleanup.policy', value: 'compact', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
      { name: 'min.insync.replicas', value: '2', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG', sensitive: false },
      { name: 'segment.index.bytes', value: '1048576', source: 'STATIC_BROKER_CONFIG', sensitive: false },
      { name: 'some.secret', value: 'leaked', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: true },
    ];
    expect(nonDefaultConfigs(entries)).toEqual([
      { name: 'cleanup.policy', value: 'compact', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
      { name: 'min.insync.replicas', value: '2', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG', sensitive: false },
      { name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false },
      { name: 'some.secret', value: null, source: 'DYNAMIC_TOPIC_CONFIG', sensitive: true },
    ]);
  });
});

describe('protocol codes', () => {
  it("names Kafka's ACL and config-source codes, UNKNOWN for codes it does not know", () => {
    expect([2, 3, 4, 5, 6, 7, 99].map(aclResourceTypeName)).toEqual(['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN', 'USER', 'UNKNOWN']);
    expect([3, 4, 1].map(aclPatternTypeName)).toEqual(['LITERAL', 'PREFIXED', 'UNKNOWN']);
    expect([2, 3, 4, 8, 12, 14, 77].map(aclOperationName)).toEqual(['ALL', 'READ', 'WRITE', 'DESCRIBE', 'IDEMPOTENT_WRITE', 'DESCRIBE_TOKENS', 'UNKNOWN(77)']);
    expect([2, 3, 1].map(aclPermissionName)).toEqual(['DENY', 'ALLOW', 'UNKNOWN']);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 0].map(configSourceName)).toEqual([
      'DYNAMIC_TOPIC_CONFIG',
      'DYNAMIC_BROKER_CONFIG',
      'DYNAMIC_DEFAULT_BROKER_CONFIG',
      'STATIC_BROKER_CONFIG',
      'DEFAULT_CONFIG',
      'DYNAMIC_BROKER_LOGGER_CONFIG',
      'CLIENT_METRICS_CONFIG',
      'GROUP_CONFIG',
      'UNKNOWN',
    ]);
  });
});
