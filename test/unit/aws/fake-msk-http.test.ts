import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMsk } from '../../fake-msk/server.js';
import { startFakeMsk } from '../../fake-msk/server.js';
import { testSpec, ZK_ARN } from './fixtures.js';

const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/kafka/aws4_request, SignedHeaders=host, Signature=00' };

let fake: FakeMsk;
beforeAll(async () => {
  fake = await startFakeMsk({ spec: testSpec() });
});
afterAll(async () => {
  await fake.close();
});

describe('fake MSK over plain HTTP', () => {
  it('binds loopback and answers /healthz with 200', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${fake.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startFakeMsk({ spec: testSpec(), host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('answers an unknown cluster like AWS: 404, x-amzn-errortype NotFoundException, message naming the ARN', async () => {
    const missing = ZK_ARN.replace('-1', '-7');
    const response = await fetch(`${fake.url}/api/v2/clusters/${encodeURIComponent(missing)}`, { headers: SIGNED });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain(missing);
  });

  it('refuses unsigned calls with 403 MissingAuthenticationTokenException', async () => {
    const response = await fetch(`${fake.url}/api/v2/clusters/${encodeURIComponent(ZK_ARN)}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('answers DescribeClusterV2 with the restJson1 keys the SDK reads', async () => {
    const response = await fetch(`${fake.url}/api/v2/clusters/${encodeURIComponent(ZK_ARN)}`, { headers: SIGNED });
    const body = (await response.json()) as { clusterInfo: Record<string, unknown> & { provisioned: Record<string, unknown> } };
    expect(body.clusterInfo.clusterArn).toBe(ZK_ARN);
    expect(body.clusterInfo.provisioned.currentBrokerSoftwareInfo).toEqual({ kafkaVersion: '3.9.x' });
    expect(body.clusterInfo.provisioned.zookeeperConnectString).toBe('z-1.source:2181,z-2.source:2181,z-3.source:2181');
    expect(body.clusterInfo.provisioned).not.toHaveProperty('metadataMode');
  });

  it('rejects maxResults outside 1-100 and a forged nextToken with 400 BadRequestException', async () => {
    const nodes = `${fake.url}/v1/clusters/${encodeURIComponent(ZK_ARN)}/nodes`;
    const tooMany = await fetch(`${nodes}?maxResults=500`, { headers: SIGNED });
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    const forged = await fetch(`${nodes}?nextToken=bm90LWEtdG9rZW4`, { headers: SIGNED });
    expect(forged.status).toBe(400);
  });

  it('records each request with its decoded path', async () => {
    await fetch(`${fake.url}/v1/clusters/${encodeURIComponent(ZK_ARN)}/bootstrap-brokers`, { headers: SIGNED });
    expect(fake.requests.at(-1)).toEqual({
      method: 'GET',
      path: `/v1/clusters/${ZK_ARN}/bootstrap-brokers`,
      query: {},
      accessKeyId: 'AKIDTEST',
    });
  });
});
