import { describe, expect, it } from 'vitest';
import { gatherFacts } from '../../engine/finalize/gather.js';
import { runChecks } from '../../engine/finalize/run-checks.js';
import { summaryLines, type CheckName, type ValidationReport } from '../../engine/finalize/types.js';
import { buildWorld, record, type World } from './finalize-fixtures.js';

const times = { startedAt: '2026-11-25T20:10:00.000Z', finishedAt: '2026-11-25T20:10:01.000Z' };

async function validate(world: World): Promise<ValidationReport> {
  return runChecks(world.inputs, await gatherFacts(world.inputs, world.ports), times);
}

const check = (report: ValidationReport, name: CheckName) => {
  const found = report.checks.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no check ${name}`);
  return found;
};

describe('finalize: the five checks over a faithful copy', () => {
  it('passes every check and prints the reference summary numbers computed from the scans', async () => {
    const report = await validate(buildWorld({ emptyPartition: false }));
    expect(report.checks.map((c) => [c.name, c.result])).toEqual([
      ['topic_parity', 'PASSED'],
      ['counts_and_offsets', 'PASSED'],
      ['spot_check_records', 'PASSED'],
      ['sentinel_presence', 'PASSED'],
      ['consumer_group_reconciliation', 'PASSED'],
    ]);
    expect(report.outcome).toBe('PASSED');
    expect(summaryLines(report.summary)).toEqual([
      'partitions_checked=3',
      'target_behind_or_missing=0',
      'earliest_partitions_checked=3',
      'earliest_mismatches=0',
      'latest_partitions_checked=3',
      'latest_mismatches=0',
    ]);
    // 10 + 5 + 3 data records plus one sentinel each, on both sides.
    expect(check(report, 'counts_and_offsets').detail).toContain('21 committed records on the source and 21 on the target');
  });

  it('an empty partition is a WARNING that says there was nothing to sample, never a silent pass', async () => {
    const report = await validate(buildWorld());
    const spot = check(report, 'spot_check_records');
    expect(spot.result).toBe('WARNING');
    expect(spot.problems).toEqual([
      expect.objectContaining({ severity: 'warning', topic: 'orders', partition: 2, message: expect.stringContaining('nothing to sample: the only copied record is the cutover sentinel') }),
    ]);
    expect(report.outcome).toBe('WARNING');
    expect(check(report, 'counts_and_offsets').result).toBe('PASSED');
  });
});

describe('finalize: what each check catches', () => {
  it('a record whose value differs on the target fails the spot check naming topic, partition, both offsets and the field', async () => {
    const world = buildWorld({ emptyPartition: false, spot: 100 });
    const p0 = world.target.get({ topic: 'orders', partition: 0 });
    // Source offset 8 was copied to target offset 6 (the gap 5..6 on the source closes up on the target).
    p0.records[6] = record(6, 'tampered', { timestamp: p0.records[6]?.timestamp ?? 0n });
    const report = await validate(world);
    const spot = check(report, 'spot_check_records');
    expect(spot.result).toBe('FAILED');
    const problem = spot.problems.find((p) => p.field === 'value');
    expect(problem).toMatchObject({ topic: 'orders', partition: 0, sourceOffset: 8, targetOffset: 6, field: 'value' });
    expect(problem?.message).toContain('orders-0: sampled record, source offset 8 -> target offset 6: value differs');
    expect(report.outcome).toBe('FAILED');
  });

  it('headers in another order fail as a headers difference', async () => {
    const world = buildWorld({ emptyPartition: false, spot: 100 });
    const p1 = world.target.get({ topic: 'orders', partition: 1 });
    const original = p1.records[2];
    if (original === undefined) throw new Error('fixture');
    p1.records[2] = { ...original, headers: [...original.headers].reverse() };
    const spot = check(await validate(world), 'spot_check_records');
    expect(spot.problems).toEqual([expect.objectContaining({ partition: 1, sourceOffset: 2, targetOffset: 2, field: 'headers' })]);
  });

  it('a sampled record deleted from the target (delete-records) fails counts, the earliest position and the floor, naming the partition', async () => {
    const world = buildWorld({ emptyPartition: false });
    const p1 = world.target.get({ topic: 'orders', partition: 1 });
    p1.logStart = 2;
    p1.records = p1.records.filter((r) => r.offset >= 2n);
    const report = await validate(world);
    const counts = check(report, 'counts_and_offsets');
    expect(counts.result).toBe('FAILED');
    expect(report.summary).toMatchObject({ targetBehindOrMissing: 1, earliestMismatches: 1, latestMismatches: 0 });
    expect(counts.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('orders-1: offset floor violated: the target log start 2 is past the first copied record (target offset 0)'),
        expect.stringContaining('orders-1: 6 committed records on the source in 0..5, 4 on the target in 2..5 (-2; validation.count_tolerance=0)'),
      ]),
    );
    const spot = check(report, 'spot_check_records');
    expect(spot.problems).toContainEqual(expect.objectContaining({ partition: 1, sourceOffset: 0, targetOffset: 0, field: 'record' }));
  });

  it('a count difference within validation.count_tolerance is a warning, beyond it a failure', async () => {
    const within = buildWorld({ emptyPartition: false, tolerance: 1 });
    const extra = within.target.get({ topic: 'orders', partition: 1 });
    // A record someone produced to the target inside the copied range (the copier's map skips over it).
    extra.records.splice(5, 0, record(5, 'foreign'));
    for (const [i, r] of extra.records.entries()) extra.records[i] = { ...r, offset: BigInt(i) };
    extra.end += 1;
    const p1 = within.inputs.partitions[1];
    if (p1?.position == null) throw new Error('fixture');
    (within.inputs.partitions as unknown as Array<typeof p1>)[1] = { ...p1, position: { ...p1.position, targetEnd: 7, runs: [[0, 0, 5], [5, 6, 1]] } };
    (within.inputs.cutover?.sentinels[1] as { targetOffset: number }).targetOffset = 6;
    const warned = check(await validate(within), 'counts_and_offsets');
    expect(warned.result).toBe('WARNING');
    expect(warned.problems[0]?.message).toContain('+1; validation.count_tolerance=1, within tolerance');

    const strict = { ...within, inputs: { ...within.inputs, settings: { countTolerance: 0, spotCheckRecordsPerPartition: 3 } } };
    expect(check(await validate(strict), 'counts_and_offsets').result).toBe('FAILED');
  });

  it('a target behind the copied end counts as behind and fails', async () => {
    const world = buildWorld({ emptyPartition: false });
    const p0 = world.target.get({ topic: 'orders', partition: 0 });
    p0.records = p0.records.slice(0, 8);
    p0.end = 8;
    const report = await validate(world);
    expect(report.summary).toMatchObject({ partitionsChecked: 3, targetBehindOrMissing: 1, latestMismatches: 1 });
    expect(check(report, 'counts_and_offsets').problems[0]?.message).toContain('orders-0: the target ends at offset 8, before the copied end 11: 3 copied offsets are missing');
    expect(check(report, 'sentinel_presence').problems[0]?.message).toContain('orders-0: no record at target offset 10');
  });

  it('topic parity fails on a partition count or a carried config that differs, and warns on a setting kept on purpose', async () => {
    const world = buildWorld({ emptyPartition: false });
    world.targetPartitionCounts.set('orders', 4);
    world.targetConfigs.set('orders', [{ name: 'cleanup.policy', value: 'compact', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false }]);
    const parity = check(await validate(world), 'topic_parity');
    expect(parity.result).toBe('FAILED');
    expect(parity.problems.map((p) => p.message)).toEqual([
      'topic orders has 4 partitions on the target, 3 on the source',
      'topic orders: cleanup.policy is "compact" on the target, "delete" planned',
      'topic orders: retention.ms is not set (broker default) on the target, "604800000" planned',
    ]);

    const kept = buildWorld({ emptyPartition: false });
    kept.targetConfigs.set('orders', [{ name: 'cleanup.policy', value: 'delete', source: 'DYNAMIC_TOPIC_CONFIG', sensitive: false }]);
    (kept.inputs.keptSettings as Map<string, string>).set('orders\u0000retention.ms', 'topology.on_config_drift: keep_target');
    const warned = check(await validate(kept), 'topic_parity');
    expect(warned.result).toBe('WARNING');
    expect(warned.problems[0]?.message).toContain('kept on purpose: topology.on_config_drift: keep_target');
  });

  it('a missing target topic fails parity and every partition is counted as missing', async () => {
    const world = buildWorld();
    world.targetPartitionCounts.delete('orders');
    world.targetConfigs.delete('orders');
    const report = await validate(world);
    expect(check(report, 'topic_parity').problems[0]?.message).toBe('topic orders is not on the target');
    expect(report.summary).toMatchObject({ partitionsChecked: 3, targetBehindOrMissing: 3 });
    expect(check(report, 'sentinel_presence').result).toBe('FAILED');
  });

  it('sentinel presence fails when the record at the reported offset is not this migration’s sentinel', async () => {
    const world = buildWorld({ emptyPartition: false });
    const p2 = world.target.get({ topic: 'orders', partition: 2 });
    p2.records[3] = record(3, 'not-a-sentinel');
    const sentinels = check(await validate(world), 'sentinel_presence');
    expect(sentinels.result).toBe('FAILED');
    expect(sentinels.problems).toEqual([expect.objectContaining({ partition: 2, targetOffset: 3, message: 'orders-2: the record at target offset 3 is not a sentinel' })]);
    expect(sentinels.detail).toBe("2 of 3 partitions hold this migration's sentinel at the offset the cutover recorded");
  });

  it('group reconciliation: equal or ahead passes, behind warns, missing fails', async () => {
    const ahead = buildWorld({ emptyPartition: false });
    ahead.groupOffsets.set('billing', [{ topic: 'orders', partition: 0, offset: 9 }, { topic: 'orders', partition: 1, offset: 5 }]);
    const passed = check(await validate(ahead), 'consumer_group_reconciliation');
    expect(passed.result).toBe('PASSED');
    expect(passed.detail).toContain('1 committed as translated, 1 moved ahead since the switch');

    const behind = buildWorld({ emptyPartition: false });
    behind.groupOffsets.set('billing', [{ topic: 'orders', partition: 0, offset: 2 }]);
    const report = check(await validate(behind), 'consumer_group_reconciliation');
    expect(report.result).toBe('FAILED');
    expect(report.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'group billing, orders-0: committed 2 on the target, behind the translated 5: the group re-reads 3 records (was it reset?)'],
      ['failure', 'group billing, orders-1: no offset committed on the target (translated: 5 from source 5)'],
    ]);
  });

  it('without a cutover report the sentinel and group checks fail instead of passing on nothing', async () => {
    const world = buildWorld({ emptyPartition: false });
    const report = await validate({ ...world, inputs: { ...world.inputs, cutover: undefined } });
    expect(check(report, 'sentinel_presence').result).toBe('FAILED');
    expect(check(report, 'consumer_group_reconciliation').result).toBe('FAILED');
  });

  it('source retention since the seed narrows the compared range with a warning; a journaled retention gap is reported', async () => {
    const world = buildWorld({ emptyPartition: false });
    const p1 = world.source.get({ topic: 'orders', partition: 1 });
    p1.logStart = 2;
    p1.records = p1.records.filter((r) => r.offset >= 2n);
    (world.inputs.retentionGaps as Map<string, string>).set('orders-0', 'offsets 5..6 were deleted by retention before they were copied');
    const report = await validate(world);
    const counts = check(report, 'counts_and_offsets');
    expect(counts.result).toBe('WARNING');
    expect(counts.problems.map((p) => p.message)).toEqual([
      'orders-0: the copy reported records deleted on the source before they were copied: offsets 5..6 were deleted by retention before they were copied',
      'orders-1: the source log start moved from 0 to 2 since the seed (retention): records below 2 were compared on neither side',
    ]);
    expect(report.summary.earliestMismatches).toBe(0);
  });
});
