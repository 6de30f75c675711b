/**
 * Builds the signed evidence bundle from named JSON parts. Pure apart from the clock: nothing is written; see
 * upload.ts and local-files.ts for where the bundle goes.
 */
import { sign } from 'node:crypto';
import { MigrationError } from '../errors.js';
import {
  BUNDLE_FORMAT,
  MANIFEST_FORMAT,
  PART_NAME,
  SIGNATURE_ALGORITHM,
  type EvidenceBundle,
  type EvidenceManifest,
  type ManifestPart,
} from './bundle-format.js';
import { canonicalOf, sha256Hex, toJsonValue } from './canonical.js';
import { scanForSecrets } from './secrets-scan.js';
import type { EvidenceSigningKey } from './signing-key.js';

export interface BuildEvidenceOptions {
  readonly toolVersion: string;
  readonly migrationId: string;
  /** What identifies the two clusters (ARNs, bootstrap servers); never credentials. */
  readonly clusters: Record<string, unknown>;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** From `loadSigningKey(config.evidence.signingKeyPath)`. */
  readonly signingKey: EvidenceSigningKey;
  /** Values that must not appear anywhere in the bundle (the config's passwords, the webhook secret). */
  readonly secrets?: readonly string[];
  /** Defaults to the current time. */
  readonly createdAt?: string;
}

export interface BuiltEvidence {
  /** The bundle as written to storage: pretty-printed JSON with a trailing newline. */
  readonly bundle: string;
  readonly manifest: EvidenceManifest;
  readonly publicKeyPem: string;
  readonly publicKeyFingerprint: string;
  /** True when the key was generated for this bundle: print and keep `publicKeyPem` beside the bundle. */
  readonly generatedKey: boolean;
  readonly warnings: string[];
}

export function buildEvidenceBundle(parts: Record<string, unknown>, options: BuildEvidenceOptions): BuiltEvidence {
  const names = Object.keys(parts).sort();
  const bad = names.find((name) => !PART_NAME.test(name));
  if (bad !== undefined) {
    throw new MigrationError({
      code: 'INTERNAL',
      message: `Evidence part name ${JSON.stringify(bad)} is not allowed (letters, digits, '.', '_', '-'; at most 128)`,
    });
  }
  const secrets = options.secrets ?? [];
  const plainParts: Record<string, unknown> = {};
  const manifestParts: ManifestPart[] = [];
  for (const name of names) {
    const canonical = canonicalOf(parts[name], `part ${name}`);
    refuseSecrets(canonical, secrets, `part ${name}`);
    plainParts[name] = toJsonValue(parts[name], `part ${name}`);
    manifestParts.push({ name, sha256: sha256Hex(canonical), bytes: Buffer.byteLength(canonical, 'utf8') });
  }

  const key = options.signingKey;
  const manifest: EvidenceManifest = {
    format: MANIFEST_FORMAT,
    tool_version: options.toolVersion,
    migration_id: options.migrationId,
    clusters: toJsonValue(options.clusters, 'clusters') as Record<string, unknown>,
    started_at: options.startedAt,
    finished_at: options.finishedAt,
    created_at: options.createdAt ?? new Date().toISOString(),
    hash_algorithm: 'sha256',
    canonicalization: 'json-sorted-keys-no-whitespace',
    parts: manifestParts,
    public_key_fingerprint: key.fingerprint,
  };
  const manifestCanonical = canonicalOf(manifest, 'manifest');
  refuseSecrets(manifestCanonical, secrets, 'manifest');
  const signature = sign(null, Buffer.from(manifestCanonical, 'utf8'), key.privateKey).toString('base64');

  const bundle: EvidenceBundle = {
    format: BUNDLE_FORMAT,
    manifest,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      value: signature,
      public_key_pem: key.publicKeyPem,
      public_key_fingerprint: key.fingerprint,
    },
    parts: plainParts,
  };
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  // Second line of defence: the whole text, as written (pretty-printing must not reveal anything the parts did not).
  refuseSecrets(text, secrets, 'bundle');
  const warnings = key.generated
    ? [
        `No evidence.signing_key_path: signed with a key generated for this bundle (${key.fingerprint}). Keep public-key.pem ` +
          'beside the bundle and record its fingerprint somewhere you trust; without it a verifier can only check self-consistency.',
      ]
    : [];
  return {
    bundle: text,
    manifest,
    publicKeyPem: key.publicKeyPem,
    publicKeyFingerprint: key.fingerprint,
    generatedKey: key.generated,
    warnings,
  };
}

function refuseSecrets(text: string, secrets: readonly string[], where: string): void {
  const hits = scanForSecrets(text, secrets);
  if (hits.length === 0) return;
  throw new MigrationError({
    code: 'INTERNAL',
    message:
      `Refusing to produce the evidence bundle: ${where} contains ${hits.length === 1 ? 'a secret' : `${hits.length} secrets`} ` +
      `from the config (secret #${hits.map((hit) => hit.secretIndex + 1).join(', #')} of ${secrets.length}). Nothing was written.`,
    hint: 'A password or the webhook secret reached the evidence; this is a bug in whatever produced that part. Report it.',
  });
}
