import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSpec } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-msk-main-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runMain(configPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-msk/main.ts', '--config', configPath, '--port', '0', '--host', '127.0.0.1'], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ stdout, stderr }) };
}

describe('test/fake-msk/main.ts', () => {
  it('logs one line when listening, serves the config, and exits 0 on SIGTERM', async () => {
    const configPath = join(dir, 'spec.json');
    await writeFile(configPath, JSON.stringify(testSpec()));
    const { child, output } = runMain(configPath);
    const exited = once(child, 'exit');
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${JSON.stringify(output())}`)), 15_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output().stdout);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(output().stdout.trim().split('\n')).toHaveLength(1);
    expect(output().stdout).toContain('source-zk');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('exits 2 with the validation problems on a bad config', async () => {
    const configPath = join(dir, 'bad.json');
    await writeFile(configPath, JSON.stringify({ region: 'us-east-1', clusters: [{ clusterName: 'x', kafkaVersion: '3.9.x', metadataMode: 'KRAFT', brokerCount: 1 }] }));
    const { child, output } = runMain(configPath);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output().stderr).toMatch(/bad\.json is invalid[\s\S]*metadataMode KRAFT contradicts kafkaVersion/);
  });
});
