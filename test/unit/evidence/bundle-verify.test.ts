import { describe, expect, it } from 'vitest';
import {
  buildEvidenceBundle,
  generateSigningKey,
  verifyEvidenceBundle,
  type EvidenceVerifyReport,
} from '../../../engine/evidence/index.js';
import { canonicalJson } from '../../../engine/config/index.js';
import { createHash } from 'node:crypto';
import { buildSample, ed25519Pem, flipCharAt, replaceOnce, sampleParts } from './helpers.js';
import { signingKeyFromPem } from '../../../engine/evidence/index.js';

function failed(report: EvidenceVerifyReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => c.message);
}

describe('a built bundle', () => {
  it('verifies: signature, every part, no missing or extra parts, and says only self-consistency was checked', () => {
    const built = buildSample();
    const report = verifyEvidenceBundle(built.bundle);
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.migrationId).toBe('mig-ev-1');
    expect(report.keyCheck).toBe('self-consistency-only');
    const messages = report.checks.map((c) => c.message);
    expect(messages).toContain(`signature: manifest signature valid (Ed25519, key ${built.publicKeyFingerprint})`);
    expect(messages.some((m) => m.startsWith('key: no --public-key given: only self-consistency was checked'))).toBe(true);
    for (const name of Object.keys(sampleParts())) expect(messages.some((m) => m.startsWith(`part ${name}: sha256 `))).toBe(true);
    expect(messages).toContain('parts: all 6 listed parts present, none unlisted');
  });

  it('lists each part with the SHA-256 and byte length of its canonical JSON (sorted keys, no whitespace)', () => {
    const parts = { b: { z: 1, a: [1, { y: 2, x: 'é' }] }, a: 'text' };
    const built = buildEvidenceBundle(parts, {
      toolVersion: '0.1.0', migrationId: 'm', clusters: {}, startedAt: 's', finishedAt: 'f', signingKey: generateSigningKey(),
    });
    const canonical = '{"a":[1,{"x":"é","y":2}],"z":1}';
    expect(canonicalJson(parts.b)).toBe(canonical);
    expect(built.manifest.parts).toEqual([
      { name: 'a', sha256: createHash('sha256').update('"text"').digest('hex'), bytes: 6 },
      { name: 'b', sha256: createHash('sha256').update(canonical).digest('hex'), bytes: Buffer.byteLength(canonical) },
    ]);
  });

  it('verifies against the right --public-key, and names both fingerprints for the wrong one', () => {
    const { privatePem, publicPem } = ed25519Pem();
    const built = buildSample(signingKeyFromPem(privatePem, '/keys/evidence.pem'));
    expect(built.generatedKey).toBe(false);
    expect(built.warnings).toEqual([]);
    const good = verifyEvidenceBundle(built.bundle, { publicKeyPem: publicPem });
    expect(good.ok).toBe(true);
    expect(good.keyCheck).toBe('matches-given-key');
    expect(good.checks.map((c) => c.message)).toContain(`key: embedded public key matches --public-key (${built.publicKeyFingerprint})`);

    const other = ed25519Pem();
    const bad = verifyEvidenceBundle(built.bundle, { publicKeyPem: other.publicPem });
    expect(bad.ok).toBe(false);
    expect(bad.keyCheck).toBe('does-not-match-given-key');
    expect(failed(bad)).toEqual([
      expect.stringMatching(new RegExp(`^key: embedded public key ${built.publicKeyFingerprint} does not match --public-key sha256:[0-9a-f]{64}$`)),
    ]);
  });

  it('re-signed by someone else with their own key: self-consistent, but --public-key catches it', () => {
    const { privatePem, publicPem } = ed25519Pem();
    const original = buildSample(signingKeyFromPem(privatePem, 'k.pem'));
    const parts = (JSON.parse(original.bundle) as { parts: Record<string, unknown> }).parts;
    (parts['validation'] as { outcome: string }).outcome = 'PASSED (edited)';
    const forged = buildSample(generateSigningKey(), parts);
    expect(verifyEvidenceBundle(forged.bundle).ok).toBe(true);
    expect(verifyEvidenceBundle(forged.bundle, { publicKeyPem: publicPem }).ok).toBe(false);
  });
});

