/**
 * `npm run sandbox`: the test bed with sample data, then the migration on it, so a newcomer sees the tool's main job in
 * minutes: on a terminal the wizard, otherwise (CI, a pipe) precheck, plan, execute and status as plain commands. Writes everything under ./sandbox (git-ignored). Re-running reuses the bed and the data.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadTestbedEnv } from '../../test/testbed/testbed-env.js';
import { writeSampleData } from './sample-data.js';
import { isInteractive } from '../../source/io.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SANDBOX = path.join(ROOT, 'sandbox');
const CONFIG = path.join(SANDBOX, 'migration.yaml');
const BIN = path.join(ROOT, 'bin', 'kafka-backup.js');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function sandboxConfig(): string {
  const base = readFileSync(path.join(ROOT, '.testbed', 'migration.yaml'), 'utf8');
  const selected = base
    .replace(/topics:\n\s+include:\n\s+- '\*'/, "topics:\n      include:\n        - 'shop.*'")
    .replace(/groups:\n\s+include:\n\s+- '\*'/, "groups:\n      include:\n        - 'shop-*'");
  if (selected === base) throw new Error('could not narrow .testbed/migration.yaml to the sample topics');
  return `# The sandbox's migration: the test bed's source (ZooKeeper) to its target (KRaft), sample topics only.\n${selected}`;
}

/** The newest migration under sandbox/journal (ids sort by creation time). */
function latestMigrationId(): string | undefined {
  const dir = path.join(SANDBOX, 'journal');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('mig-')).sort().at(-1) : undefined;
}

/** The wizard needs a terminal (the command line's rule: stdin and stdout TTYs, CI unset); SANDBOX_PLAIN=1 asks for the plain steps. */
function onTerminal(env: NodeJS.ProcessEnv): boolean {
  return isInteractive({ stdin: process.stdin, stdout: process.stdout, env }, env['SANDBOX_PLAIN'] !== undefined);
}

function step(title: string, args: string[], env: NodeJS.ProcessEnv): number {
  say(`\n$ kafka-backup ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [BIN, ...args], { stdio: 'inherit', env, cwd: ROOT });
  const code = result.status ?? 1;
  say(`(${title}: exit ${code})`);
  return code;
}

async function main(): Promise<number> {
  say('== 1/3 test bed: Kafka 3.9 (ZooKeeper) source, Kafka 4.1 (KRaft) target, S3/KMS (moto), fake MSK API');
  const up = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/testbed/cli.ts'), 'up'], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  if (up.status !== 0) return up.status ?? 1;

  const bed = loadTestbedEnv();
  say('\n== 2/3 sample data on the source');
  await writeSampleData(bed.SOURCE_BOOTSTRAP.split(','), say);
  mkdirSync(SANDBOX, { recursive: true });
  writeFileSync(CONFIG, sandboxConfig());
  say(`  config: ${path.relative(ROOT, CONFIG)}`);

  const env = { ...process.env, ...bed };
  const config = path.relative(ROOT, CONFIG);
  if (onTerminal(env)) {
    // On a terminal the wizard takes over: precheck, plan, execute on the live dashboard, cutover, finalize; a re-run
    // continues the sandbox's migration where it stands.
    say('\n== 3/3 the migration, in the wizard (Ctrl-C leaves it; run `npm run sandbox` again to come back)');
    const wizard = ['migrate', 'msk-kraft', 'wizard', '--config', config, '--journal-dir', 'sandbox/journal'];
    say(`$ kafka-backup ${wizard.join(' ')}`);
    const result = spawnSync(process.execPath, [BIN, ...wizard], { stdio: 'inherit', env, cwd: ROOT });
    say('\nThe test bed keeps running: npm run testbed -- down stops it.');
    return result.status ?? 1;
  }

  say('\n== 3/3 the migration, step by step');
  const steps: Array<[string, string[]]> = [
    ['precheck', ['migrate', 'msk-kraft', 'precheck', '--config', config]],
    ['plan', ['migrate', 'msk-kraft', 'plan', '--config', config, '--format', 'all', '--out-dir', 'sandbox/plan', '--force']],
    ['execute', ['migrate', 'msk-kraft', 'execute', '--config', config, '--journal-dir', 'sandbox/journal']],
  ];
  const earlier = latestMigrationId();
  if (earlier !== undefined) {
    // A second run would find the first migration's records on the target (precheck B13): show where it stands instead.
    say(`  this sandbox already ran migration ${earlier}; for a fresh start: npm run testbed -- down && rm -rf sandbox`);
    steps.length = 0;
  }
  for (const [title, args] of steps) {
    const code = step(title, args, env);
    if (code !== 0) {
      say(`\nThe sandbox stopped at ${title}. The test bed keeps running: npm run testbed -- status | down`);
      return code;
    }
  }
  const id = latestMigrationId();
  if (id !== undefined) {
    step('status', ['migrate', 'msk-kraft', 'status', '--config', config, '--migration-id', id, '--journal-dir', 'sandbox/journal'], env);
    say(`\nsandbox/plan/runbook.md lists the remaining steps for ${id}; to abandon it:`);
    say(`  node bin/kafka-backup.js migrate msk-kraft rollback --config ${config} --migration-id ${id} --journal-dir sandbox/journal`);
  }
  say('\nThe test bed keeps running: npm run testbed -- down stops it.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
