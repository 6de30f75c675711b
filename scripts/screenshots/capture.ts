/**
 * `npx tsx scripts/screenshots/capture.ts`: real screenshots for the README. Runs the wizard (bin/kafka-backup.js) on
 * a pseudo-terminal against the running test bed (`npm run testbed -- up`) with freshly made sample topics, answers
 * its prompts, and renders the screen at four moments to media/*.svg: the precheck, the dashboard mid-seed, the
 * cutover's producer-freeze prompt and the finalize report. Everything it creates is named screens-<random>.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { loadTestbedEnv } from '../../test/testbed/testbed-env.js';
import { screenToSvg } from './render-svg.js';
import { KEYS, VirtualTerminal } from './virtual-terminal.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MEDIA = path.join(ROOT, 'media');
const bed = loadTestbedEnv();
const prefix = `screens-${Math.random().toString(36).slice(2, 8)}`;

async function sampleData(): Promise<void> {
  const kafka = new Kafka({ brokers: bed.SOURCE_BOOTSTRAP.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  const topics = { [`${prefix}.orders`]: 6, [`${prefix}.payments`]: 4, [`${prefix}.clickstream`]: 12 };
  await admin.createTopics({ topics: Object.entries(topics).map(([topic, numPartitions]) => ({ topic, numPartitions, replicationFactor: 2 })) });
  for (const [topic, partitions] of Object.entries(topics)) {
    const records = partitions * 25_000;
    for (let sent = 0; sent < records; sent += 1000) {
      await producer.send({ topic, messages: Array.from({ length: 1000 }, (_, i) => ({ key: `customer-${(sent + i) % 997}`, value: JSON.stringify({ n: sent + i, at: Date.now(), pad: 'x'.repeat(300) }) })) });
    }
  }
  await admin.setOffsets({ groupId: `${prefix}-billing`, topic: `${prefix}.orders`, partitions: Array.from({ length: 6 }, (_, partition) => ({ partition, offset: '5000' })) });
  await producer.disconnect();
  await admin.disconnect();
  process.stdout.write(`sample topics: ${Object.keys(topics).join(', ')}\n`);
}

function config(dir: string): void {
  const yaml = readFileSync(path.join(ROOT, '.testbed', 'migration-bootstrap.yaml'), 'utf8')
    .replace(/topics:\n(\s+)include:\n\s+- '\*'/, `topics:\n$1include:\n$1  - '${prefix}.*'`)
    .replace(/groups:\n(\s+)include:\n\s+- '\*'/, `groups:\n$1include:\n$1  - '${prefix}-*'`)
    .replace(/max_concurrent_partitions: \d+/, 'max_concurrent_partitions: 1'); // a seed long enough to be seen mid-way
  writeFileSync(path.join(dir, 'migration.yaml'), yaml);
}

function save(vt: VirtualTerminal, name: string, title: string, rows?: { from: number; to: number }): void {
  writeFileSync(path.join(MEDIA, name), screenToSvg(vt.term, { title, ...rows }));
  process.stdout.write(`wrote media/${name}\n`);
}

/** The buffer rows from the last line that `starts` (less `back` lines above it) to the end of what was written. */
async function rowsFrom(vt: VirtualTerminal, starts: (line: string) => boolean, back = 0): Promise<{ from: number; to: number }> {
  const lines = (await vt.transcript()).split('\n');
  const at = lines.map((line, i) => (starts(line) ? i : -1)).filter((i) => i >= 0).at(-1) ?? 0;
  return { from: Math.max(0, at - back), to: lines.length };
}

async function main(): Promise<void> {
  mkdirSync(MEDIA, { recursive: true });
  await sampleData();
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-screens-'));
  config(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, ...bed };
  for (const key of Object.keys(env)) if (key === 'CI' || key === 'NO_COLOR' || key.startsWith('CI_')) delete env[key];
  const vt = new VirtualTerminal({ command: `node ${path.join(ROOT, 'bin', 'kafka-backup.js')} migrate msk-kraft wizard --config migration.yaml`, cwd: dir, env, columns: 120, rows: 40 });
  try {
    await vt.waitFor("Where the migration's journal lives");
    await vt.press(KEYS.enter);
    await vt.waitFor(/precheck (passed|found blockers)/, 120_000);
    await vt.waitFor('Enter choose');
    save(vt, 'precheck.svg', 'kafka-backup migrate msk-kraft: precheck', await rowsFrom(vt, (line) => /^precheck (passed|found blockers)/.test(line) && !line.includes(':'), 1));
    await vt.press(KEYS.enter);
    await vt.waitFor('6 files written:', 60_000);
    await vt.press(KEYS.enter);
    // Mid-seed: the progress bar past its start (copy progress is reported every 10 s), before the end.
    await vt.waitFor(/^seed .*\s([1-9]\d?)%/m, 300_000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a rate and a sparkline
    save(vt, 'dashboard-seed.svg', 'kafka-backup migrate msk-kraft execute: the live dashboard mid-seed', await rowsFrom(vt, (line) => /^mig-\S+\s+SEED for/.test(line)));
    await vt.waitFor(/is in drain_ready/, 600_000, { anywhere: true });
    await vt.waitFor('Enter choose');
    await vt.press(KEYS.enter);
    await vt.waitFor('Start the cutover now? [y/N]');
    await vt.press('y');
    await vt.waitFor('Producers are stopped? [y/N]', 120_000);
    save(vt, 'cutover-prompt.svg', 'kafka-backup migrate msk-kraft: cutover, the producer-freeze prompt', await rowsFrom(vt, (line) => line.startsWith('cutover of mig-'), 1));
    await vt.press('y');
    await vt.waitFor(/is in awaiting_client_switch/, 300_000, { anywhere: true });
    await vt.waitFor('Enter choose');
    await vt.press(KEYS.enter);
    await vt.waitFor('Have all clients switched to the target? [y/N]');
    await vt.press('y');
    await vt.waitFor(/is in validating/, 120_000, { anywhere: true });
    await vt.waitFor('Enter choose');
    await vt.press(KEYS.enter);
    await vt.waitFor(/is finalized/, 600_000, { anywhere: true });
    save(vt, 'finalize.svg', 'kafka-backup migrate msk-kraft finalize: the five checks and the evidence', await rowsFrom(vt, (line) => line.startsWith('$ kafka-backup migrate msk-kraft finalize')));
    const code = await vt.exited;
    process.stdout.write(`wizard exit ${code}; migration files in ${dir}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    vt.kill();
    process.exitCode = 1;
  }
}

await main();
