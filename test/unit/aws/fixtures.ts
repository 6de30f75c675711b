/** Specs and a started fake for the MSK control-plane tests. */
import { createMskControlPlane, type MskControlPlaneOptions } from '../../../engine/aws/msk-control-plane.js';
import { startFakeMsk, type FakeMsk, type FakeMskOptions } from '../../fake-msk/server.js';
import type { FakeMskSpecInput } from '../../fake-msk/spec.js';

export const ZK_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/source-zk/5f2c1d3e-0a1b-4c2d-8e3f-4a5b6c7d8e9f-1';
export const KRAFT_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/target-kraft/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d-2';
export const KRAFT_39_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/target-kraft-39/11111111-2222-4333-8444-555555555555-3';
export const SERVERLESS_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/events-serverless/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee-s1';
export const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-0b0a-4909-8807-060504030201';

export function testSpec(): FakeMskSpecInput {
  return {
    region: 'us-east-1',
    clusters: [
      {
        clusterArn: ZK_ARN,
        clusterName: 'source-zk',
        kafkaVersion: '3.9.x',
        metadataMode: 'ZOOKEEPER',
        brokerCount: 3,
        instanceType: 'kafka.m5.large',
        authentication: { iam: false, scram: true, tls: false, unauthenticated: true },
        encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true },
        encryptionAtRestKmsKeyArn: KMS_KEY,
        bootstrap: {
          plaintext: 'b-1.source:9092,b-2.source:9092,b-3.source:9092',
          tls: 'b-1.source:9094,b-2.source:9094,b-3.source:9094',
          saslScram: 'b-1.source:9096,b-2.source:9096,b-3.source:9096',
        },
        nodes: [
          { brokerId: 3, host: 'b-3.source' },
          { brokerId: 1, host: 'b-1.source' },
          { brokerId: 2, host: 'b-2.source' },
        ],
        zookeeperConnect: 'z-1.source:2181,z-2.source:2181,z-3.source:2181',
      },
      {
        clusterArn: KRAFT_ARN,
        clusterName: 'target-kraft',
        kafkaVersion: '4.1.x.kraft',
        metadataMode: 'KRAFT',
        brokerCount: 2,
        instanceType: 'express.m7g.large',
        state: 'UPDATING',
        authentication: { iam: true, scram: true },
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
        bootstrap: {
          saslScram: 'b-1.target:9096,b-2.target:9096',
          saslIam: 'b-1.target:9098,b-2.target:9098',
          publicSaslIam: 'b-1.public.target:9198,b-2.public.target:9198',
        },
        nodes: [
          { brokerId: 1, host: 'b-1.target' },
          { brokerId: 2, host: 'b-2.target' },
        ],
        configuration: {
          arn: 'arn:aws:kafka:us-east-1:123456789012:configuration/target-config/abcdef01-2345-4678-9abc-def012345678-1',
          revision: 2,
          serverProperties: 'auto.create.topics.enable=false\nmessage.max.bytes=8388608\n',
        },
      },
      {
        clusterArn: KRAFT_39_ARN,
        clusterName: 'target-kraft-39',
        kafkaVersion: '3.9.x.kraft',
        brokerCount: 1,
        authentication: { scram: true },
        bootstrap: { saslScram: 'b-1.t39:9096' },
        nodes: [{ brokerId: 1, host: '10.0.1.15' }],
      },
      {
        clusterArn: SERVERLESS_ARN,
        clusterName: 'events-serverless',
        clusterType: 'SERVERLESS',
        authentication: { iam: true },
        bootstrap: { saslIam: 'boot-abc.c1.kafka-serverless.us-east-1.amazonaws.com:9098' },
      },
    ],
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDFAKEMSKTEST', secretAccessKey: 'fake-secret-not-used' };

export interface Started {
  fake: FakeMsk;
  controlPlane: ReturnType<typeof createMskControlPlane>;
  stop(): Promise<void>;
}

export async function startWithClient(
  fakeOptions: Partial<FakeMskOptions> = {},
  clientOptions: Partial<MskControlPlaneOptions> = {},
): Promise<Started> {
  const fake = await startFakeMsk({ spec: testSpec(), ...fakeOptions });
  const controlPlane = createMskControlPlane({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...clientOptions,
  });
  return {
    fake,
    controlPlane,
    stop: async () => {
      controlPlane.close();
      await fake.close();
    },
  };
}
