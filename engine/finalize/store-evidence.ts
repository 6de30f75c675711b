/**
 * Builds, signs and stores the evidence bundle of a validated migration: uploaded to the evidence bucket (with S3
 * Object Lock retention when evidence.retention is set), and written beside a local journal.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MigrationConfig } from '../config/types.js';
import { collectSecretValues } from '../config/secrets.js';
import { buildEvidenceBundle, sha256Hex, uploadEvidence, writeEvidenceLocally, type EvidenceSigningKey } from '../evidence/index.js';
import { localMigrationDir, type Journal } from '../journal/index.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import { evidenceClusters, evidenceParts } from './evidence-parts.js';
import type { FinalizeListener } from './events.js';
import type { ValidationReport } from './types.js';

export interface StoredEvidence {
  readonly bundleUri: string;
  readonly publicKeyUri: string;
  readonly bundleSha256: string;
  readonly publicKeyFingerprint: string;
  /** The signing key was generated for this bundle (no evidence.signing_key_path): its public key is beside it. */
  readonly generatedKey: boolean;
  readonly publicKeyPem: string;
  readonly retention: { readonly mode: string; readonly retainUntil: string } | null;
  readonly localBundle: string | null;
  readonly localPublicKey: string | null;
  readonly warnings: string[];
}

export interface StoreEvidenceOptions {
  readonly config: MigrationConfig;
  readonly journal: Journal;
  readonly signingKey: EvidenceSigningKey;
  readonly toolVersion: string;
  readonly s3: S3Client;
  readonly journalDir: string | undefined;
  readonly onEvent?: FinalizeListener | undefined;
}

export async function storeEvidence(report: ValidationReport, options: StoreEvidenceOptions): Promise<StoredEvidence> {
  const { journal, config } = options;
  const built = buildEvidenceBundle(evidenceParts(journal, report), {
    toolVersion: options.toolVersion,
    migrationId: journal.migrationId,
    clusters: evidenceClusters(journal.created().plan as unknown as MigrationPlan),
    startedAt: journal.created().at,
    finishedAt: report.finishedAt,
    signingKey: options.signingKey,
    secrets: collectSecretValues(config),
  });
  options.onEvent?.({ type: 'finalize.evidence', stage: 'built', where: `${built.manifest.parts.length} parts, key ${built.publicKeyFingerprint}` });
  const uploaded = await uploadEvidence(built, { config, migrationId: journal.migrationId, s3: options.s3 });
  const bundleUri = `s3://${uploaded.bucket}/${uploaded.bundleKey}`;
  options.onEvent?.({ type: 'finalize.evidence', stage: 'uploaded', where: bundleUri });
  const local = options.journalDir === undefined ? undefined : await writeEvidenceLocally(built, localMigrationDir(options.journalDir, journal.migrationId));
  if (local !== undefined) options.onEvent?.({ type: 'finalize.evidence', stage: 'written', where: local.bundlePath });
  return {
    bundleUri,
    publicKeyUri: `s3://${uploaded.bucket}/${uploaded.publicKeyKey}`,
    bundleSha256: sha256Hex(built.bundle),
    publicKeyFingerprint: built.publicKeyFingerprint,
    generatedKey: built.generatedKey,
    publicKeyPem: built.publicKeyPem,
    retention: uploaded.retention ?? null,
    localBundle: local?.bundlePath ?? null,
    localPublicKey: local?.publicKeyPath ?? null,
    warnings: built.warnings,
  };
}
