/**
 * The evidence bundle's JSON layout (docs/evidence.md describes it field by field).
 *
 *   { format, manifest: { ...who/when, parts: [{name, sha256, bytes}], public_key_fingerprint },
 *     signature: { algorithm: 'ed25519', value (base64), public_key_pem, public_key_fingerprint },
 *     parts: { <name>: <any JSON> } }
 *
 * The signature covers the canonical JSON of `manifest`; each manifest entry covers the canonical JSON of one part.
 */
export const BUNDLE_FORMAT = 'kafka-backup.evidence-bundle/v1';
export const MANIFEST_FORMAT = 'kafka-backup.evidence-manifest/v1';
export const SIGNATURE_ALGORITHM = 'ed25519';

export interface ManifestPart {
  readonly name: string;
  /** Hex SHA-256 of the part's canonical JSON (UTF-8). */
  readonly sha256: string;
  /** Byte length of that canonical JSON. */
  readonly bytes: number;
}

export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly tool_version: string;
  readonly migration_id: string;
  readonly clusters: Record<string, unknown>;
  readonly started_at: string;
  readonly finished_at: string;
  readonly created_at: string;
  readonly hash_algorithm: 'sha256';
  readonly canonicalization: 'json-sorted-keys-no-whitespace';
  /** Sorted by name. */
  readonly parts: ManifestPart[];
  /** `sha256:<hex>` of the signing public key's SPKI DER: the manifest names the key that must have signed it. */
  readonly public_key_fingerprint: string;
}

export interface EvidenceSignature {
  readonly algorithm: typeof SIGNATURE_ALGORITHM;
  /** Base64 Ed25519 signature over the canonical JSON of the manifest. */
  readonly value: string;
  readonly public_key_pem: string;
  readonly public_key_fingerprint: string;
}

export interface EvidenceBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly manifest: EvidenceManifest;
  readonly signature: EvidenceSignature;
  readonly parts: Record<string, unknown>;
}

/** Part names: what a file name could be (letters, digits, `.`, `_`, `-`), at most 128 characters. */
export const PART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
