/**
 * The wizard end to end: the real program (bin/kafka-backup.js) on a pseudo-terminal against the test bed, keys
 * typed as an operator would. It builds a config through the prompts, runs precheck, plan and execute (the live
 * dashboard) to drain_ready, then cutover, the client switch and finalize when this version has them. A second run on
 * an existing migration picks it up from its journal and rolls it back; Ctrl-C under the dashboard interrupts the run
 * as SIGINT does and leaves the terminal usable; without a terminal the wizard refuses.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerFor } from '../../source/commands/index.js';
import { notBuilt } from '../../source/commands/not-built.js';
import { run } from '../../source/run.js';
import { KEYS, VirtualTerminal } from '../../scripts/screenshots/virtual-terminal.js';
import { captureIO } from '../support/capture-io.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'kafka-backup.js');
const bed = loadTestbedEnv();
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PREFIX = `ui-pty-${suffix}`;
const work = mkdtempSync(path.join(tmpdir(), 'kb-ui-wizard-'));
const terminals: VirtualTerminal[] = [];

/** The operator's environment: the bed's variables, a terminal, and no CI (Ink and the tool would go plain). */
function operatorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...bed };
  for (const key of Object.keys(env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  return env;
}

function terminal(args: string, cwd: string, after = '', extraEnv: NodeJS.ProcessEnv = {}): VirtualTerminal {
  const vt = new VirtualTerminal({ command: `sh -c ${VirtualTerminal.quote(`node ${BIN} ${args}; echo "exit=$?"${after}`)}`, cwd, env: { ...operatorEnv(), ...extraEnv }, columns: 140, rows: 45 });
  terminals.push(vt);
  return vt;
}

/** Two topics with records and a consumer group part-way through one of them, all named for this run. */
async function sourceData(prefix: string, recordsPerTopic: number): Promise<void> {
  const kafka = new Kafka({ brokers: bed.SOURCE_BOOTSTRAP.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  try {
    await admin.createTopics({ topics: [`${prefix}.orders`, `${prefix}.events`].map((topic) => ({ topic, numPartitions: 3, replicationFactor: 2 })) });
    for (const topic of [`${prefix}.orders`, `${prefix}.events`]) {
      for (let sent = 0; sent < recordsPerTopic; sent += 500) {
        const count = Math.min(500, recordsPerTopic - sent);
        await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ key: `k${sent + i}`, value: `${topic} record ${sent + i} ${'x'.repeat(100)}` })) });
      }
    }
    await admin.setOffsets({ groupId: `${prefix}-billing`, topic: `${prefix}.orders`, partitions: [0, 1, 2].map((partition) => ({ partition, offset: '10' })) });
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

beforeAll(async () => {
  await sourceData(PREFIX, 1500);
  await sourceData(`${PREFIX}-rb`, 300);
  await sourceData(`${PREFIX}-big`, 60_000);
}, 300_000);

afterAll(() => {
  for (const vt of terminals) vt.kill();
  rmSync(work, { recursive: true, force: true });
});

const built = (name: string): boolean => handlerFor(name) !== notBuilt;

