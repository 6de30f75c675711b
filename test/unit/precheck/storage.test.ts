import { describe, expect, it } from 'vitest';
import { renderFindingLine } from '../../../engine/precheck/index.js';
import { KMS_KEY_ARN, codes, run, withCode } from './builders.js';

const W03_LINE =
  'W03 info: KMS key ARN set on backup channel — CMK access is not verified by this precheck phase; ensure the caller has kms:Encrypt/Decrypt/GenerateDataKey';

describe('B07 / B08 buckets', () => {
  it('B07 fires for a failed backup probe, subject the bucket and prefix', () => {
    const report = run({ probes: (probes) => void (probes.backupBucket = { ok: false, error: 'bucket kb-backup does not exist (HeadBucket at http://s3 answered 404)' }) });
    const [b07] = withCode(report, 'B07');
    expect(b07?.subject).toBe('s3://kb-backup/migrations');
    expect(b07?.detail).toBe('backup bucket s3://kb-backup/migrations is not usable: bucket kb-backup does not exist (HeadBucket at http://s3 answered 404)');
    expect(b07?.remedy).toContain('kms:GenerateDataKey');
  });
  it('B08 fires for a failed evidence probe; the remedy names Object Lock when retention is set', () => {
    const report = run({
      config: (config) => void (config.evidence.retentionMs = 7 * 86_400_000),
      probes: (probes) => void (probes.evidenceBucket = { ok: false, error: 'S3 endpoint http://127.0.0.1:1 unreachable (ECONNREFUSED)' }),
    });
    const [b08] = withCode(report, 'B08');
    expect(b08?.subject).toBe('s3://kb-evidence/evidence');
    expect(b08?.remedy).toContain('Object Lock');
  });
  it('a bucket at the root is named without a prefix', () => {
    const report = run({
      config: (config) => void (config.evidence.s3Prefix = ''),
      probes: (probes) => void (probes.evidenceBucket = { ok: false, error: 'access denied' }),
    });
    expect(withCode(report, 'B08')[0]?.subject).toBe('s3://kb-evidence');
  });
  it('neither fires for passing probes', () => {
    expect(codes(run()).filter((code) => code === 'B07' || code === 'B08')).toEqual([]);
  });
});

describe('W12 skipped bucket probe, W13 leftover probe object', () => {
  it('W12 fires per skipped bucket', () => {
    const report = run({
      probes: (probes) => {
        probes.backupBucket = { ok: 'skipped', reason: '--no-probes' };
        probes.evidenceBucket = { ok: 'skipped', reason: '--no-probes' };
      },
    });
    expect(withCode(report, 'W12').map((item) => item.subject)).toEqual(['s3://kb-backup/migrations', 's3://kb-evidence/evidence']);
    expect(report.passed).toBe(true);
  });
  it('W13 fires when the probe object stayed behind, and the bucket still counts as writable', () => {
    const report = run({ probes: (probes) => void (probes.backupBucket = { ok: true, leftover: { key: 'migrations/.precheck/abc', error: 's3:DeleteObject was denied' } }) });
    const [w13] = withCode(report, 'W13');
    expect(w13?.detail).toBe('precheck probe object s3://kb-backup/migrations/.precheck/abc could not be deleted (s3:DeleteObject was denied); the bucket is writable');
    expect(withCode(report, 'B07')).toEqual([]);
  });
});

describe('W03 / B18 KMS key', () => {
  it('W03 prints the reference line word for word when the KMS probe was skipped', () => {
    const report = run({ probes: (probes) => void (probes.kmsKey = { ok: 'skipped', reason: 'kms probe disabled' }) });
    const [w03] = withCode(report, 'W03');
    expect(w03?.subject).toBe(KMS_KEY_ARN);
    expect(renderFindingLine(w03!)).toBe(W03_LINE);
  });
  it('W03 fires when a key is set and no KMS probe result exists', () => {
    const report = run({ probes: (probes) => void delete probes.kmsKey });
    expect(withCode(report, 'W03')).toHaveLength(1);
  });
  it('B18 fires when the KMS probe failed', () => {
    const report = run({ probes: (probes) => void (probes.kmsKey = { ok: false, error: `key ${KMS_KEY_ARN} does not exist` }) });
    const [b18] = withCode(report, 'B18');
    expect(b18?.subject).toBe(KMS_KEY_ARN);
    expect(b18?.severity).toBe('blocker');
    expect(withCode(report, 'W03')).toEqual([]);
  });
  it('neither fires for a probed key, nor without a key', () => {
    expect(codes(run()).filter((code) => code === 'W03' || code === 'B18')).toEqual([]);
    const report = run({ config: (config) => void (config.backup.kmsKeyArn = undefined), probes: (probes) => void delete probes.kmsKey });
    expect(codes(report).filter((code) => code === 'W03' || code === 'B18')).toEqual([]);
  });
});
