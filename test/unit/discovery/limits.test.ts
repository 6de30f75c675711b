import { describe, expect, it } from 'vitest';
import { brokerLimits, metadataModeOfLimits } from '../../../engine/discovery/index.js';
import type { ConfigEntry } from '../../../engine/inventory/types.js';

const entries = (values: Record<string, string | null>): ConfigEntry[] =>
  Object.entries(values).map(([name, value]) => ({ name, value, source: 'DEFAULT_CONFIG', sensitive: false }));

// As a Kafka 3.9 ZooKeeper-mode broker reports them (values taken from the test bed).
const ZK_39 = entries({
  'message.max.bytes': '1048588',
  'replica.fetch.max.bytes': '1048576',
  'auto.create.topics.enable': 'false',
  'default.replication.factor': '2',
  'min.insync.replicas': '1',
  'log.message.timestamp.type': 'CreateTime',
  'log.message.timestamp.before.max.ms': '9223372036854775807',
  'log.message.timestamp.after.max.ms': '9223372036854775807',
  'log.message.timestamp.difference.max.ms': '9223372036854775807',
  'log.retention.ms': null,
  'log.retention.minutes': null,
  'log.retention.hours': '168',
  'zookeeper.connect': '127.0.0.1:12181',
  'process.roles': '',
  'inter.broker.protocol.version': '3.9-IV0',
});

// As a Kafka 4.1 KRaft broker reports them.
const KRAFT_41 = entries({
  'message.max.bytes': '8388608',
  'log.message.timestamp.after.max.ms': '3600000',
  'log.message.timestamp.before.max.ms': '9223372036854775807',
  'log.retention.ms': '86400000',
  'log.retention.hours': '168',
  'process.roles': 'broker,controller',
});

describe('broker limits', () => {
  it('reads a ZooKeeper-mode broker: limits, retention from hours, zookeeper.connect and the IBP', () => {
    const limits = brokerLimits(ZK_39);
    expect(limits).toEqual({
      messageMaxBytes: 1_048_588,
      replicaFetchMaxBytes: 1_048_576,
      autoCreateTopicsEnable: false,
      defaultReplicationFactor: 2,
      minInsyncReplicas: 1,
      logMessageTimestampType: 'CreateTime',
      logMessageTimestampBeforeMaxMs: Number.MAX_SAFE_INTEGER,
      logMessageTimestampAfterMaxMs: Number.MAX_SAFE_INTEGER,
      logMessageTimestampDifferenceMaxMs: Number.MAX_SAFE_INTEGER,
      logRetentionMs: 604_800_000,
      zookeeperConnect: '127.0.0.1:12181',
      interBrokerProtocolVersion: '3.9-IV0',
    });
    expect(metadataModeOfLimits(limits)).toBe('ZOOKEEPER');
    expect(JSON.parse(JSON.stringify(limits))).toEqual(limits);
  });

  it('reads a KRaft broker: log.retention.ms wins over hours, no IBP, KRAFT', () => {
    const limits = brokerLimits(KRAFT_41);
    expect(limits.messageMaxBytes).toBe(8_388_608);
    expect(limits.logRetentionMs).toBe(86_400_000);
    expect(limits.logMessageTimestampAfterMaxMs).toBe(3_600_000);
    expect(limits.processRoles).toBe('broker,controller');
    expect(limits.zookeeperConnect).toBeUndefined();
    expect(limits.interBrokerProtocolVersion).toBeUndefined();
    expect('logMessageTimestampDifferenceMaxMs' in limits).toBe(false);
    expect(metadataModeOfLimits(limits)).toBe('KRAFT');
  });

  it('resolves retention minutes, and -1 (infinite) in any unit', () => {
    expect(brokerLimits(entries({ 'log.retention.minutes': '30', 'log.retention.hours': '168' })).logRetentionMs).toBe(1_800_000);
    expect(brokerLimits(entries({ 'log.retention.hours': '-1' })).logRetentionMs).toBe(-1);
    expect(brokerLimits(entries({ 'log.retention.ms': '-1', 'log.retention.hours': '1' })).logRetentionMs).toBe(-1);
  });

  it('is empty and UNKNOWN when the broker returned nothing usable (e.g. MSK hiding its configs)', () => {
    const limits = brokerLimits(entries({ 'message.max.bytes': null, 'auto.create.topics.enable': 'maybe', 'default.replication.factor': '2x' }));
    expect(limits).toEqual({});
    expect(metadataModeOfLimits(limits)).toBe('UNKNOWN');
  });
});
