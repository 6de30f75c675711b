/**
 * The fake Amazon MSK control plane (written elsewhere, in test/fake-msk/): the bed writes its cluster list to
 * `.testbed/fake-msk.json` and, once `test/fake-msk/main.ts` exists, runs it on 127.0.0.1:18443.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { BED_DIR, FAKE_MSK_CONFIG_FILE, FAKE_MSK_MAIN, REPO_ROOT } from './paths.js';
import { HOST, PORTS } from './ports.js';
import { spawnPart, waitUntil } from './processes.js';
import { SOURCE_BOOTSTRAP, SOURCE_SCRAM_BOOTSTRAP, ZOOKEEPER_CONNECT } from './source-cluster.js';
import { TARGET_BOOTSTRAP, TARGET_SCRAM_TLS_BOOTSTRAP } from './target-cluster.js';

export const AWS_REGION = 'us-east-1';
export const AWS_ACCOUNT_ID = '123456789012';
export const SOURCE_CLUSTER_NAME = 'testbed-source-zk';
export const TARGET_CLUSTER_NAME = 'testbed-target-kraft';
export const SOURCE_CLUSTER_ARN = `arn:aws:kafka:${AWS_REGION}:${AWS_ACCOUNT_ID}:cluster/${SOURCE_CLUSTER_NAME}/5f0c1a2e-3b4d-4c6e-8f10-1234567890ab-1`;
export const TARGET_CLUSTER_ARN = `arn:aws:kafka:${AWS_REGION}:${AWS_ACCOUNT_ID}:cluster/${TARGET_CLUSTER_NAME}/9a8b7c6d-5e4f-4a3b-9c2d-abcdef012345-2`;
export const MSK_ENDPOINT = `http://${HOST}:${PORTS.fakeMsk}`;

export function fakeMskSpec(): object {
  return {
    region: AWS_REGION,
    clusters: [
      {
        clusterArn: SOURCE_CLUSTER_ARN,
        clusterName: SOURCE_CLUSTER_NAME,
        clusterType: 'PROVISIONED',
        kafkaVersion: '3.9.x',
        metadataMode: 'ZOOKEEPER',
        brokerCount: PORTS.source.length,
        instanceType: 'kafka.m5.large',
        authentication: { iam: false, scram: true, tls: false, unauthenticated: true },
        encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true },
        bootstrap: { plaintext: SOURCE_BOOTSTRAP, saslScram: SOURCE_SCRAM_BOOTSTRAP },
        nodes: PORTS.source.map((broker) => ({ brokerId: broker.brokerId, host: HOST, port: broker.plaintext })),
        zookeeperConnect: ZOOKEEPER_CONNECT,
      },
      {
        clusterArn: TARGET_CLUSTER_ARN,
        clusterName: TARGET_CLUSTER_NAME,
        clusterType: 'PROVISIONED',
        kafkaVersion: '4.1.x.kraft',
        metadataMode: 'KRAFT',
        brokerCount: PORTS.target.length,
        instanceType: 'kafka.m5.large',
        authentication: { iam: false, scram: true, tls: false, unauthenticated: true },
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
        bootstrap: { plaintext: TARGET_BOOTSTRAP, saslScram: TARGET_SCRAM_TLS_BOOTSTRAP },
        nodes: PORTS.target.map((node) => ({ brokerId: node.nodeId, host: HOST, port: node.plaintext })),
      },
    ],
  };
}

export function writeFakeMskConfig(): void {
  mkdirSync(BED_DIR, { recursive: true });
  writeFileSync(FAKE_MSK_CONFIG_FILE, `${JSON.stringify(fakeMskSpec(), null, 2)}\n`);
}

/** Whether the fake's program exists yet (another part of the project writes it). */
export function fakeMskAvailable(): boolean {
  return existsSync(FAKE_MSK_MAIN);
}

export function startFakeMsk(): number {
  return spawnPart('fake-msk', {
    command: process.execPath,
    args: ['--import', 'tsx', FAKE_MSK_MAIN, '--config', FAKE_MSK_CONFIG_FILE, '--port', String(PORTS.fakeMsk), '--host', HOST],
    cwd: REPO_ROOT,
  });
}

export async function fakeMskAnswers(): Promise<boolean> {
  const response = await fetch(`${MSK_ENDPOINT}/healthz`, { signal: AbortSignal.timeout(3_000) });
  return response.status === 200;
}

export async function waitForFakeMsk(timeoutMs: number): Promise<void> {
  await waitUntil(fakeMskAnswers, { what: 'fake MSK (/healthz)', parts: ['fake-msk'], timeoutMs, intervalMs: 500 });
}
