import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControlPlaneError, createMskControlPlane } from '../../../engine/aws/msk-control-plane.js';
import { KRAFT_ARN, startWithClient, TEST_CREDENTIALS, ZK_ARN, type Started } from './fixtures.js';

let started: Started | undefined;
let tempDir: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await started?.stop();
  started = undefined;
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

async function failureOf(promise: Promise<unknown>): Promise<ControlPlaneError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ControlPlaneError);
  return error as ControlPlaneError;
}

/** Shared config files that hold one profile and nothing else, and no credentials in the environment. */
async function isolateAwsConfig(profiles: string): Promise<void> {
  tempDir = await mkdtemp(join(tmpdir(), 'msk-cp-'));
  await writeFile(join(tempDir, 'credentials'), profiles);
  await writeFile(join(tempDir, 'config'), '');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tempDir, 'credentials'));
  vi.stubEnv('AWS_CONFIG_FILE', join(tempDir, 'config'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
    vi.stubEnv(name, undefined);
  }
}

describe('control-plane failures are told apart', () => {
  it('access denied: a 403 names the ARN and the IAM actions needed, not retriable', async () => {
    started = await startWithClient({ forbiddenClusterArns: [ZK_ARN] });
    const error = await failureOf(started.controlPlane.describeCluster(ZK_ARN));
    expect(error.failure).toBe('access-denied');
    expect(error.message).toContain(ZK_ARN);
    expect(error.hint).toContain('kafka:DescribeClusterV2');
    expect(error.retriable).toBe(false);
  });

  it('unreachable: a closed port is retriable and names the endpoint', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const endpoint = `http://127.0.0.1:${closedPort}`;
    const controlPlane = createMskControlPlane({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const error = await failureOf(controlPlane.describeCluster(KRAFT_ARN));
    controlPlane.close();
    expect(error.failure).toBe('unreachable');
    expect(error.retriable).toBe(true);
    expect(error.message).toContain(endpoint);
    expect(error.message).toContain(KRAFT_ARN);
  });

  it('wrong region: credentials scoped to another region are refused as access denied', async () => {
    started = await startWithClient({}, { region: 'eu-west-1' });
    const error = await failureOf(started.controlPlane.describeCluster(ZK_ARN));
    expect(error.failure).toBe('access-denied');
    expect(error.message).toContain('InvalidSignatureException');
  });

  it('never puts the secret access key in the message or hint', async () => {
    started = await startWithClient({ forbiddenClusterArns: [ZK_ARN] });
    const error = await failureOf(started.controlPlane.describeCluster(ZK_ARN));
    expect(`${error.message} ${error.hint}`).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });
});

describe('credentials', () => {
  it('uses the default provider chain (environment) when no credentials are given', async () => {
    await isolateAwsConfig('');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENVIRONMENT');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    started = await startWithClient({}, { credentials: undefined });
    await started.controlPlane.describeCluster(ZK_ARN);
    expect(started.fake.requests.at(-1)?.accessKeyId).toBe('AKIDFROMENVIRONMENT');
  });

  it('uses the named profile from the shared credentials file', async () => {
    await isolateAwsConfig('[migration]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = profile-secret\n');
    started = await startWithClient({}, { credentials: undefined, profile: 'migration' });
    await started.controlPlane.getBootstrapBrokers(ZK_ARN);
    expect(started.fake.requests.at(-1)?.accessKeyId).toBe('AKIDFROMPROFILE');
  });

  it('says no credentials were found when the chain finds none', async () => {
    await isolateAwsConfig('');
    started = await startWithClient({}, { credentials: undefined });
    const error = await failureOf(started.controlPlane.describeCluster(ZK_ARN));
    expect(error.failure).toBe('no-credentials');
    expect(error.hint).toMatch(/AWS_PROFILE/);
    expect(started.fake.requests).toHaveLength(0);
  });
});

describe('cluster ARNs', () => {
  it('rejects a malformed ARN as CONFIG_INVALID before calling MSK', async () => {
    started = await startWithClient();
    await expect(started.controlPlane.describeCluster('source-zk')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(started.fake.requests).toHaveLength(0);
  });

  it('says so when the ARN names another region than the one called', async () => {
    started = await startWithClient();
    const elsewhere = ZK_ARN.replace('us-east-1', 'eu-west-1');
    const error = await failureOf(started.controlPlane.describeCluster(elsewhere));
    expect(error.failure).toBe('not-found');
    expect(error.hint).toMatch(/names region eu-west-1 but the call went to us-east-1/);
  });
});
