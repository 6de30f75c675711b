import { afterEach, describe, expect, it } from 'vitest';
import { createMskControlPlane } from '../../../engine/aws/msk-control-plane.js';
import { startFakeMsk, type FakeMsk } from '../../fake-msk/server.js';
import type { FakeMskSpecInput } from '../../fake-msk/spec.js';
import { TEST_CREDENTIALS } from './fixtures.js';

const BIG_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/big/00000000-0000-4000-8000-000000000000-1';

function manySpec(brokers: number, extraClusters: number): FakeMskSpecInput {
  return {
    region: 'us-east-1',
    clusters: [
      {
        clusterArn: BIG_ARN,
        clusterName: 'big',
        kafkaVersion: '3.8.x',
        brokerCount: brokers,
        bootstrap: { tls: 'b-1.big:9094' },
        nodes: Array.from({ length: brokers }, (_, i) => ({ brokerId: brokers - i, host: `b-${brokers - i}.big` })),
      },
      ...Array.from({ length: extraClusters }, (_, i) => ({
        clusterName: `extra-${String(i).padStart(2, '0')}`,
        kafkaVersion: i % 2 === 0 ? '3.7.x' : '3.7.x.kraft',
        brokerCount: 1,
      })),
    ],
  };
}

let fake: FakeMsk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const nodeCalls = (f: FakeMsk) => f.requests.filter((r) => r.path.endsWith('/nodes'));
const clusterListCalls = (f: FakeMsk) => f.requests.filter((r) => r.path === '/api/v2/clusters');

describe('pagination', () => {
  it('follows ListNodes nextToken across pages of the requested size and returns every broker once', async () => {
    fake = await startFakeMsk({ spec: manySpec(25, 0) });
    const controlPlane = createMskControlPlane({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS, pageSize: 4 });
    const nodes = await controlPlane.listNodes(BIG_ARN);
    controlPlane.close();
    expect(nodes.map((node) => node.brokerId)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const calls = nodeCalls(fake);
    expect(calls).toHaveLength(7);
    expect(calls.every((call) => call.query.maxResults === '4')).toBe(true);
    expect(calls[0]?.query.nextToken).toBeUndefined();
    expect(calls.slice(1).every((call) => typeof call.query.nextToken === 'string')).toBe(true);
  });

  it('follows the service default page size when none is set', async () => {
    fake = await startFakeMsk({ spec: manySpec(23, 0), defaultPageSize: 10 });
    const controlPlane = createMskControlPlane({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS });
    expect(await controlPlane.listNodes(BIG_ARN)).toHaveLength(23);
    controlPlane.close();
    expect(nodeCalls(fake)).toHaveLength(3);
  });

  it('follows ListClustersV2 nextToken and keeps the filter on every page', async () => {
    fake = await startFakeMsk({ spec: manySpec(1, 22) });
    const controlPlane = createMskControlPlane({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS, pageSize: 5 });
    const all = await controlPlane.listClusters();
    expect(all).toHaveLength(23);
    expect(new Set(all.map((cluster) => cluster.arn)).size).toBe(23);
    expect(all.filter((cluster) => cluster.metadataMode === 'KRAFT')).toHaveLength(11);
    expect(clusterListCalls(fake)).toHaveLength(5);

    const extras = await controlPlane.listClusters({ namePrefix: 'extra-1' });
    controlPlane.close();
    expect(extras.map((cluster) => cluster.name)).toEqual([
      'extra-10', 'extra-11', 'extra-12', 'extra-13', 'extra-14', 'extra-15', 'extra-16', 'extra-17', 'extra-18', 'extra-19',
    ]);
    expect(clusterListCalls(fake).slice(5).every((call) => call.query.clusterNameFilter === 'extra-1')).toBe(true);
  });
});
