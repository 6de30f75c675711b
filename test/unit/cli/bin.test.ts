import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/kafka-backup.js', import.meta.url));

async function runBin(args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, CI: 'true' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the installed kafka-backup bin', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await runBin(['migrate', 'msk-kraft', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('kafka-backup migrate msk-kraft <SUBCOMMAND>');
  });

  it('exits 2 on a usage error', async () => {
    const { code, stderr } = await runBin(['migrate', 'msk-kraft', 'plan', '--nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown flag --nope');
  });

  it('prints the package version', async () => {
    const { code, stdout } = await runBin(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
