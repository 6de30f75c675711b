import { describe, expect, it } from 'vitest';
import { UNCHECKED_CONVERSION_CONDITIONS } from '../../../engine/precheck/rules/in-place-conversion.js';
import { SOURCE_ARN, run, withCode } from './builders.js';

describe('I02 source qualifies for in-place conversion', () => {
  it('fires for a 3.9.x Provisioned ACTIVE 3-AZ source, listing what was checked and what was not', () => {
    const report = run();
    const [i02] = withCode(report, 'I02');
    expect(i02?.subject).toBe(SOURCE_ARN);
    expect(i02?.detail).toContain('(Kafka 3.9.x, Provisioned, Standard brokers in 3 availability zones, no kafka.t3.small brokers, ACTIVE)');
    for (const condition of UNCHECKED_CONVERSION_CONDITIONS) expect(i02?.detail).toContain(condition);
    expect(i02?.remedy).toContain('cheaper');
    expect(withCode(report, 'I03')).toEqual([]);
  });
  it('says what this migration changes that in-place conversion cannot', () => {
    const report = run({
      config: (config) => {
        config.target.auth = { mode: 'iam' };
        config.target.clusterArn = 'arn:aws:kafka:eu-west-1:444455556666:cluster/t/x-1';
      },
      inventory: (inv) => {
        inv.target.controlPlane!.arn = 'arn:aws:kafka:eu-west-1:444455556666:cluster/t/x-1';
        inv.target.controlPlane!.instanceType = 'express.m7g.large';
      },
    });
    const [i02] = withCode(report, 'I02');
    expect(i02?.detail).toContain(
      'this migration also changes account (111122223333 → 444455556666), region (us-east-1 → eu-west-1), broker type (Standard → Express), authentication (scram-sha-512 → iam), which an in-place conversion cannot do',
    );
  });
  it('lists unknown zone counts as not checked rather than failed', () => {
    const report = run({ inventory: (inv) => void (inv.source.controlPlane!.zoneCount = undefined) });
    expect(withCode(report, 'I02')[0]?.detail).toContain('not checked: Standard brokers in 3 availability zones, ');
  });
});

describe('I03 source does not qualify', () => {
  it('names every failed condition', () => {
    const report = run({
      inventory: (inv) => {
        const plane = inv.source.controlPlane!;
        plane.kafkaVersion = '3.6.0';
        plane.instanceType = 'kafka.t3.small';
        plane.zoneCount = 2;
        plane.state = 'UPDATING';
      },
    });
    const [i03] = withCode(report, 'I03');
    expect(i03?.detail).toBe(
      "source source-zk does not qualify for AWS's in-place ZooKeeper-to-KRaft conversion: Kafka 3.6.0 (needs 3.9.x); Standard brokers in 2 availability zones (needs 3); kafka.t3.small brokers; state UPDATING (needs ACTIVE)",
    );
    expect(i03?.remedy).toBe('continue with this migration: moving to a new KRaft cluster is the way for this cluster');
    expect(withCode(report, 'I02')).toEqual([]);
  });
  it('suggests the fixes when every failed condition can be fixed', () => {
    const report = run({ inventory: (inv) => void (inv.source.controlPlane!.kafkaVersion = '3.8.x') });
    expect(withCode(report, 'I03')[0]?.remedy).toBe(
      'continue with this migration to a new KRaft cluster, or upgrade the cluster to Kafka 3.9.x (aws kafka update-cluster-kafka-version) to convert in place instead',
    );
  });
});

describe('I04 eligibility unknown', () => {
  it('fires for a source given by bootstrap servers', () => {
    const report = run({
      config: (config) => {
        config.source.clusterArn = undefined;
        config.source.bootstrapServers = ['b-1.source:9096'];
      },
      inventory: (inv) => void (inv.source.controlPlane = undefined),
    });
    expect(withCode(report, 'I04')[0]?.detail).toContain('the source is given by bootstrap servers');
    expect(withCode(report, 'I02')).toEqual([]);
  });
  it('no in-place finding at all for a KRaft source (B03 covers it)', () => {
    const report = run({ inventory: (inv) => void (inv.source.metadataMode = 'KRAFT') });
    expect(report.findings.filter((item) => ['I02', 'I03', 'I04'].includes(item.code))).toEqual([]);
  });
});
