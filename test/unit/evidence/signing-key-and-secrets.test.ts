import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMigrationError, type MigrationError } from '../../../engine/errors.js';
import {
  buildEvidenceBundle,
  generateSigningKey,
  loadSigningKey,
  scanForSecrets,
  verifyEvidenceBundle,
} from '../../../engine/evidence/index.js';
import { buildSample, ed25519Pem, sampleParts } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-evidence-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadError(file: string | undefined): Promise<MigrationError> {
  try {
    await loadSigningKey(file);
  } catch (error) {
    if (isMigrationError(error)) return error;
    throw error;
  }
  throw new Error('expected loadSigningKey to fail');
}

describe('the signing key', () => {
  it('is read from a PKCS#8 Ed25519 PEM file, and the bundle carries its public key', async () => {
    const { privatePem, publicPem } = ed25519Pem();
    const file = path.join(dir, 'good.pem');
    writeFileSync(file, privatePem);
    const key = await loadSigningKey(file);
    expect(key.generated).toBe(false);
    expect(key.source).toBe(file);
    expect(key.publicKeyPem).toBe(publicPem);
    expect(key.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const built = buildSample(key);
    expect(JSON.parse(built.bundle).signature.public_key_pem).toBe(publicPem);
    expect(verifyEvidenceBundle(built.bundle, { publicKeyPem: publicPem }).ok).toBe(true);
  });

  it('refuses an RSA or EC key, naming the path and the key type, never the key', async () => {
    for (const [type, options] of [
      ['rsa', { modulusLength: 2048 }],
      ['ec', { namedCurve: 'P-256' }],
    ] as const) {
      const { privateKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
      const pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const file = path.join(dir, `${type}.pem`);
      writeFileSync(file, pem);
      const error = await loadError(file);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe(`evidence.signing_key_path: ${file} holds a ${type} key; evidence is signed with Ed25519 only`);
      expect(error.hint).toContain('openssl genpkey -algorithm ed25519');
      const body = pem.split('\n')[1] as string;
      expect(`${error.message} ${error.hint}`).not.toContain(body.slice(0, 20));
    }
  });

  it('refuses a file that is not a PEM private key, and one that cannot be read, naming the path', async () => {
    const junk = path.join(dir, 'junk.pem');
    writeFileSync(junk, '-----BEGIN PRIVATE KEY-----\nnot really a key s3cr3t\n-----END PRIVATE KEY-----\n');
    const notPem = await loadError(junk);
    expect(notPem.message).toBe(`evidence.signing_key_path: ${junk} is not a readable PEM private key (an encrypted key is not supported)`);
    expect(notPem.message).not.toContain('s3cr3t');

    const missing = path.join(dir, 'missing.pem');
    expect((await loadError(missing)).message).toBe(`evidence.signing_key_path: cannot read ${missing} (ENOENT)`);

    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.pem');
      writeFileSync(locked, ed25519Pem().privatePem);
      chmodSync(locked, 0o000);
      expect((await loadError(locked)).message).toBe(`evidence.signing_key_path: cannot read ${locked} (EACCES)`);
    }
  });

  it('without a path, a key pair is generated: the public key is returned and a warning says to keep it', async () => {
    const key = await loadSigningKey(undefined);
    expect(key.generated).toBe(true);
    const built = buildSample(key);
    expect(built.generatedKey).toBe(true);
    expect(built.publicKeyPem).toBe(key.publicKeyPem);
    expect(built.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(built.warnings).toHaveLength(1);
    expect(built.warnings[0]).toContain(key.fingerprint);
    expect(built.warnings[0]).toContain('public-key.pem');
    expect(verifyEvidenceBundle(built.bundle, { publicKeyPem: built.publicKeyPem }).ok).toBe(true);
    expect(generateSigningKey().fingerprint).not.toBe(key.fingerprint);
  });
});

describe('no secret in the bundle', () => {
  const options = {
    toolVersion: '0.1.0',
    migrationId: 'mig-ev-1',
    clusters: {},
    startedAt: 's',
    finishedAt: 'f',
  };

  it('scanForSecrets finds raw and JSON-escaped secrets and says which, never what', () => {
    const text = JSON.stringify({ a: 'user=app password=hunter2-long', b: 'q"uote\\d' });
    expect(scanForSecrets(text, ['hunter2-long', 'absent-value', 'q"uote\\d', 'ab'])).toEqual([
      { secretIndex: 0, offset: text.indexOf('hunter2-long') },
      { secretIndex: 2, offset: text.indexOf('q\\"uote') },
    ]);
    expect(scanForSecrets(text, [])).toEqual([]);
  });

  it('buildEvidenceBundle refuses a part that holds a config secret, naming the part but not the secret', () => {
    const parts = { ...sampleParts(), 'precheck-report': { note: 'connected as app with password Sup3r-S3cret!' } };
    let caught: unknown;
    try {
      buildEvidenceBundle(parts, { ...options, signingKey: generateSigningKey(), secrets: ['webhook-key-123', 'Sup3r-S3cret!'] });
    } catch (error) {
      caught = error;
    }
    expect(isMigrationError(caught)).toBe(true);
    const error = caught as MigrationError;
    expect(error.message).toBe(
      'Refusing to produce the evidence bundle: part precheck-report contains a secret from the config (secret #2 of 2). Nothing was written.',
    );
    expect(error.message).not.toContain('Sup3r');
  });

  it('refuses a secret in the manifest (clusters) too, and builds when the secret is nowhere', () => {
    const key = generateSigningKey();
    expect(() =>
      buildEvidenceBundle(sampleParts(), { ...options, clusters: { source: { sasl: 'pw-in-clusters' } }, signingKey: key, secrets: ['pw-in-clusters'] }),
    ).toThrow(/manifest contains a secret/);
    const ok = buildEvidenceBundle(sampleParts(), { ...options, signingKey: key, secrets: ['pw-in-clusters', 'webhook-key-123'] });
    expect(scanForSecrets(ok.bundle, ['pw-in-clusters', 'webhook-key-123'])).toEqual([]);
  });
});
