import { describe, expect, it } from 'vitest';
import { buildPlan, estimateCost, PRICE_TABLE, renderCostEstimate } from '../../../engine/plan/index.js';
import { MIGRATION_ID, syntheticConfig, syntheticInventory, type ConfigOptions } from './fixtures.js';
import type { SyntheticInventoryOptions } from './fixtures.js';

const GIB = 1024 ** 3;

function cost(inventory: SyntheticInventoryOptions, config: ConfigOptions = {}) {
  const plan = buildPlan(syntheticInventory(inventory), syntheticConfig(config), { migrationId: MIGRATION_ID });
  return { plan, estimate: estimateCost(plan) };
}

function lineCost(estimate: ReturnType<typeof estimateCost>, item: string): number {
  const found = estimate.lines.find((line) => line.item.startsWith(item));
  if (found === undefined) throw new Error(`no line ${item}`);
  return found.costUsd;
}

describe('cost-estimate.json', () => {
  // 10 topics × 4 partitions × 100,000 records × 2,500 bytes ≈ 10 GB.
  const big = { topics: 10, partitionsPerTopic: 4, recordsPerPartition: 100_000, bytesPerRecord: 2_500 };

  it('prices storage from the plan\'s bytes for the time segments are kept', () => {
    const { plan, estimate } = cost(big);
    expect(estimate.inputs.bytes).toBe(plan.totals.bytesEstimated);
    const days = plan.totals.estimatedSecondsToDrainReady / 86_400 + estimate.inputs.segmentKeepDays;
    const expected = (plan.totals.bytesEstimated / GIB) * (days / 30) * PRICE_TABLE.s3StandardPerGbMonth;
    expect(lineCost(estimate, 'S3 Standard storage: seed segments')).toBeCloseTo(expected, 5);
  });

  it('counts PUTs and GETs from the segment count (bytes / segment_max_bytes per partition)', () => {
    const { plan, estimate } = cost(big, { segmentMaxBytes: '8MiB' });
    const segments = plan.topics.flatMap((topic) => topic.partitions).reduce((sum, p) => sum + Math.ceil((p.sizeBytes ?? 0) / (8 * 1024 * 1024)), 0);
    expect(estimate.inputs.segments).toBe(segments);
    const gets = estimate.lines.find((line) => line.item === 'S3 GET requests');
    expect(gets?.quantity).toBe(segments);
    expect(gets?.costUsd).toBeCloseTo((segments / 1000) * PRICE_TABLE.s3GetSelectPer1000, 6);
    const puts = estimate.lines.find((line) => line.item === 'S3 PUT requests');
    expect(puts?.quantity).toBe(segments + plan.totals.partitions * 4);
  });

  it('grows with the data: twice the bytes, about twice the segment storage and requests', () => {
    const one = cost(big).estimate;
    const two = cost({ ...big, bytesPerRecord: 5_000 }).estimate;
    expect(two.inputs.bytes).toBeGreaterThan(one.inputs.bytes * 1.99);
    const ratio = lineCost(two, 'S3 Standard storage: seed segments') / lineCost(one, 'S3 Standard storage: seed segments');
    expect(ratio).toBeGreaterThan(1.95);
    expect(ratio).toBeLessThan(2.1);
    expect(two.inputs.segments).toBeGreaterThan(one.inputs.segments * 1.8); // each partition's segment count is rounded up
    expect(two.totalUsd).toBeGreaterThan(one.totalUsd);
  });

  it('keeps evidence for its Object Lock retention, and a month without one', () => {
    const locked = cost(big, { retention: '7y' }).estimate;
    const unlocked = cost(big, { retention: null }).estimate;
    expect(locked.inputs.evidenceRetentionDays).toBe(2555);
    const ratio = lineCost(locked, 'S3 Standard storage: evidence') / lineCost(unlocked, 'S3 Standard storage: evidence');
    expect(ratio).toBeGreaterThan((2555 / 30) * 0.97); // costs are rounded to a millionth of a dollar
    expect(ratio).toBeLessThan((2555 / 30) * 1.03);
  });

  it('states same-region EC2↔S3 transfer as free, adds inter-region transfer only across regions, and KMS only with a key', () => {
    const { estimate } = cost(big);
    const transfer = estimate.lines.find((line) => line.item.startsWith('Data transfer EC2'));
    expect(transfer).toMatchObject({ unitPriceUsd: 0, costUsd: 0 });
    expect(transfer?.basis).toMatch(/free within one region/);
    expect(estimate.lines.some((line) => line.item === 'Data transfer between regions')).toBe(false);
    expect(estimate.lines.some((line) => line.item.startsWith('KMS'))).toBe(true);
    expect(cost(big, { kmsKeyArn: null }).estimate.lines.some((line) => line.item.startsWith('KMS'))).toBe(false);
    const crossRegion = estimateCost({
      ...cost(big).plan,
      clusters: { ...cost(big).plan.clusters, target: { ...cost(big).plan.clusters.target, region: 'us-west-2' } },
    });
    const inter = crossRegion.lines.find((line) => line.item === 'Data transfer between regions');
    expect(inter?.costUsd).toBeCloseTo((crossRegion.inputs.bytes / GIB) * PRICE_TABLE.interRegionTransferPerGb, 5);
  });

  it('adds up, names its price table and writes out every assumption', () => {
    const { estimate } = cost(big);
    const sum = estimate.lines.reduce((total, line) => total + line.costUsd, 0);
    expect(estimate.totalUsd).toBeCloseTo(sum, 5);
    expect(estimate.priceTable).toMatchObject({ region: 'us-east-1', currency: 'USD' });
    expect(estimate.priceTable.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(estimate.assumptions.length).toBeGreaterThanOrEqual(5);
    expect(estimate.assumptions.join(' ')).toMatch(/same region/);
    const text = renderCostEstimate(cost(big).plan);
    expect(JSON.parse(text)).toEqual(estimate);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('says when the migration runs outside the region the prices are for', () => {
    const { estimate } = cost(big, { region: 'eu-west-1' });
    expect(estimate.region).toBe('eu-west-1');
    expect(estimate.assumptions[0]).toMatch(/runs in eu-west-1, where prices differ/);
  });
});