describe('the wizard on a terminal, against the test bed', () => {
  it('builds a config through prompts (checked as typed), then precheck, plan and execute to drain_ready on the live dashboard, and on through cutover, client switch and finalize when they are built', async () => {
    const dir = path.join(work, 'new');
    rmSync(dir, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
    const vt = terminal('migrate msk-kraft', dir);

    await vt.waitFor('No migration config in');
    await vt.press(KEYS.enter); // build a new config through prompts
    await vt.waitFor('Source cluster (ZooKeeper mode): MSK cluster ARN, or bootstrap servers');
    await vt.press('127.0.0.1:abc');
    await vt.waitFor('✗ source.bootstrap_servers: got "127.0.0.1:abc"'); // the engine's validation, as typed
    await vt.press(KEYS.enter); // refused while wrong
    await vt.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, '19092,127.0.0.1:19093');
    await vt.waitFor('› 127.0.0.1:19092,127.0.0.1:19093');
    await vt.press(KEYS.enter);
    await vt.waitFor('Source cluster (ZooKeeper mode): how the tool signs in');
    await vt.press('4', KEYS.enter); // plaintext
    await vt.waitFor('Target cluster (KRaft mode): MSK cluster ARN');
    await vt.press('127.0.0.1:29092,127.0.0.1:29093', KEYS.enter);
    await vt.waitFor('Target cluster (KRaft mode): how the tool signs in');
    await vt.press('4', KEYS.enter);
    await vt.waitFor('Topics to migrate');
    await vt.press(`${PREFIX}.*`, KEYS.enter);
    await vt.waitFor('Consumer groups whose offsets move');
    await vt.press(`${PREFIX}-*`, KEYS.enter);
    await vt.waitFor('AWS region');
    await vt.press(KEYS.enter); // the default
    await vt.waitFor('S3 and KMS endpoint');
    await vt.press(bed.S3_ENDPOINT, KEYS.enter);
    await vt.waitFor('Backup bucket');
    await vt.press(bed.BACKUP_BUCKET, KEYS.enter);
    await vt.waitFor('KMS key ARN for the backup bucket');
    await vt.press(KEYS.enter);
    await vt.waitFor('Evidence bucket');
    await vt.press(bed.EVIDENCE_BUCKET, KEYS.enter);
    await vt.waitFor('Write the config to');
    await vt.press(KEYS.enter); // migration.yaml
    await vt.waitFor("Where the migration's journal lives");
    const written = readFileSync(path.join(dir, 'migration.yaml'), 'utf8');
    expect(written).toContain('bootstrap_servers: 127.0.0.1:19092,127.0.0.1:19093');
    expect(written).toContain(`- ${PREFIX}.*`);
    await vt.press(KEYS.enter); // a local folder: journal

    await vt.waitFor('precheck passed', 120_000);
    const precheck = await vt.screen();
    expect(precheck.join('\n')).toMatch(/precheck passed: 0 blockers/);
    await vt.press(KEYS.enter); // continue: write the plan
    const plan = await vt.waitFor('6 files written:', 60_000);
    const id = /plan for (mig-[0-9a-z-]+)/.exec(plan)?.[1] as string;
    expect(id).toMatch(/^mig-/);
    expect(plan).toContain('partitions          6');
    expect(existsSync(path.join(dir, 'plan', id, 'runbook.md'))).toBe(true);
    await vt.press(KEYS.enter); // execute

    // The live dashboard: header with the id, the lag table with this run's partitions, then drain_ready.
    await vt.waitFor(new RegExp(`${id}\\s+(PRECHECK|TOPOLOGY_COPY|SEED|TAIL|DRAIN_READY)`), 120_000);
    await vt.waitFor(`${PREFIX}.orders`, 120_000);
    const after = await vt.waitFor(`${id} is in drain_ready`, 300_000, { anywhere: true });
    expect(after).toContain(`migration_id: ${id}`);
    expect(after).toContain('state: drain_ready');
    expect(after).toMatch(/tail -> drain_ready drain ready: max_partition_lag=0/);
    await vt.waitFor('❯ 1. cutover: freeze producers');
    expect((await vt.screen()).join('\n')).toContain('2. rollback: abort');

    if (!built('cutover')) {
      // This version stops here: leave, and the journal keeps the migration at drain_ready.
      await vt.press('3', KEYS.enter);
      await vt.waitFor('exit=0', 30_000);
      expect(await vt.transcript()).toContain('left the wizard; run it again to continue where the migration stands');
      return;
    }
    await vt.press(KEYS.enter); // cutover
    await vt.waitFor('Start the cutover now? [y/N]');
    expect(await vt.transcript()).toContain('sentinel records are published to every partition on the source');
    await vt.press('y');
    // The cutover screen: its steps, then the producer-freeze question (no webhook in this config).
    await vt.waitFor('Producers are stopped? [y/N]', 120_000);
    expect((await vt.screen()).join('\n')).toMatch(/producers not frozen yet \(max_producer_freeze 1m00s\)/);
    await vt.press('y');
    await vt.waitFor(/producers were frozen .* of max 1m00s/, 120_000, { anywhere: true });
    await vt.waitFor(`${id} is in awaiting_client_switch`, 300_000, { anywhere: true });
    expect(await vt.transcript()).toMatch(/cutover -> awaiting_client_switch READY_FOR_CLIENT_SWITCH: groups_translated=1/);
    await vt.press(KEYS.enter);
    await vt.waitFor('Have all clients switched to the target? [y/N]');
    await vt.press('y');
    await vt.waitFor(`${id} is in validating`, 120_000, { anywhere: true });
    if (!built('finalize')) return;
    await vt.press(KEYS.enter);
    const finalized = await vt.waitFor(`${id} is finalized`, 300_000, { anywhere: true });
    for (const check of ['topic_parity', 'counts_and_offsets', 'spot_check_records', 'sentinel_presence', 'consumer_group_reconciliation']) {
      expect(finalized).toContain(`check ${check}: PASSED`);
    }
    expect(finalized).toMatch(/evidence: s3:\/\/kb-evidence\/\S+\/evidence-bundle\.json/);
    await vt.waitFor('exit=0', 30_000);
  }, 900_000);

  it('status --watch follows an existing migration (dashboard on a terminal, plain lines otherwise); the wizard picks it up from its journal and rolls it back after a confirmation', async () => {
    const dir = path.join(work, 'rollback');
    await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
    const config = path.join(dir, 'migration.yaml');
    const yaml = readFileSync(path.join(ROOT, '.testbed', 'migration-bootstrap.yaml'), 'utf8')
      .replace(/topics:\n(\s+)include:\n\s+- '\*'/, `topics:\n$1include:\n$1  - '${PREFIX}-rb.*'`)
      .replace(/groups:\n(\s+)include:\n\s+- '\*'/, `groups:\n$1include:\n$1  - '${PREFIX}-rb-*'`);
    await import('node:fs').then((fs) => fs.writeFileSync(config, yaml));
    // A migration run by the plain command first (no terminal: plain lines).
    const plain = captureIO({ env: { ...operatorEnv() }, cwd: dir });
    expect(await run(['migrate', 'msk-kraft', 'execute', '--config', 'migration.yaml', '--journal-dir', 'journal'], plain)).toBe(0);
    const id = /migration_id: (\S+)/.exec(plain.out())?.[1] as string;

    // status --watch on a terminal: the dashboard from the journal and the live offsets, refreshed; Ctrl-C leaves.
    const watch = terminal(`migrate msk-kraft status --watch --config migration.yaml --migration-id ${id} --journal-dir journal`, dir);
    await watch.waitFor(new RegExp(`${id}\\s+DRAIN_READY`), 60_000);
    await watch.waitFor(/status --watch: read [1-9]\d*s ago \(source offsets: live\), every 3s/, 30_000);
    await watch.waitFor(/status --watch: read 0s ago/, 30_000); // a refresh came in
    expect((await watch.screen()).join('\n')).toContain(`${PREFIX}-rb.orders`);
    await watch.press(KEYS.ctrlC);
    await watch.waitFor('exit=0', 30_000);
    // Without a terminal: the plain status lines again after each refresh, until SIGINT (exit 0).
    const plainWatch = spawn(process.execPath, [BIN, 'migrate', 'msk-kraft', 'status', '--watch', '--config', 'migration.yaml', '--migration-id', id, '--journal-dir', 'journal'], { cwd: dir, env: operatorEnv() });
    let printed = '';
    plainWatch.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    for (let waited = 0; waited < 60_000 && (printed.match(/^state: drain_ready/gm) ?? []).length < 2; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    plainWatch.kill('SIGINT');
    const plainCode = await new Promise<number | null>((resolve) => plainWatch.on('exit', (code) => resolve(code)));
    expect((printed.match(/^state: drain_ready/gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(plainCode).toBe(0);

    const vt = terminal('migrate msk-kraft wizard --config migration.yaml', dir);
    await vt.waitFor("Where the migration's journal lives");
    await vt.press(KEYS.enter); // the local folder beside the config
    await vt.waitFor('Migrations in this journal');
    expect((await vt.screen()).join('\n')).toContain(`${id}  drain_ready`);
    await vt.press(KEYS.enter);
    await vt.waitFor(`${id} is in drain_ready`);
    await vt.press('2', KEYS.enter); // rollback
    await vt.waitFor('Roll the migration back? [y/N]');
    expect((await vt.screen()).join('\n')).toContain('topics and data on the target are NOT deleted');
    await vt.press(KEYS.enter); // Enter alone says no on a dangerous step
    await vt.waitFor(`${id} is in drain_ready`);
    await vt.press('2', KEYS.enter);
    await vt.waitFor('Roll the migration back? [y/N]');
    await vt.press('y');
    await vt.waitFor('state: rolled_back (from drain_ready)', 120_000, { anywhere: true });
    await vt.waitFor(`${id} was rolled back`, 30_000, { anywhere: true });
    await vt.waitFor('exit=0', 30_000);
  }, 600_000);

  it('Ctrl-C under the dashboard interrupts execute as SIGINT does (checkpoint, lease released, exit 1, next_command) and gives the terminal back; NO_COLOR draws no colour', async () => {
    const dir = path.join(work, 'interrupt');
    await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
    const yaml = readFileSync(path.join(ROOT, '.testbed', 'migration-bootstrap.yaml'), 'utf8')
      .replace(/topics:\n(\s+)include:\n\s+- '\*'/, `topics:\n$1include:\n$1  - '${PREFIX}-big.*'`)
      .replace(/groups:\n(\s+)include:\n\s+- '\*'/, `groups:\n$1include:\n$1  - '${PREFIX}-big-*'`)
      .replace(/max_concurrent_partitions: \d+/, 'max_concurrent_partitions: 1');
    await import('node:fs').then((fs) => fs.writeFileSync(path.join(dir, 'migration.yaml'), yaml));
    const vt = terminal('migrate msk-kraft execute --config migration.yaml --journal-dir journal', dir, '; stty -a', { NO_COLOR: '1' });
    await vt.waitFor(/\bSEED for\b/, 120_000);
    await vt.press(KEYS.ctrlC);
    const text = await vt.waitFor(/exit=\d+/, 120_000, { anywhere: true });
    expect(text).toContain('exit=1');
    expect(vt.output()).not.toMatch(/\u001B\[(3[0-7]|9[0-7]|38;)/); // NO_COLOR: the dashboard drew no colour
    expect(text).toMatch(/next_command: kafka-backup migrate msk-kraft resume --config migration.yaml --migration-id mig-\S+ --journal-dir journal/);
    expect(text).toMatch(/error\[STATE\]: interrupted by the operator in (seed|tail)/);
    // The lease is released: status sees no process on the migration, and says resume continues it.
    const id = /--migration-id (mig-\S+)/.exec(text)?.[1] as string;
    const status = captureIO({ env: operatorEnv(), cwd: dir });
    expect(await run(['migrate', 'msk-kraft', 'status', '--json', '--config', 'migration.yaml', '--migration-id', id, '--journal-dir', 'journal'], status)).toBe(0);
    const snapshot = JSON.parse(status.out()) as { state: string; lease: unknown; nextAction: string };
    expect(snapshot.lease).toBeNull();
    expect(['seed', 'tail']).toContain(snapshot.state);
    expect(snapshot.nextAction).toMatch(/resume/);
    const stty = await vt.waitFor(/\bicanon\b/, 10_000, { anywhere: true });
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/m); // cooked mode again: raw mode was undone
    expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
  }, 600_000);

  it('without a terminal the wizard refuses before reading anything, naming the subcommands to use', async () => {
    const io = captureIO({ env: {} });
    expect(await run(['migrate', 'msk-kraft', 'wizard'], io)).toBe(2);
    expect(io.err()).toContain('the wizard needs a terminal');
    expect(io.err()).toContain('precheck, plan, execute, resume, status, cutover, cutover-ack, finalize, rollback');
    const tty = captureIO({ env: { CI: 'true' }, tty: true });
    expect(await run(['migrate', 'msk-kraft', 'wizard', '--config', 'nowhere.yaml'], tty)).toBe(2);
    expect(tty.err()).toContain('the wizard needs a terminal');
  });
});
