/**
 * The Ed25519 key that signs an evidence manifest: a PKCS#8 PEM file named by `evidence.signing_key_path`, or, without
 * one, a key pair generated for this bundle (its public key must then be kept beside the bundle, and the bundle only
 * proves self-consistency unless that public key is recorded somewhere the operator trusts). Errors name the path,
 * never the key's content.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MigrationError } from '../errors.js';

export interface EvidenceSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** `sha256:<hex>` of the public key's SPKI DER. */
  readonly fingerprint: string;
  /** True when the key pair was generated for this run (no `evidence.signing_key_path`). */
  readonly generated: boolean;
  /** The PEM file's path, or `generated`. */
  readonly source: string;
}

const HINT = 'Create one with: openssl genpkey -algorithm ed25519 -out evidence-signing-key.pem (PKCS#8 PEM, not encrypted)';

/** `sha256:<hex>` over the SPKI DER of a public key. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

export function publicKeyPemOf(publicKey: KeyObject): string {
  return String(publicKey.export({ type: 'spki', format: 'pem' }));
}

function fromPrivateKey(privateKey: KeyObject, generated: boolean, source: string): EvidenceSigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKeyPemOf(publicKey), fingerprint: publicKeyFingerprint(publicKey), generated, source };
}

/** A fresh Ed25519 key pair for one bundle. */
export function generateSigningKey(): EvidenceSigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return fromPrivateKey(privateKey, true, 'generated');
}

/** Parses a PKCS#8 PEM Ed25519 private key; `path` only names it in errors. */
export function signingKeyFromPem(pem: string, path: string): EvidenceSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new MigrationError({
      code: 'CONFIG_INVALID',
      message: `evidence.signing_key_path: ${path} is not a readable PEM private key (an encrypted key is not supported)`,
      hint: HINT,
    });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new MigrationError({
      code: 'CONFIG_INVALID',
      message: `evidence.signing_key_path: ${path} holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key; evidence is signed with Ed25519 only`,
      hint: HINT,
    });
  }
  return fromPrivateKey(privateKey, false, path);
}

/** The key at `path`, or a generated one when `path` is undefined. */
export async function loadSigningKey(path: string | undefined): Promise<EvidenceSigningKey> {
  if (path === undefined) return generateSigningKey();
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new MigrationError({
      code: 'CONFIG_INVALID',
      message: `evidence.signing_key_path: cannot read ${path} (${code})`,
      hint: HINT,
    });
  }
  return signingKeyFromPem(pem, path);
}

/** Parses a public key PEM (SPKI) for verification; `what` names it in errors. */
export function parsePublicKeyPem(pem: string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new MigrationError({ code: 'USAGE', message: `${what} is not a PEM public key` });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new MigrationError({ code: 'USAGE', message: `${what} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519` });
  }
  return key;
}
