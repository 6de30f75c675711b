/**
 * Verifies an evidence bundle offline: the manifest's Ed25519 signature, the key that made it (against the operator's
 * own copy of the public key when given), and every part's hash and length; missing and extra parts. Returns a report
 * of checks (one per line in `evidence verify`); never throws for a bad bundle, only for an unusable public key.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { BUNDLE_FORMAT, MANIFEST_FORMAT, SIGNATURE_ALGORITHM } from './bundle-format.js';
import { canonicalOf, sha256Hex } from './canonical.js';
import { parsePublicKeyPem, publicKeyFingerprint } from './signing-key.js';

export interface EvidenceCheck {
  /** `bundle`, `signature`, `key`, `parts` or `part:<name>`. */
  readonly check: string;
  readonly ok: boolean;
  /** One line, starting with what was checked; exact about what does not match. */
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

export type KeyCheck = 'matches-given-key' | 'does-not-match-given-key' | 'self-consistency-only' | 'not-checked';

export interface EvidenceVerifyReport {
  readonly ok: boolean;
  readonly migrationId: string | null;
  readonly keyFingerprint: string | null;
  readonly keyCheck: KeyCheck;
  readonly checks: EvidenceCheck[];
}

export interface VerifyEvidenceOptions {
  /** The operator's trusted copy of the public key (PEM); without it only self-consistency is checked. */
  readonly publicKeyPem?: string | undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function verifyEvidenceBundle(bundleText: string, options: VerifyEvidenceOptions = {}): EvidenceVerifyReport {
  const givenKey = options.publicKeyPem === undefined ? undefined : parsePublicKeyPem(options.publicKeyPem, '--public-key');
  const checks: EvidenceCheck[] = [];
  const done = (migrationId: string | null, keyFingerprint: string | null, keyCheck: KeyCheck): EvidenceVerifyReport => ({
    ok: checks.length > 0 && checks.every((c) => c.ok),
    migrationId,
    keyFingerprint,
    keyCheck,
    checks,
  });

  let bundle: unknown;
  try {
    bundle = JSON.parse(bundleText);
  } catch (error) {
    checks.push({ check: 'bundle', ok: false, message: `bundle: not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return done(null, null, 'not-checked');
  }
  const problems = structureProblems(bundle);
  if (problems.length > 0) {
    checks.push({ check: 'bundle', ok: false, message: `bundle: not an evidence bundle: ${problems.join('; ')}` });
    return done(null, null, 'not-checked');
  }
  const { manifest, signature, parts } = bundle as { manifest: Json; signature: Json; parts: Json };
  const migrationId = typeof manifest['migration_id'] === 'string' ? manifest['migration_id'] : null;
  checks.push({ check: 'bundle', ok: true, message: `bundle: ${BUNDLE_FORMAT} for migration ${migrationId ?? '(none)'}` });

  // The embedded key, and the fingerprints that name it.
  let embedded: KeyObject | undefined;
  let embeddedFingerprint: string | null = null;
  try {
    embedded = createPublicKey({ key: String(signature['public_key_pem']), format: 'pem' });
    if (embedded.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    embeddedFingerprint = publicKeyFingerprint(embedded);
  } catch {
    embedded = undefined;
  }

  // Signature over the canonical manifest.
  if (embedded === undefined) {
    checks.push({ check: 'signature', ok: false, message: 'signature: the embedded public key (signature.public_key_pem) is not an Ed25519 PEM public key' });
  } else {
    const value = String(signature['value']);
    const raw = BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
    let valid = false;
    if (raw !== undefined && raw.length === 64) {
      try {
        valid = verify(null, Buffer.from(canonicalOf(manifest, 'manifest'), 'utf8'), embedded, raw);
      } catch {
        valid = false;
      }
    }
    checks.push(
      valid
        ? { check: 'signature', ok: true, message: `signature: manifest signature valid (Ed25519, key ${embeddedFingerprint})` }
        : {
            check: 'signature',
            ok: false,
            message:
              raw === undefined || raw.length !== 64
                ? `signature: not a 64-byte base64 Ed25519 signature (${raw === undefined ? 'not base64' : `${raw.length} bytes`})`
                : `signature: manifest signature INVALID for key ${embeddedFingerprint}: the manifest or the signature was changed after signing`,
          },
    );
  }

  // Key: the fingerprints inside the bundle agree with the embedded key, and (when given) with the operator's key.
  let keyCheck: KeyCheck = 'not-checked';
  if (embeddedFingerprint !== null) {
    const named = [
      ['manifest.public_key_fingerprint', manifest['public_key_fingerprint']],
      ['signature.public_key_fingerprint', signature['public_key_fingerprint']],
    ] as const;
    const disagreeing = named.filter(([, value]) => value !== embeddedFingerprint);
    for (const [field, value] of disagreeing) {
      checks.push({
        check: 'key',
        ok: false,
        message: `key: ${field} is ${String(value)} but the embedded public key is ${embeddedFingerprint}`,
        expected: String(value),
        actual: embeddedFingerprint,
      });
    }
    if (givenKey !== undefined) {
      const givenFingerprint = publicKeyFingerprint(givenKey);
      keyCheck = givenFingerprint === embeddedFingerprint ? 'matches-given-key' : 'does-not-match-given-key';
      checks.push(
        keyCheck === 'matches-given-key'
          ? { check: 'key', ok: true, message: `key: embedded public key matches --public-key (${givenFingerprint})` }
          : {
              check: 'key',
              ok: false,
              message: `key: embedded public key ${embeddedFingerprint} does not match --public-key ${givenFingerprint}`,
              expected: givenFingerprint,
              actual: embeddedFingerprint,
            },
      );
    } else if (disagreeing.length === 0) {
      keyCheck = 'self-consistency-only';
      checks.push({
        check: 'key',
        ok: true,
        message:
          `key: no --public-key given: only self-consistency was checked (signed by the key the bundle carries, ${embeddedFingerprint}; ` +
          'pass your trusted copy with --public-key to prove who signed it)',
      });
    }
  }

  // Parts: each listed part present with the listed hash and length; nothing unlisted.
  const listed = manifest['parts'] as Array<{ name: string; sha256: string; bytes: number }>;
  const listedNames = new Set<string>();
  const missing: string[] = [];
  for (const entry of listed) {
    if (listedNames.has(entry.name)) {
      checks.push({ check: `part:${entry.name}`, ok: false, message: `part ${entry.name}: listed more than once in the manifest` });
      continue;
    }
    listedNames.add(entry.name);
    if (!Object.hasOwn(parts, entry.name)) {
      missing.push(entry.name);
      continue;
    }
    const canonical = canonicalOf(parts[entry.name], `part ${entry.name}`);
    const actual = sha256Hex(canonical);
    const bytes = Buffer.byteLength(canonical, 'utf8');
    if (actual !== entry.sha256) {
      checks.push({
        check: `part:${entry.name}`,
        ok: false,
        message: `part ${entry.name}: sha256 mismatch: manifest says ${entry.sha256} (${entry.bytes} bytes), content hashes to ${actual} (${bytes} bytes)`,
        expected: entry.sha256,
        actual,
      });
    } else if (bytes !== entry.bytes) {
      checks.push({
        check: `part:${entry.name}`,
        ok: false,
        message: `part ${entry.name}: length mismatch: manifest says ${entry.bytes} bytes, content is ${bytes} bytes`,
        expected: String(entry.bytes),
        actual: String(bytes),
      });
    } else {
      checks.push({ check: `part:${entry.name}`, ok: true, message: `part ${entry.name}: sha256 ${actual} (${bytes} bytes) matches the manifest` });
    }
  }
  const extra = Object.keys(parts).filter((name) => !listedNames.has(name)).sort();
  if (missing.length > 0) {
    checks.push({ check: 'parts', ok: false, message: `parts: listed in the manifest but missing from the bundle: ${missing.join(', ')}` });
  }
  if (extra.length > 0) {
    checks.push({ check: 'parts', ok: false, message: `parts: in the bundle but not in the manifest: ${extra.join(', ')}` });
  }
  if (missing.length === 0 && extra.length === 0) {
    checks.push({ check: 'parts', ok: true, message: `parts: all ${listedNames.size} listed parts present, none unlisted` });
  }
  return done(migrationId, embeddedFingerprint, keyCheck);
}

function structureProblems(bundle: unknown): string[] {
  if (!isObject(bundle)) return ['the top level is not a JSON object'];
  const problems: string[] = [];
  if (bundle['format'] !== BUNDLE_FORMAT) problems.push(`format is ${JSON.stringify(bundle['format'])}, expected "${BUNDLE_FORMAT}"`);
  const manifest = bundle['manifest'];
  if (!isObject(manifest)) problems.push('no manifest object');
  else {
    if (manifest['format'] !== MANIFEST_FORMAT) problems.push(`manifest.format is ${JSON.stringify(manifest['format'])}, expected "${MANIFEST_FORMAT}"`);
    const parts = manifest['parts'];
    if (!Array.isArray(parts)) problems.push('manifest.parts is not a list');
    else if (
      !parts.every(
        (p) => isObject(p) && typeof p['name'] === 'string' && typeof p['sha256'] === 'string' && typeof p['bytes'] === 'number',
      )
    ) {
      problems.push('manifest.parts has an entry without name, sha256 and bytes');
    }
  }
  const signature = bundle['signature'];
  if (!isObject(signature)) problems.push('no signature object');
  else {
    if (signature['algorithm'] !== SIGNATURE_ALGORITHM) problems.push(`signature.algorithm is ${JSON.stringify(signature['algorithm'])}, expected "${SIGNATURE_ALGORITHM}"`);
    if (typeof signature['value'] !== 'string') problems.push('signature.value is not a string');
    if (typeof signature['public_key_pem'] !== 'string') problems.push('signature.public_key_pem is not a string');
  }
  if (!isObject(bundle['parts'])) problems.push('no parts object');
  return problems;
}
