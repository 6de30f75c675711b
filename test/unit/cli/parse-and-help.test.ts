import { describe, expect, it } from 'vitest';
import { run } from '../../../source/run.js';
import { SUBCOMMANDS } from '../../../source/cli-spec.js';
import { captureIO } from '../../support/capture-io.js';

const GROUP = ['migrate', 'msk-kraft'];

async function cli(args: string[], options: Parameters<typeof captureIO>[0] = {}) {
  const io = captureIO(options);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('help on every level', () => {
  it.each([[['--help']], [['migrate', '--help']], [[...GROUP, '--help']], [[...GROUP, '-h']]])(
    '%j prints usage on stdout and exits 0',
    async (args) => {
      const { code, out, err } = await cli(args);
      expect(code).toBe(0);
      expect(out).toContain('Usage');
      expect(err).toBe('');
    },
  );

  it('the group help lists every subcommand of the reference', async () => {
    const { out } = await cli([...GROUP, '--help']);
    for (const name of ['plan', 'precheck', 'execute', 'resume', 'status', 'cutover', 'cutover-ack', 'rollback', 'finalize']) {
      expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(SUBCOMMANDS.map((s) => [s.name]))('%s --help lists its documented flags and the global ones', async (name) => {
    const spec = SUBCOMMANDS.find((s) => s.name === name)!;
    const { code, out } = await cli([...GROUP, name, '--help']);
    expect(code).toBe(0);
    for (const flag of spec.flags) expect(out).toContain(`--${flag.name}`);
    for (const flag of ['--non-interactive', '--json', '--help']) expect(out).toContain(flag);
    expect(out).toContain('Exit codes');
  });

  it('plan help shows the format enum, its default, and that --config is required', async () => {
    const { out } = await cli([...GROUP, 'plan', '--help']);
    expect(out).toContain('json, runbook, aws-cli, iam-policy, cost, all');
    expect(out).toMatch(/--format <FORMAT>.*default: json/);
    expect(out).toMatch(/--config <PATH>.*required/);
  });

  it('resume help documents exit code 10 for operator action', async () => {
    const { out } = await cli([...GROUP, 'resume', '--help']);
    expect(out).toMatch(/^ {2}10 +Migration is waiting on operator action/m);
  });
});

describe('usage errors print what is wrong and the usage, and exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown flag', [...GROUP, 'plan', '--config', 'm.yaml', '--bogus'], /Unknown flag --bogus for `plan`/],
    ['flag of another subcommand', [...GROUP, 'precheck', '--config', 'm.yaml', '--force'], /Unknown flag --force for `precheck`/],
    ['missing --config', [...GROUP, 'plan'], /Missing required flag: --config/],
    ['missing --migration-id on resume', [...GROUP, 'resume', '--config', 'm.yaml'], /Missing required flag: --migration-id/],
    ['missing both', [...GROUP, 'status'], /Missing required flags: --config, --migration-id/],
    ['bad enum', [...GROUP, 'plan', '--config', 'm.yaml', '--format', 'xml'], /Invalid value for --format: "xml" \(expected one of: json, runbook/],
    ['format all without out-dir', [...GROUP, 'plan', '--config', 'm.yaml', '--format', 'all'], /--out-dir is required with --format all/],
    ['flag without value', [...GROUP, 'plan', '--config'], /Flag --config needs a value <PATH>/],
    ['bad migration id', [...GROUP, 'status', '--config', 'm.yaml', '--migration-id', '../etc'], /Invalid value for --migration-id: "\.\.\/etc"/],
    ['unknown subcommand', [...GROUP, 'explode'], /Unknown subcommand: explode/],
    ['unknown kind', ['migrate', 'msk-zk'], /Unknown migration kind: msk-zk/],
    ['stray positional', [...GROUP, 'plan', '--config', 'm.yaml', 'extra'], /Unexpected argument: extra/],
    ['repeated flag', [...GROUP, 'plan', '--config', 'a.yaml', '--config', 'b.yaml'], /--config was given more than once/],
  ];
  it.each(cases)('%s', async (_label, args, message) => {
    const { code, out, err } = await cli(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('Usage');
    expect(out).toBe('');
  });

  it('no subcommand without a terminal is a usage error, not a hang waiting for a wizard', async () => {
    const { code, err } = await cli(GROUP, { tty: false });
    expect(code).toBe(2);
    expect(err).toContain('Missing subcommand');
  });
});

describe('accepted command lines', () => {
  it('accepts --flag=value, defaults the format to json, and passes --json/--non-interactive through', async () => {
    const { parseArgs } = await import('../../../source/parse-args.js');
    const parsed = parseArgs([...GROUP, 'plan', '--config=m.yaml', '--json', '--non-interactive']);
    expect(parsed.kind).toBe('command');
    if (parsed.kind !== 'command') return;
    expect(parsed.flags).toMatchObject({ config: 'm.yaml', format: 'json', force: false });
    expect(parsed.global).toEqual({ nonInteractive: true, json: true });
  });

  it('execute takes --force-restart and --journal-dir; --migration-id is optional there', async () => {
    const { parseArgs } = await import('../../../source/parse-args.js');
    const parsed = parseArgs([...GROUP, 'execute', '--config', 'm.yaml', '--journal-dir', './j', '--force-restart']);
    expect(parsed.kind).toBe('command');
    if (parsed.kind !== 'command') return;
    expect(parsed.flags).toMatchObject({ config: 'm.yaml', 'journal-dir': './j', 'force-restart': true });
    expect(parsed.flags['migration-id']).toBeUndefined();
  });
});
