import { describe, expect, it } from 'vitest';
import type { FinalizeResult, StoredEvidence } from '../../engine/finalize/index.js';
import { gatherFacts } from '../../engine/finalize/gather.js';
import { runChecks } from '../../engine/finalize/run-checks.js';
import { checkLines, evidenceLines, resultLines } from '../../source/commands/finalize-render.js';
import { buildWorld, record } from './finalize-fixtures.js';

const evidence: StoredEvidence = {
  bundleUri: 's3://ev/audit/mig-1/evidence-bundle.json',
  publicKeyUri: 's3://ev/audit/mig-1/public-key.pem',
  bundleSha256: 'ab',
  publicKeyFingerprint: 'sha256:3f9a',
  generatedKey: false,
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
  retention: { mode: 'COMPLIANCE', retainUntil: '2033-11-25T20:00:00.000Z' },
  localBundle: null,
  localPublicKey: null,
  warnings: [],
};

describe('finalize plain output', () => {
  it('prints each check, the reference summary lines right after counts_and_offsets, the outcome and the evidence', async () => {
    const world = buildWorld();
    const report = runChecks(world.inputs, await gatherFacts(world.inputs, world.ports), { startedAt: 'a', finishedAt: 'b' });
    const result: FinalizeResult = { migrationId: 'mig-1', state: 'finalized', report, evidence, transitionLines: [] };
    const lines = resultLines(result);
    const counts = lines.findIndex((line) => line.startsWith('check counts_and_offsets: PASSED'));
    expect(lines.slice(counts + 1, counts + 7)).toEqual([
      'partitions_checked=3',
      'target_behind_or_missing=0',
      'earliest_partitions_checked=3',
      'earliest_mismatches=0',
      'latest_partitions_checked=3',
      'latest_mismatches=0',
    ]);
    expect(lines).toContain('check spot_check_records: WARNING: 10 records compared in 2 partitions (earliest, latest and 3 sampled per partition): 0 mismatched; 1 partitions with nothing to sample');
    expect(lines).toContain('  warn orders-2: nothing to sample: the only copied record is the cutover sentinel (the partition was empty)');
    expect(lines.slice(-6)).toEqual([
      'outcome: WARNING',
      'state: finalized',
      'evidence: s3://ev/audit/mig-1/evidence-bundle.json (Object Lock COMPLIANCE until 2033-11-25T20:00:00.000Z)',
      'public_key: s3://ev/audit/mig-1/public-key.pem (sha256:3f9a)',
      'fetch: aws s3 cp s3://ev/audit/mig-1/evidence-bundle.json evidence-bundle.json',
      'verify: kafka-backup migrate msk-kraft evidence verify evidence-bundle.json --public-key <your trusted copy of the public key of evidence.signing_key_path>',
    ]);
  });

  it('caps the problems printed per check and says --json has them all', async () => {
    const world = buildWorld({ emptyPartition: false, spot: 100 });
    const p0 = world.target.get({ topic: 'orders', partition: 0 });
    p0.records = p0.records.map((r, i) => (i < 10 ? record(i, `changed-${i}`) : r));
    const report = runChecks(world.inputs, await gatherFacts(world.inputs, world.ports), { startedAt: 'a', finishedAt: 'b' });
    const spot = report.checks.find((c) => c.name === 'spot_check_records');
    if (spot === undefined) throw new Error('no spot check');
    expect(spot.problems.length).toBeGreaterThan(20);
    const lines = checkLines(spot);
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe(`  ... and ${spot.problems.length - 20} more (--json prints every one)`);
    expect(lines[1]).toMatch(/^ {2}FAIL orders-0: earliest record, source offset 0 -> target offset 0: key differs/);
  });

  it('with a generated key prints the public key and verifies against the copy beside the bundle', () => {
    const lines = evidenceLines({ ...evidence, generatedKey: true, retention: null, localBundle: '/j/mig-1/evidence-bundle.json', localPublicKey: '/j/mig-1/public-key.pem' });
    expect(lines).toEqual([
      'evidence: s3://ev/audit/mig-1/evidence-bundle.json (no Object Lock (evidence.retention not set))',
      'public_key: s3://ev/audit/mig-1/public-key.pem (sha256:3f9a)',
      'evidence_file: /j/mig-1/evidence-bundle.json',
      'public_key_file: /j/mig-1/public-key.pem',
      'generated_public_key:',
      '-----BEGIN PUBLIC KEY-----',
      'AAAA',
      '-----END PUBLIC KEY-----',
      'verify: kafka-backup migrate msk-kraft evidence verify /j/mig-1/evidence-bundle.json --public-key /j/mig-1/public-key.pem',
    ]);
  });
});
