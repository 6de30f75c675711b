import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signingKeyFromPem } from '../../../engine/evidence/index.js';
import { run } from '../../../source/run.js';
import { captureIO } from '../../support/capture-io.js';
import { buildSample, ed25519Pem, flipCharAt } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-evidence-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keys = ed25519Pem();
const built = buildSample(signingKeyFromPem(keys.privatePem, 'k.pem'));
writeFileSync(path.join(dir, 'evidence-bundle.json'), built.bundle);
writeFileSync(path.join(dir, 'public-key.pem'), keys.publicPem);
writeFileSync(path.join(dir, 'other-key.pem'), ed25519Pem().publicPem);
const tampered = JSON.parse(built.bundle) as { parts: { validation: { outcome: string } } };
tampered.parts.validation.outcome = 'PASSED!';
writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered, null, 2));
writeFileSync(path.join(dir, 'bad-signature.json'), flipCharAt(built.bundle, ['signature', 'value'], 20));

async function cli(...args: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await run(['migrate', 'msk-kraft', 'evidence', 'verify', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('kafka-backup migrate msk-kraft evidence verify', () => {
  it('passes a good bundle with the right key: one ok line per check, exit 0', async () => {
    const { code, out, err } = await cli('evidence-bundle.json', '--public-key', 'public-key.pem');
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('ok    bundle: kafka-backup.evidence-bundle/v1 for migration mig-ev-1');
    expect(lines).toContain(`ok    signature: manifest signature valid (Ed25519, key ${built.publicKeyFingerprint})`);
    expect(lines).toContain(`ok    key: embedded public key matches --public-key (${built.publicKeyFingerprint})`);
    expect(lines.filter((l) => l.startsWith('ok    part '))).toHaveLength(6);
    expect(lines.at(-1)).toBe('evidence verify: PASSED (10 checks)');
    expect(lines.some((l) => l.startsWith('FAIL'))).toBe(false);
  });

  it('without --public-key: passes, and says only self-consistency was checked', async () => {
    const { code, out } = await cli(path.join(dir, 'evidence-bundle.json'));
    expect(code).toBe(0);
    expect(out).toContain('ok    key: no --public-key given: only self-consistency was checked');
    expect(out).toContain('evidence verify: PASSED (10 checks; self-consistency only, no --public-key)');
  });

  it('a tampered part: FAIL line naming the part and both hashes, exit 1', async () => {
    const { code, out } = await cli('tampered.json', '--public-key', 'public-key.pem');
    expect(code).toBe(1);
    const listed = built.manifest.parts.find((p) => p.name === 'validation')!.sha256;
    expect(out).toMatch(new RegExp(`^FAIL  part validation: sha256 mismatch: manifest says ${listed} \\(\\d+ bytes\\), content hashes to [0-9a-f]{64} \\(\\d+ bytes\\)$`, 'm'));
    expect(out).toMatch(/^evidence verify: FAILED \(1 of 10 checks failed\)$/m);
  });

  it('a flipped signature byte and a wrong key each fail with their own line', async () => {
    const signature = await cli('bad-signature.json', '--public-key', 'public-key.pem');
    expect(signature.code).toBe(1);
    expect(signature.out).toMatch(/^FAIL  signature: manifest signature INVALID for key sha256:[0-9a-f]{64}: the manifest or the signature was changed after signing$/m);
    const wrongKey = await cli('evidence-bundle.json', '--public-key', 'other-key.pem');
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(new RegExp(`^FAIL  key: embedded public key ${built.publicKeyFingerprint} does not match --public-key sha256:[0-9a-f]{64}$`, 'm'));
  });

  it('--json prints the report', async () => {
    const { code, out } = await cli('tampered.json', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ ok: false, migrationId: 'mig-ev-1', keyCheck: 'self-consistency-only', keyFingerprint: built.publicKeyFingerprint });
    expect(report.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { check: string }) => c.check)).toEqual(['part:validation']);
  });

  it('an unreadable bundle or key file is an error naming the file; usage errors exit 2', async () => {
    const missing = await cli('nope.json');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`cannot read the evidence bundle ${path.join(dir, 'nope.json')} (ENOENT)`);
    const notAKey = await cli('evidence-bundle.json', '--public-key', 'tampered.json');
    expect(notAKey.code).toBe(1);
    expect(notAKey.err).toContain('--public-key is not a PEM public key');
    const noBundle = await cli();
    expect(noBundle.code).toBe(2);
    expect(noBundle.err).toContain('Missing argument <bundle>');
    const io = captureIO();
    expect(await run(['migrate', 'msk-kraft', 'evidence'], io)).toBe(2);
    expect(io.err()).toContain('Unknown subcommand: evidence (did you mean: evidence verify?)');
  });

  it('--help shows the usage with <bundle> and --public-key', async () => {
    const io = captureIO();
    expect(await run(['migrate', 'msk-kraft', 'evidence', 'verify', '--help'], io)).toBe(0);
    expect(io.out()).toContain('$ kafka-backup migrate msk-kraft evidence verify <bundle> [--public-key <PEM>]');
  });
});
