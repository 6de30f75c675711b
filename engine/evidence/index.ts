/** The signed evidence bundle: build, verify, store. See docs/evidence.md. */
export { buildEvidenceBundle, type BuildEvidenceOptions, type BuiltEvidence } from './build-bundle.js';
export { verifyEvidenceBundle, type EvidenceCheck, type EvidenceVerifyReport, type KeyCheck, type VerifyEvidenceOptions } from './verify-bundle.js';
export {
  generateSigningKey,
  loadSigningKey,
  parsePublicKeyPem,
  publicKeyFingerprint,
  signingKeyFromPem,
  type EvidenceSigningKey,
} from './signing-key.js';
export { scanForSecrets, MIN_SECRET_LENGTH, type SecretHit } from './secrets-scan.js';
export {
  uploadEvidence,
  evidenceLock,
  putEvidenceObject,
  createEvidenceS3Client,
  evidenceKeys,
  EVIDENCE_BUNDLE_FILE,
  EVIDENCE_PUBLIC_KEY_FILE,
  type EvidenceLock,
  type EvidenceToStore,
  type UploadEvidenceOptions,
  type UploadedEvidence,
} from './upload.js';
export { writeEvidenceLocally, type LocalEvidence } from './local-files.js';
export {
  BUNDLE_FORMAT,
  MANIFEST_FORMAT,
  SIGNATURE_ALGORITHM,
  type EvidenceBundle,
  type EvidenceManifest,
  type EvidenceSignature,
  type ManifestPart,
} from './bundle-format.js';
export { canonicalOf, sha256Hex } from './canonical.js';
