/**
 * Against the running test bed (which spawns test/fake-msk/main.ts): the engine's MSK control plane reads the bed's
 * clusters through the real @aws-sdk/client-kafka and sees a ZooKeeper source and a KRaft target.
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMskControlPlane,
  pickBootstrap,
  regionFromClusterArn,
  type MskControlPlane,
} from '../../engine/aws/msk-control-plane.js';
import { ENV_FILE } from '../testbed/paths.js';
import { loadTestbedEnv, type TestbedEnvKey } from '../testbed/testbed-env.js';

const fileEnv = existsSync(ENV_FILE) ? loadTestbedEnv() : undefined;

/** From process.env (the global setup), else from `.testbed/env`. */
function bed(key: TestbedEnvKey): string {
  const value = process.env[key] ?? fileEnv?.[key];
  if (value === undefined || value === '') throw new Error(`${key} is not set; is the test bed up (npm run testbed -- up)?`);
  return value;
}

const controlPlanes: MskControlPlane[] = [];
function controlPlaneFor(arn: string): MskControlPlane {
  const controlPlane = createMskControlPlane({
    region: regionFromClusterArn(arn),
    endpoint: bed('MSK_ENDPOINT'),
    credentials: { accessKeyId: bed('AWS_ACCESS_KEY_ID'), secretAccessKey: bed('AWS_SECRET_ACCESS_KEY') },
  });
  controlPlanes.push(controlPlane);
  return controlPlane;
}
afterAll(() => {
  for (const controlPlane of controlPlanes) controlPlane.close();
});

describe('fake MSK in the test bed', () => {
  it('describes the source as a ZooKeeper-mode Provisioned cluster with its SCRAM bootstrap', async () => {
    const arn = bed('SOURCE_CLUSTER_ARN');
    const controlPlane = controlPlaneFor(arn);
    const cluster = await controlPlane.describeCluster(arn);
    expect(cluster).toMatchObject({ arn, type: 'PROVISIONED', metadataMode: 'ZOOKEEPER' });
    expect(cluster.zookeeperConnect).toBeDefined();
    const brokers = await controlPlane.getBootstrapBrokers(arn);
    expect(pickBootstrap(brokers, 'scram-sha-512', false, arn)).toBe(bed('SOURCE_SCRAM_BOOTSTRAP'));
    expect(await controlPlane.listNodes(arn)).toHaveLength(cluster.brokerCount ?? -1);
  });

  it('describes the target as a KRaft-mode Provisioned cluster with its SCRAM-over-TLS bootstrap', async () => {
    const arn = bed('TARGET_CLUSTER_ARN');
    const controlPlane = controlPlaneFor(arn);
    const cluster = await controlPlane.describeCluster(arn);
    expect(cluster).toMatchObject({ arn, type: 'PROVISIONED', metadataMode: 'KRAFT' });
    expect(cluster.zookeeperConnect).toBeUndefined();
    const brokers = await controlPlane.getBootstrapBrokers(arn);
    expect(pickBootstrap(brokers, 'scram-sha-512', true, arn)).toBe(bed('TARGET_SCRAM_TLS_BOOTSTRAP'));
  });
});
