import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlPlaneError } from '../../../engine/aws/msk-control-plane.js';
import { isMigrationError } from '../../../engine/errors.js';
import { KMS_KEY, KRAFT_39_ARN, KRAFT_ARN, SERVERLESS_ARN, startWithClient, ZK_ARN, type Started } from './fixtures.js';

let started: Started;
beforeAll(async () => {
  started = await startWithClient();
});
afterAll(async () => {
  await started.stop();
});

describe('describeCluster through @aws-sdk/client-kafka against the fake', () => {
  it('reports a ZooKeeper-mode Provisioned cluster with its auth, encryption and ZooKeeper connect string', async () => {
    const cluster = await started.controlPlane.describeCluster(ZK_ARN);
    expect(cluster).toEqual({
      arn: ZK_ARN,
      name: 'source-zk',
      type: 'PROVISIONED',
      kafkaVersion: '3.9.x',
      metadataMode: 'ZOOKEEPER',
      brokerCount: 3,
      instanceType: 'kafka.m5.large',
      state: 'ACTIVE',
      auth: { iam: false, scram: true, tls: false, unauthenticated: true },
      encryption: { inTransitClientBroker: 'TLS_PLAINTEXT', inCluster: true, atRestKmsKeyArn: KMS_KEY },
      zookeeperConnect: 'z-1.source:2181,z-2.source:2181,z-3.source:2181',
    });
    expect(started.fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/v2/clusters/${ZK_ARN}` });
  });

  it('reports KRaft for 4.1.x.kraft and 3.9.x.kraft, with no ZooKeeper connect string', async () => {
    const kraft41 = await started.controlPlane.describeCluster(KRAFT_ARN);
    expect(kraft41).toMatchObject({ kafkaVersion: '4.1.x.kraft', metadataMode: 'KRAFT', brokerCount: 2, state: 'UPDATING' });
    expect(kraft41.auth).toEqual({ iam: true, scram: true, tls: false, unauthenticated: false });
    expect(kraft41.zookeeperConnect).toBeUndefined();
    expect(kraft41.configuration).toEqual({
      arn: 'arn:aws:kafka:us-east-1:123456789012:configuration/target-config/abcdef01-2345-4678-9abc-def012345678-1',
      revision: 2,
    });

    const kraft39 = await started.controlPlane.describeCluster(KRAFT_39_ARN);
    expect(kraft39).toMatchObject({ kafkaVersion: '3.9.x.kraft', metadataMode: 'KRAFT' });
    expect(kraft39.zookeeperConnect).toBeUndefined();
    // MSK always encrypts at rest; without a customer key it reports its AWS-managed one.
    expect(kraft39.encryption.atRestKmsKeyArn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
  });

  it('reports a Serverless cluster as SERVERLESS with IAM only and no version, brokers or metadata mode', async () => {
    expect(await started.controlPlane.describeCluster(SERVERLESS_ARN)).toEqual({
      arn: SERVERLESS_ARN,
      name: 'events-serverless',
      type: 'SERVERLESS',
      kafkaVersion: undefined,
      metadataMode: 'UNKNOWN',
      brokerCount: undefined,
      instanceType: undefined,
      state: 'ACTIVE',
      auth: { iam: true, scram: false, tls: false, unauthenticated: false },
      encryption: { inTransitClientBroker: 'TLS', inCluster: true },
    });
  });

  it('fails with a not-found CONTROL_PLANE error naming the ARN, not retriable, with a hint', async () => {
    const missing = ZK_ARN.replace('source-zk', 'gone-zk');
    const error = await started.controlPlane.describeCluster(missing).catch((caught: unknown) => caught);
    expect(isMigrationError(error)).toBe(true);
    expect(error).toBeInstanceOf(ControlPlaneError);
    const failure = error as ControlPlaneError;
    expect(failure.code).toBe('CONTROL_PLANE');
    expect(failure.failure).toBe('not-found');
    expect(failure.message).toContain(missing);
    expect(failure.message).toContain('us-east-1');
    expect(failure.retriable).toBe(false);
    expect(failure.hint).toMatch(/list-clusters-v2/);
    expect((failure.cause as Error).name).toBe('NotFoundException');
  });
});

describe('getBootstrapBrokers', () => {
  it('returns one string per listener the cluster has and nothing for the others', async () => {
    expect(await started.controlPlane.getBootstrapBrokers(ZK_ARN)).toEqual({
      plaintext: 'b-1.source:9092,b-2.source:9092,b-3.source:9092',
      tls: 'b-1.source:9094,b-2.source:9094,b-3.source:9094',
      saslScram: 'b-1.source:9096,b-2.source:9096,b-3.source:9096',
    });
    expect(await started.controlPlane.getBootstrapBrokers(KRAFT_ARN)).toEqual({
      saslScram: 'b-1.target:9096,b-2.target:9096',
      saslIam: 'b-1.target:9098,b-2.target:9098',
      publicSaslIam: 'b-1.public.target:9198,b-2.public.target:9198',
    });
    expect(await started.controlPlane.getBootstrapBrokers(SERVERLESS_ARN)).toEqual({
      saslIam: 'boot-abc.c1.kafka-serverless.us-east-1.amazonaws.com:9098',
    });
  });

  it('names the ARN when the cluster does not exist', async () => {
    const missing = KRAFT_ARN.replace('-2', '-9');
    await expect(started.controlPlane.getBootstrapBrokers(missing)).rejects.toMatchObject({
      failure: 'not-found',
      operation: 'GetBootstrapBrokers',
      message: expect.stringContaining(missing),
    });
  });
});

describe('listNodes', () => {
  it('lists every broker in broker-id order with its endpoint and version', async () => {
    const nodes = await started.controlPlane.listNodes(ZK_ARN);
    expect(nodes.map((node) => node.brokerId)).toEqual([1, 2, 3]);
    expect(nodes[0]).toMatchObject({ endpoints: ['b-1.source'], instanceType: 'kafka.m5.large', kafkaVersion: '3.9.x' });
    expect(nodes[0]?.nodeArn).toMatch(/^arn:aws:kafka:us-east-1:123456789012:broker\/source-zk\//);
    expect((await started.controlPlane.listNodes(KRAFT_39_ARN))[0]?.clientVpcIpAddress).toBe('10.0.1.15');
  });

  it('is refused for a Serverless cluster, which has no brokers to list', async () => {
    await expect(started.controlPlane.listNodes(SERVERLESS_ARN)).rejects.toMatchObject({ failure: 'bad-request', retriable: false });
  });
});

describe('listClusters', () => {
  it('lists every cluster in the region with its type and metadata mode', async () => {
    const clusters = await started.controlPlane.listClusters();
    expect(clusters.map(({ name, type, metadataMode }) => ({ name, type, metadataMode }))).toEqual([
      { name: 'source-zk', type: 'PROVISIONED', metadataMode: 'ZOOKEEPER' },
      { name: 'target-kraft', type: 'PROVISIONED', metadataMode: 'KRAFT' },
      { name: 'target-kraft-39', type: 'PROVISIONED', metadataMode: 'KRAFT' },
      { name: 'events-serverless', type: 'SERVERLESS', metadataMode: 'UNKNOWN' },
    ]);
  });

  it('passes the name-prefix and type filters to the API', async () => {
    expect((await started.controlPlane.listClusters({ namePrefix: 'target-' })).map((c) => c.name)).toEqual(['target-kraft', 'target-kraft-39']);
    expect((await started.controlPlane.listClusters({ type: 'SERVERLESS' })).map((c) => c.arn)).toEqual([SERVERLESS_ARN]);
    expect(started.fake.requests.at(-1)?.query).toEqual({ clusterTypeFilter: 'SERVERLESS' });
  });
});

describe('describeConfigurationRevision', () => {
  it('returns the server.properties text of the cluster configuration revision', async () => {
    const { configuration } = await started.controlPlane.describeCluster(KRAFT_ARN);
    const revision = await started.controlPlane.describeConfigurationRevision(configuration!.arn, configuration!.revision);
    expect(revision.revision).toBe(2);
    expect(revision.serverProperties).toContain('message.max.bytes=8388608');
  });
});
