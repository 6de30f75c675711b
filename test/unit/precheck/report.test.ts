import { describe, expect, it } from 'vitest';
import {
  buildPrecheckReport,
  evaluatePrecheck,
  renderPrecheckJson,
  renderPrecheckLines,
  type Finding,
} from '../../../engine/precheck/index.js';
import { PASSWORD, codes, makeConfig, makeInventory, okProbes, run } from './builders.js';

const f = (code: string, severity: Finding['severity'], subject: string): Finding => ({ code, severity, subject, detail: `d ${subject}`, remedy: 'r' });

describe('the report', () => {
  it('sorts blockers, warnings, infos, then by code, then by subject', () => {
    const report = buildPrecheckReport([f('I01', 'info', 'x'), f('W04', 'warning', 'x'), f('B11', 'blocker', 'b'), f('W03', 'warning', 'k'), f('B11', 'blocker', 'a'), f('B02', 'blocker', 'z')]);
    expect(report.findings.map((item) => `${item.code}/${item.subject}`)).toEqual(['B02/z', 'B11/a', 'B11/b', 'W03/k', 'W04/x', 'I01/x']);
    expect(report.summary).toEqual({ blockers: 3, warnings: 2, infos: 1 });
    expect(report.passed).toBe(false);
    expect(report.schemaVersion).toBe(1);
  });
  it('passes with warnings and infos only', () => {
    const report = buildPrecheckReport([f('W04', 'warning', 'x'), f('I01', 'info', 'x')]);
    expect(report.passed).toBe(true);
  });
  it('passes when empty', () => {
    expect(buildPrecheckReport([])).toEqual({ schemaVersion: 1, findings: [], summary: { blockers: 0, warnings: 0, infos: 0 }, passed: true });
  });
  it('merges lists (precheck and planner findings) and drops exact duplicates', () => {
    const report = buildPrecheckReport([f('W01', 'warning', 't')], [f('W01', 'warning', 't'), f('RF_CAPPED', 'warning', 'orders')]);
    expect(report.findings.map((item) => item.code)).toEqual(['RF_CAPPED', 'W01']);
  });
  it('a real evaluation comes out sorted', () => {
    const report = run({
      inventory: (inv) => {
        inv.target.limits.messageMaxBytes = undefined;
        inv.target.limits.autoCreateTopicsEnable = true;
        inv.source.reachable = false;
      },
      config: (config) => void (config.target.auth = { mode: 'iam' }),
      probes: (probes) => void (probes.backupBucket = { ok: false, error: 'nope' }),
    });
    expect(codes(report)).toEqual(['B07', 'B09', 'W04', 'W07', 'I01', 'I02']);
    expect(report.passed).toBe(false);
  });
});

describe('rendering', () => {
  const report = buildPrecheckReport([
    { code: 'B07', severity: 'blocker', subject: 's3://b', detail: 'backup bucket s3://b is not usable: x', remedy: 'fix it' },
    { code: 'W03', severity: 'warning', subject: 'k', detail: 'KMS key ARN set on backup channel', remedy: 'verify' },
    { code: 'W04', severity: 'warning', subject: 't', detail: 'dd', remedy: 'rr' },
    { code: 'I01', severity: 'info', subject: 't', detail: 'target is IAM-auth', remedy: 'access map' },
  ]);
  it('prints one line per finding with blocker / warn / info (W03 as info), then a summary', () => {
    expect(renderPrecheckLines(report)).toBe(
      [
        'B07 blocker: backup bucket s3://b is not usable: x — fix it',
        'W03 info: KMS key ARN set on backup channel — verify',
        'W04 warn: dd — rr',
        'I01 info: target is IAM-auth — access map',
        'precheck failed: 1 blocker, 2 warnings, 1 info',
        '',
      ].join('\n'),
    );
  });
  it('prints a passing summary', () => {
    expect(renderPrecheckLines(buildPrecheckReport([]))).toBe('precheck passed: 0 blockers, 0 warnings, 0 infos\n');
  });
  it('prints an unknown code (a planner finding) by its severity', () => {
    expect(renderPrecheckLines(buildPrecheckReport([f('RF_CAPPED', 'warning', 'orders')]))).toContain('RF_CAPPED warn: d orders — r');
  });
  it('JSON has the documented shape and round-trips', () => {
    const text = renderPrecheckJson(report);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'passed', 'summary', 'findings']);
    expect(parsed).toEqual({ schemaVersion: 1, passed: false, summary: report.summary, findings: report.findings });
    expect(Object.keys((parsed.findings as object[])[0] ?? {})).toEqual(['code', 'severity', 'subject', 'detail', 'remedy']);
  });
});

describe('purity and secrets', () => {
  it('the same inputs give the same report, and the inputs are not changed', () => {
    const inventory = makeInventory((inv) => void (inv.target.limits.messageMaxBytes = 1000));
    const config = makeConfig();
    const probes = okProbes();
    const before = JSON.stringify([inventory, config, probes]);
    const first = evaluatePrecheck(inventory, config, probes);
    const second = evaluatePrecheck(inventory, config, probes);
    expect(second).toEqual(first);
    expect(JSON.stringify([inventory, config, probes])).toBe(before);
  });
  it("never carries the config's password, even when an error message echoed it", () => {
    const report = run({
      inventory: (inv) => {
        inv.target.reachable = false;
        inv.target.error = { code: 'CLUSTER_UNREACHABLE', message: `SASL authentication failed for svc-migrator:${PASSWORD}` };
      },
      probes: (probes) => void (probes.backupBucket = { ok: false, error: `odd endpoint echo ${PASSWORD}` }),
    });
    const text = renderPrecheckJson(report) + renderPrecheckLines(report);
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain('svc-migrator:<redacted>');
  });
  it('a webhook secret is scrubbed too', () => {
    const secret = 'whsec-0123456789';
    const report = run({
      config: (config) => void (config.cutover.producerFreezeWebhookSecret = secret),
      probes: (probes) => void (probes.evidenceBucket = { ok: false, error: `x ${secret}` }),
    });
    expect(renderPrecheckJson(report)).not.toContain(secret);
  });
});

describe('inputs', () => {
  it('refuses an inventory of another schema version with a MigrationError', () => {
    const inventory = { ...makeInventory(), schemaVersion: 2 } as unknown as Parameters<typeof evaluatePrecheck>[0];
    expect(() => evaluatePrecheck(inventory, makeConfig(), okProbes())).toThrow(expect.objectContaining({ name: 'MigrationError', code: 'INTERNAL' }));
  });
});
