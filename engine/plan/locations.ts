/**
 * Where a migration keeps its things. This layout is the contract between plan, precheck, execute and finalize:
 *   s3://<backup bucket>/<backup prefix>/<migration id>/journal/     (unless --journal-dir)
 *   s3://<backup bucket>/<backup prefix>/<migration id>/segments/
 *   s3://<evidence bucket>/<evidence prefix>/<migration id>/
 *   s3://<bucket>/<prefix>/.precheck/                               (precheck's probe objects, both buckets)
 */
import type { PlanLocations } from './plan-types.js';

/**
 * Precheck writes and deletes its probe objects under `<prefix>/.precheck/` (it runs before there is a migration id);
 * engine/precheck/probes.ts `probeObjectKey` uses the same folder.
 */
export const PRECHECK_PROBE_DIR = '.precheck';

/**
 * The S3 journal's files (engine/journal/store.ts): entries `journal/00000001.json`, ..., and the writer's lease
 * `lease.json`, both under `<prefix>/<migration id>/`. Listing the migrations under a prefix reads each folder's first
 * entry.
 */
export const JOURNAL_FIRST_ENTRY = 'journal/00000001.json';
export const JOURNAL_LEASE_FILE = 'lease.json';

/** `a/b` + `c` → `a/b/c`; an empty prefix adds nothing. */
export function joinKey(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}

export function s3Uri(bucket: string, key: string): string {
  return key === '' ? `s3://${bucket}/` : `s3://${bucket}/${key}`;
}

export interface LocationInputs {
  readonly backupBucket: string;
  readonly backupPrefix: string;
  readonly evidenceBucket: string;
  readonly evidencePrefix: string;
  readonly migrationId: string;
  readonly journalDir?: string | undefined;
}

export function migrationLocations(inputs: LocationInputs): PlanLocations {
  const base = joinKey(inputs.backupPrefix, inputs.migrationId);
  const journal =
    inputs.journalDir === undefined || inputs.journalDir === ''
      ? { kind: 's3' as const, uri: s3Uri(inputs.backupBucket, `${joinKey(base, 'journal')}/`) }
      : { kind: 'local' as const, uri: inputs.journalDir };
  return {
    journal,
    segments: s3Uri(inputs.backupBucket, `${joinKey(base, 'segments')}/`),
    evidence: s3Uri(inputs.evidenceBucket, `${joinKey(inputs.evidencePrefix, inputs.migrationId)}/`),
    precheckProbes: [
      ...new Set([
        s3Uri(inputs.backupBucket, `${joinKey(inputs.backupPrefix, PRECHECK_PROBE_DIR)}/`),
        s3Uri(inputs.evidenceBucket, `${joinKey(inputs.evidencePrefix, PRECHECK_PROBE_DIR)}/`),
      ]),
    ].sort(),
  };
}
