/**
 * `cost-estimate.json`: what the migration's AWS side costs, from the plan's bytes and segment count. List prices for
 * us-east-1 (S3 Standard) as constants, with the date they were taken; every assumption is written out in the output.
 */
import type { MigrationPlan } from './plan-types.js';

export const PRICE_TABLE = {
  region: 'us-east-1',
  currency: 'USD',
  takenOn: '2026-11-25',
  source:
    'AWS public list prices for us-east-1 (aws.amazon.com/s3/pricing, aws.amazon.com/kms/pricing, EC2 data transfer), ' +
    'unchanged for years at the time taken; check the AWS Pricing Calculator for your region and any discounts',
  s3StandardPerGbMonth: 0.023,
  s3PutCopyPostListPer1000: 0.005,
  s3GetSelectPer1000: 0.0004,
  kmsPer10000Requests: 0.03,
  sameRegionEc2S3TransferPerGb: 0,
  interRegionTransferPerGb: 0.02,
  crossAzTransferPerGbEachWay: 0.01,
} as const;

/** S3 bills storage in GB of 2^30 bytes, pro-rated by the hour; a month is taken as 30 days. */
const GIB = 1024 ** 3;
const DAYS_PER_MONTH = 30;

/** How long seed segments are assumed to stay in S3 after the seed: a fallback copy until the operator removes them. */
export const SEGMENT_KEEP_DAYS = 30;
/** The evidence bundle: journal, topology and ACL plans, stats, offset translations and validation results. */
export const EVIDENCE_BASE_BYTES = 256 * 1024;
export const EVIDENCE_BYTES_PER_PARTITION = 512;
export const EVIDENCE_BYTES_PER_OFFSET = 160;
/** Requests besides one PUT per segment: journal writes, manifests and listings, per partition. */
export const EXTRA_PUTS_PER_PARTITION = 4;
export const EXTRA_LISTS_PER_PARTITION = 2;

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPriceUsd: number;
  readonly costUsd: number;
  readonly basis: string;
}

export interface CostEstimate {
  readonly schemaVersion: 1;
  readonly migrationId: string;
  readonly currency: 'USD';
  readonly region: string | null;
  readonly priceTable: typeof PRICE_TABLE;
  readonly inputs: {
    readonly bytes: number;
    readonly segments: number;
    readonly segmentMaxBytes: number;
    readonly partitions: number;
    readonly committedOffsets: number;
    readonly estimatedSecondsToDrainReady: number;
    readonly segmentKeepDays: number;
    readonly evidenceBytes: number;
    readonly evidenceRetentionDays: number | null;
    readonly kmsKeyConfigured: boolean;
    readonly sourceRegion: string | null;
    readonly targetRegion: string | null;
  };
  readonly lines: CostLine[];
  readonly totalUsd: number;
  /** Costs that depend on where the runner runs, not included in the total (an upper bound each). */
  readonly notIncluded: CostLine[];
  readonly assumptions: string[];
}

/** Rounded to a millionth of a dollar, so sums of floats print the same everywhere. */
function usd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function line(item: string, quantity: number, unit: string, unitPriceUsd: number, per: number, basis: string): CostLine {
  return { item, quantity: usd(quantity), unit, unitPriceUsd, costUsd: usd((quantity / per) * unitPriceUsd), basis };
}