describe('tampering is caught with the right message', () => {
  const built = buildSample();
  const doc = JSON.parse(built.bundle) as { manifest: { parts: Array<{ name: string; sha256: string }> } };

  it.each(Object.keys(sampleParts()))('one character changed in part %s: that part mismatches, with both hashes', (name) => {
    const text = built.bundle;
    const part = JSON.stringify((JSON.parse(text) as { parts: Record<string, unknown> }).parts[name]);
    // Change one digit or letter inside the part's JSON, keeping the JSON valid.
    const edited = JSON.parse(text) as { parts: Record<string, unknown> };
    const changed = part.replace(/[0-9]/, (d) => String((Number(d) + 1) % 10));
    edited.parts[name] = JSON.parse(changed === part ? part.replace(/[a-z]/, (c) => (c === 'z' ? 'y' : 'z')) : changed);
    const report = verifyEvidenceBundle(JSON.stringify(edited, null, 2));
    const listed = doc.manifest.parts.find((p) => p.name === name)!.sha256;
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual([
      expect.stringMatching(new RegExp(`^part ${name.replace('.', '\\.')}: sha256 mismatch: manifest says ${listed} \\(\\d+ bytes\\), content hashes to [0-9a-f]{64} \\(\\d+ bytes\\)$`)),
    ]);
  });

  it('a byte flipped in the manifest (migration id): signature invalid, parts still fine', () => {
    const report = verifyEvidenceBundle(flipCharAt(built.bundle, ['manifest', 'migration_id']));
    expect(failed(report)).toEqual([
      `signature: manifest signature INVALID for key ${built.publicKeyFingerprint}: the manifest or the signature was changed after signing`,
    ]);
  });

  it("a byte flipped in a manifest part hash: that part mismatches and the signature is invalid", () => {
    const report = verifyEvidenceBundle(flipCharAt(built.bundle, ['manifest', 'parts', '0', 'sha256'], 5));
    const messages = failed(report);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^signature: manifest signature INVALID/);
    expect(messages[1]).toMatch(new RegExp(`^part ${doc.manifest.parts[0]!.name}: sha256 mismatch`));
  });

  it('a byte flipped in the signature: signature invalid', () => {
    const report = verifyEvidenceBundle(flipCharAt(built.bundle, ['signature', 'value'], 10));
    expect(failed(report)).toEqual([expect.stringMatching(/^signature: manifest signature INVALID for key sha256:/)]);
  });

  it('a signature that is not base64 of 64 bytes says so', () => {
    const report = verifyEvidenceBundle(flipCharAt(built.bundle, ['signature', 'value'], 3).replace(/"value": "[^"]+"/, '"value": "abc$"'));
    expect(failed(report)).toEqual(['signature: not a 64-byte base64 Ed25519 signature (not base64)']);
  });

  it('the embedded public key swapped for another: fingerprints disagree and the signature is invalid', () => {
    const other = ed25519Pem().publicPem;
    const edited = JSON.parse(built.bundle) as { signature: { public_key_pem: string } };
    edited.signature.public_key_pem = other;
    const messages = failed(verifyEvidenceBundle(JSON.stringify(edited)));
    expect(messages[0]).toMatch(/^signature: manifest signature INVALID/);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^key: manifest.public_key_fingerprint is ${built.publicKeyFingerprint} but the embedded public key is sha256:`)),
      ]),
    );
  });

  it('a part removed, and a part added: named as missing and as not in the manifest', () => {
    const edited = JSON.parse(built.bundle) as { parts: Record<string, unknown> };
    delete edited.parts['plan'];
    edited.parts['extra-notes'] = { hello: 1 };
    const messages = failed(verifyEvidenceBundle(JSON.stringify(edited)));
    expect(messages).toEqual([
      'parts: listed in the manifest but missing from the bundle: plan',
      'parts: in the bundle but not in the manifest: extra-notes',
    ]);
  });

  it('not JSON, or not a bundle, fails with what it is', () => {
    expect(failed(verifyEvidenceBundle(built.bundle.slice(0, 100)))[0]).toMatch(/^bundle: not valid JSON/);
    expect(failed(verifyEvidenceBundle('{"format":"other"}'))[0]).toBe(
      'bundle: not an evidence bundle: format is "other", expected "kafka-backup.evidence-bundle/v1"; no manifest object; no signature object; no parts object',
    );
  });

  it('whitespace and key order in the file do not matter (hashes are over canonical JSON)', () => {
    expect(verifyEvidenceBundle(JSON.stringify(JSON.parse(built.bundle))).ok).toBe(true);
    expect(verifyEvidenceBundle(replaceOnce(built.bundle, '"format": "kafka-backup.evidence-bundle/v1",', '"format":"kafka-backup.evidence-bundle/v1" ,')).ok).toBe(true);
  });
});
