/**
 * Standalone fake MSK control plane, as the test bed runs it:
 *   node --import tsx test/fake-msk/main.ts --config <spec.json> [--port 18443] [--host 127.0.0.1]
 * Prints one line once listening; exits 0 on SIGTERM/SIGINT, 2 on a bad config or arguments, 1 if it cannot listen.
 */
import { parseArgs } from 'node:util';
import { startFakeMsk } from './server.js';
import { FakeMskSpecError, loadFakeMskSpec } from './spec.js';

async function main(): Promise<number> {
  let values: { config?: string; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      options: { config: { type: 'string' }, port: { type: 'string', default: '18443' }, host: { type: 'string', default: '127.0.0.1' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`fake-msk: ${(error as Error).message}\n`);
    return 2;
  }
  const port = Number(values.port);
  if (values.config === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: fake-msk --config <spec.json> [--port 18443] [--host 127.0.0.1]\n');
    return 2;
  }
  let spec;
  try {
    spec = await loadFakeMskSpec(values.config);
  } catch (error) {
    process.stderr.write(`fake-msk: ${(error as Error).message}\n`);
    return error instanceof FakeMskSpecError ? 2 : 1;
  }
  let fake;
  try {
    fake = await startFakeMsk({ host: values.host, port, spec });
  } catch (error) {
    process.stderr.write(`fake-msk: cannot listen on ${values.host}:${port}: ${(error as Error).message}\n`);
    return 1;
  }
  for (const warning of fake.spec.warnings) process.stderr.write(`fake-msk: warning: ${warning}\n`);
  const names = fake.spec.clusters.map((cluster) => cluster.clusterName).join(', ');
  process.stdout.write(`fake-msk listening on ${fake.url} (region ${fake.spec.region}; clusters: ${names || 'none'})\n`);
  const running = fake;
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.stdout.write(`fake-msk: ${signal}, stopping\n`);
      running.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

process.exitCode = await main();