export function estimateCost(plan: MigrationPlan): CostEstimate {
  const { totals, settings } = plan;
  const bytes = totals.bytesEstimated;
  const segments = totals.estimatedSegments;
  const gib = bytes / GIB;
  const migrationDays = totals.estimatedSecondsToDrainReady / 86_400;
  const segmentDays = migrationDays + SEGMENT_KEEP_DAYS;
  const evidenceBytes =
    EVIDENCE_BASE_BYTES + totals.partitions * EVIDENCE_BYTES_PER_PARTITION + totals.committedOffsets * EVIDENCE_BYTES_PER_OFFSET;
  const evidenceDays = settings.evidence.retentionDays;
  const puts = segments + totals.partitions * EXTRA_PUTS_PER_PARTITION;
  const gets = segments;
  const lists = totals.partitions * EXTRA_LISTS_PER_PARTITION;
  const kms = settings.backup.kmsKeyArn !== null;
  const sourceRegion = plan.clusters.source.region;
  const targetRegion = plan.clusters.target.region;
  const crossRegion = sourceRegion !== null && targetRegion !== null && sourceRegion !== targetRegion;

  const lines: CostLine[] = [
    line(
      'S3 Standard storage: seed segments',
      gib * (segmentDays / DAYS_PER_MONTH),
      'GB-month',
      PRICE_TABLE.s3StandardPerGbMonth,
      1,
      `${gib.toFixed(3)} GB kept ${segmentDays.toFixed(2)} days (the time to drain_ready plus ${SEGMENT_KEEP_DAYS} days as a fallback copy)`,
    ),
    line(
      'S3 Standard storage: evidence bundle',
      (evidenceBytes / GIB) * ((evidenceDays ?? DAYS_PER_MONTH) / DAYS_PER_MONTH),
      'GB-month',
      PRICE_TABLE.s3StandardPerGbMonth,
      1,
      evidenceDays === null
        ? `${evidenceBytes} bytes for one month (no Object Lock retention configured)`
        : `${evidenceBytes} bytes locked for ${evidenceDays} days (evidence.retention)`,
    ),
    line('S3 PUT requests', puts, 'requests', PRICE_TABLE.s3PutCopyPostListPer1000, 1000, `${segments} segments (bytes / segment_max_bytes, per partition) + ${EXTRA_PUTS_PER_PARTITION} per partition for journal and manifests`),
    line('S3 LIST requests', lists, 'requests', PRICE_TABLE.s3PutCopyPostListPer1000, 1000, `${EXTRA_LISTS_PER_PARTITION} per partition (resume and validation listings)`),
    line('S3 GET requests', gets, 'requests', PRICE_TABLE.s3GetSelectPer1000, 1000, 'each segment read back once to produce it to the target'),
    line(
      'Data transfer EC2 ↔ S3, same region',
      gib * 2,
      'GB',
      PRICE_TABLE.sameRegionEc2S3TransferPerGb,
      1,
      'every byte goes into S3 once and out once; free within one region',
    ),
  ];
  if (kms) {
    lines.push(
      line(
        'KMS requests (SSE-KMS on segments)',
        segments * 2,
        'requests',
        PRICE_TABLE.kmsPer10000Requests,
        10000,
        'upper bound: one GenerateDataKey per PUT and one Decrypt per GET; the S3 Bucket Key that aws-cli.sh enables cuts this to a few',
      ),
    );
  }
  if (crossRegion) {
    lines.push(
      line('Data transfer between regions', gib, 'GB', PRICE_TABLE.interRegionTransferPerGb, 1, `source in ${sourceRegion}, target in ${targetRegion}: every byte crosses once`),
    );
  }
  const notIncluded = [
    line(
      'Cross-AZ traffic between the runner and the brokers',
      gib * 2 * 2,
      'GB',
      PRICE_TABLE.crossAzTransferPerGbEachWay,
      1,
      'upper bound: every byte read from a source leader and written to a target leader in another AZ, charged each way; zero when the runner shares the leaders\' AZ',
    ),
  ];

  return {
    schemaVersion: 1,
    migrationId: plan.migrationId,
    currency: 'USD',
    region: plan.region,
    priceTable: PRICE_TABLE,
    inputs: {
      bytes,
      segments,
      segmentMaxBytes: settings.seed.segmentMaxBytes,
      partitions: totals.partitions,
      committedOffsets: totals.committedOffsets,
      estimatedSecondsToDrainReady: totals.estimatedSecondsToDrainReady,
      segmentKeepDays: SEGMENT_KEEP_DAYS,
      evidenceBytes,
      evidenceRetentionDays: evidenceDays,
      kmsKeyConfigured: kms,
      sourceRegion,
      targetRegion,
    },
    lines,
    totalUsd: usd(lines.reduce((sum, item) => sum + item.costUsd, 0)),
    notIncluded,
    assumptions: [
      `Prices are ${PRICE_TABLE.region} list prices in ${PRICE_TABLE.currency}, taken ${PRICE_TABLE.takenOn}${plan.region !== null && plan.region !== PRICE_TABLE.region ? `; this migration runs in ${plan.region}, where prices differ` : ''}.`,
      `Bytes are the plan's estimate (${bytes}): the source leaders' log sizes, with partitions of unknown size estimated from their record counts; segments hold the batches as stored, so S3 holds about as many bytes.`,
      `Segments are one S3 object each, at most segment_max_bytes (${settings.seed.segmentMaxBytes}) per object, counted per partition.`,
      `Segments stay in S3 Standard from the seed until ${SEGMENT_KEEP_DAYS} days after drain_ready; nothing removes them automatically. A GB-month is 2^30 bytes for 30 days.`,
      'The tail copies records produced during the migration straight from the source to the target, not through S3: it adds no S3 cost.',
      'The runner (EC2, ECS or similar) runs in the same region as the buckets: EC2 ↔ S3 transfer is free within a region.',
      'MSK broker hours and storage, the runner\'s compute and CloudWatch are not included: the clusters exist either way.',
    ],
  };
}

export function renderCostEstimate(plan: MigrationPlan): string {
  return `${JSON.stringify(estimateCost(plan), null, 2)}\n`;
}
