import { describe, expect, it } from 'vitest';
import { FakeMskSpecError, parseFakeMskSpec, type FakeMskSpecInput } from '../../fake-msk/spec.js';

/** The shape the test bed writes (see the brief for test/fake-msk/main.ts). */
const BED_SPEC: FakeMskSpecInput = {
  region: 'us-east-1',
  clusters: [
    {
      clusterArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/testbed-source-zk/7d0f1c2b-3a4e-4f5a-9b6c-7d8e9f0a1b2c-1',
      clusterName: 'testbed-source-zk',
      clusterType: 'PROVISIONED',
      kafkaVersion: '3.9.x',
      metadataMode: 'ZOOKEEPER',
      brokerCount: 2,
      instanceType: 'kafka.m5.large',
      authentication: { iam: false, scram: true, tls: false, unauthenticated: true },
      encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true },
      bootstrap: { plaintext: '127.0.0.1:19092,127.0.0.1:19093', saslScram: '127.0.0.1:19192,127.0.0.1:19193' },
      nodes: [
        { brokerId: 1, host: '127.0.0.1', port: 19092 },
        { brokerId: 2, host: '127.0.0.1', port: 19093 },
      ],
      zookeeperConnect: '127.0.0.1:12181',
    },
    {
      clusterName: 'testbed-target-kraft',
      kafkaVersion: '4.1.x.kraft',
      metadataMode: 'KRAFT',
      brokerCount: 1,
      authentication: { scram: true },
      bootstrap: { saslScram: '127.0.0.1:29192' },
      nodes: [{ brokerId: 1, host: '127.0.0.1', port: 29092 }],
    },
  ],
};

function problemsOf(spec: unknown): string {
  try {
    parseFakeMskSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(FakeMskSpecError);
    return (error as Error).message;
  }
  throw new Error('expected the spec to be rejected');
}

function withTarget(patch: Record<string, unknown>): unknown {
  return { ...BED_SPEC, clusters: [BED_SPEC.clusters[0], { ...BED_SPEC.clusters[1], ...patch }] };
}

describe('fake MSK spec', () => {
  it('accepts the test bed JSON and fills in what the API reports anyway', () => {
    const spec = parseFakeMskSpec(BED_SPEC);
    expect(spec.accountId).toBe('123456789012');
    const [source, target] = spec.clusters;
    expect(source?.metadataMode).toBe('ZOOKEEPER');
    expect(target?.clusterArn).toMatch(/^arn:aws:kafka:us-east-1:123456789012:cluster\/testbed-target-kraft\/[0-9a-f-]+-1$/);
    expect(target).toMatchObject({ clusterType: 'PROVISIONED', state: 'ACTIVE', instanceType: 'kafka.m5.large', metadataMode: 'KRAFT' });
    expect(target?.encryptionInTransit).toEqual({ clientBroker: 'TLS', inCluster: true });
    // The generated ARN is stable, so a restarted fake answers for the same ARN.
    expect(parseFakeMskSpec(BED_SPEC).clusters[1]?.clusterArn).toBe(target?.clusterArn);
  });

  it('rejects a metadata mode the Kafka version contradicts, and says how MSK spells KRaft', () => {
    expect(problemsOf(withTarget({ kafkaVersion: '3.9.x' }))).toMatch(/metadataMode KRAFT contradicts kafkaVersion "3.9.x".*"3.9.x.kraft"/);
  });

  it('rejects a ZooKeeper connect string on a KRaft cluster', () => {
    expect(problemsOf(withTarget({ zookeeperConnect: '127.0.0.1:2181' }))).toMatch(/zookeeperConnect is only reported for ZooKeeper-mode clusters/);
  });

  it('warns about, but serves, bootstrap strings for listeners the real MSK would not report', () => {
    expect(parseFakeMskSpec(BED_SPEC).warnings).toEqual([]);
    const spec = parseFakeMskSpec(withTarget({ bootstrap: { saslIam: '127.0.0.1:9098', plaintext: '127.0.0.1:9092' } }));
    expect(spec.warnings).toEqual([
      'clusters[1] (testbed-target-kraft): bootstrap.saslIam is served, but the real MSK reports it only with authentication.iam',
      'clusters[1] (testbed-target-kraft): bootstrap.plaintext is served, but the real MSK reports it only with encryptionInTransit.clientBroker PLAINTEXT or TLS_PLAINTEXT',
    ]);
    expect(spec.clusters[1]?.bootstrap.saslIam).toBe('127.0.0.1:9098');
  });

  it('rejects unknown keys, naming them and where they are', () => {
    expect(problemsOf(withTarget({ bootstrap: { saslScramTls: 'h:1' } }))).toMatch(/Unrecognized key: "saslScramTls"[\s\S]*clusters\[1\]\.bootstrap/);
  });

  it('rejects brokers, versions and non-IAM auth on a Serverless cluster', () => {
    const message = problemsOf({
      region: 'us-east-1',
      clusters: [{ clusterName: 'sls', clusterType: 'SERVERLESS', kafkaVersion: '3.9.x', authentication: { scram: true }, nodes: [{ brokerId: 1, host: 'h' }] }],
    });
    expect(message).toMatch(/kafkaVersion is not reported for SERVERLESS/);
    expect(message).toMatch(/SERVERLESS clusters have no brokers/);
    expect(message).toMatch(/SERVERLESS clusters support IAM only/);
  });

  it('rejects an ARN from another region, a broker count that disagrees with the nodes, and repeated ARNs', () => {
    const source = BED_SPEC.clusters[0]!;
    const message = problemsOf({
      region: 'us-east-1',
      clusters: [
        { ...source, clusterArn: source.clusterArn!.replace('us-east-1', 'eu-west-1') },
        { ...source, brokerCount: 3 },
        source,
      ],
    });
    expect(message).toMatch(/clusters\[0\].*is not in region us-east-1/);
    expect(message).toMatch(/clusters\[1\].*brokerCount 3 but 2 nodes listed/);
    expect(message).toMatch(/clusters\[2\]: clusterArn .* repeats clusters\[1\]/);
  });

  it('requires a Kafka version on Provisioned clusters', () => {
    expect(problemsOf(withTarget({ kafkaVersion: undefined, metadataMode: undefined }))).toMatch(/kafkaVersion is required/);
  });
});
