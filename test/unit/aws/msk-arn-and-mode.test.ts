import { describe, expect, it } from 'vitest';
import { metadataModeOfKafkaVersion, parseClusterArn, regionFromClusterArn } from '../../../engine/aws/msk-control-plane.js';
import { MigrationError } from '../../../engine/errors.js';

describe('regionFromClusterArn', () => {
  it('reads the region of commercial, China and GovCloud ARNs', () => {
    expect(regionFromClusterArn('arn:aws:kafka:eu-west-1:123456789012:cluster/orders/6f1e2d3c-1111-4222-8333-444455556666-3')).toBe('eu-west-1');
    expect(regionFromClusterArn('arn:aws-cn:kafka:cn-north-1:123456789012:cluster/orders/abc-1')).toBe('cn-north-1');
    expect(regionFromClusterArn('arn:aws-us-gov:kafka:us-gov-west-1:123456789012:cluster/orders/abc-1')).toBe('us-gov-west-1');
  });

  it('splits the ARN into account, name and id', () => {
    expect(parseClusterArn('arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1')).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      clusterName: 'orders',
      clusterId: 'abc-1',
    });
  });

  it.each([
    'orders',
    'arn:aws:kafka:us-east-1:123456789012:configuration/orders/abc-1',
    'arn:aws:s3:::bucket',
    'arn:aws:kafka:us-east-1:1234:cluster/orders/abc-1',
  ])('rejects %s as CONFIG_INVALID with a hint', (arn) => {
    expect(() => regionFromClusterArn(arn)).toThrow(MigrationError);
    try {
      regionFromClusterArn(arn);
    } catch (error) {
      expect((error as MigrationError).code).toBe('CONFIG_INVALID');
      expect((error as MigrationError).message).toContain(arn);
      expect((error as MigrationError).hint).toMatch(/arn:aws:kafka:/);
    }
  });
});

describe('metadataModeOfKafkaVersion (MSK names KRaft versions with a .kraft suffix)', () => {
  it.each([
    ['2.8.2.tiered', 'ZOOKEEPER'],
    ['3.6.0', 'ZOOKEEPER'],
    ['3.7.x', 'ZOOKEEPER'],
    ['3.7.x.kraft', 'KRAFT'],
    ['3.8.x', 'ZOOKEEPER'],
    ['3.8.x.kraft', 'KRAFT'],
    ['3.9.x', 'ZOOKEEPER'],
    ['3.9.x.kraft', 'KRAFT'],
    ['4.0.x.kraft', 'KRAFT'],
    ['4.1.x.kraft', 'KRAFT'],
    ['4.2.x', 'KRAFT'],
    [undefined, 'UNKNOWN'],
    ['', 'UNKNOWN'],
  ] as const)('%s → %s', (version, mode) => {
    expect(metadataModeOfKafkaVersion(version)).toBe(mode);
  });
});
