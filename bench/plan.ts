/**
 * `npm run bench -- plan [--iterations N] [--json]`: how buildPlan and the six renderers scale on a large synthetic
 * cluster (10,000 partitions, 2,000 groups), reported as ratios against baselines measured in the same run:
 *   - a JSON round trip of the same inventory (the least any pass over the data costs);
 *   - buildPlan on a 10× smaller cluster (1,000 partitions, 200 groups), to show how it scales.
 * Nothing here passes or fails: it prints numbers for people to compare between commits.
 *
 * Hook: other stages that read the same inventory and config are added with
 * `addPlanBenchStage({ name, size: 'large', run: (ctx) => evaluatePrecheck(ctx.inventory, ctx.config, probes) })`
 * from their own module imported below, or by appending to PLAN_BENCH_STAGES; they are measured and reported like
 * the built-in ones.
 */
import { evaluatePrecheck } from '../engine/precheck/evaluate.js';
import type { Probes } from '../engine/precheck/probe-types.js';
import type { MigrationConfig } from '../engine/config/types.js';
import type { Inventory } from '../engine/inventory/types.js';
import { buildPlan, renderPlanArtifacts, type MigrationPlan } from '../engine/plan/index.js';
import { syntheticConfig, syntheticInventory, type SyntheticInventoryOptions } from '../test/unit/plan/fixtures.js';
import { measure, mib, ratio, textTable, type Measurement } from './measure.js';
import type { Bench } from './registry.js';

export interface PlanBenchContext {
  readonly inventory: Inventory;
  readonly config: MigrationConfig;
  /** The plan built from this inventory (for stages that render or read it). */
  readonly plan: MigrationPlan;
  readonly migrationId: string;
}

export interface PlanBenchStage {
  readonly name: string;
  /** Which synthetic cluster the stage runs on. */
  readonly size: 'small' | 'large';
  /** Baselines are measured first; the others are reported as ratios to them. */
  readonly role?: 'baseline-data' | 'baseline-scale';
  run(context: PlanBenchContext): unknown;
}

const MIGRATION_ID = 'mig-20261125-000000-beef';

/** The storage probes as a healthy setup answers them: the evaluation, not S3, is what is measured. */
const PROBES_OK: Probes = { backupBucket: { ok: true }, evidenceBucket: { ok: true }, kmsKey: { ok: true } };

/** 1,000 topics × 10 partitions; 2,000 groups with offsets on one topic each; topic names in three domains. */
export const LARGE: SyntheticInventoryOptions = {
  topics: 1_000,
  partitionsPerTopic: 10,
  groups: 2_000,
  topicsPerGroup: 1,
  recordsPerPartition: 250_000,
  bytesPerRecord: 400,
  targetBrokers: 3,
  topicPrefix: (index) => `${['orders', 'payments', 'audit'][index % 3]}.events-${String(index).padStart(4, '0')}`,
};
/** A tenth of LARGE: the scaling baseline. */
export const SMALL: SyntheticInventoryOptions = { ...LARGE, topics: 100, groups: 200 };

export const PLAN_BENCH_STAGES: PlanBenchStage[] = [
  { name: 'JSON round trip of the inventory (10k partitions)', size: 'large', role: 'baseline-data', run: (ctx) => JSON.parse(JSON.stringify(ctx.inventory)) },
  { name: 'buildPlan, 1k partitions / 200 groups', size: 'small', role: 'baseline-scale', run: (ctx) => buildPlan(ctx.inventory, ctx.config, { migrationId: ctx.migrationId }) },
  { name: 'buildPlan, 10k partitions / 2k groups', size: 'large', run: (ctx) => buildPlan(ctx.inventory, ctx.config, { migrationId: ctx.migrationId }) },
  { name: 'render all six artifacts, 10k partitions', size: 'large', run: (ctx) => renderPlanArtifacts(ctx.plan) },
  {
    name: 'buildPlan + render, 10k partitions',
    size: 'large',
    run: (ctx) => renderPlanArtifacts(buildPlan(ctx.inventory, ctx.config, { migrationId: ctx.migrationId })),
  },
  { name: 'evaluatePrecheck, 10k partitions / 2k groups', size: 'large', run: (ctx) => evaluatePrecheck(ctx.inventory, ctx.config, PROBES_OK) },
];

export function addPlanBenchStage(stage: PlanBenchStage): void {
  PLAN_BENCH_STAGES.push(stage);
}

function context(options: SyntheticInventoryOptions, config: MigrationConfig): PlanBenchContext {
  const inventory = syntheticInventory(options);
  return { inventory, config, plan: buildPlan(inventory, config, { migrationId: MIGRATION_ID }), migrationId: MIGRATION_ID };
}

function flag(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

export const planBench: Bench = {
  description: 'buildPlan + renderers on 10,000 partitions / 2,000 groups, as ratios to same-run baselines',
  run(args) {
    const iterations = Math.max(1, Number(flag(args, '--iterations') ?? 5));
    const config = syntheticConfig({ sourceAuth: 'iam', targetAuth: 'iam' });
    const contexts = { small: context(SMALL, config), large: context(LARGE, config) };
    const partitions = contexts.large.plan.totals.partitions;
    const groups = contexts.large.plan.totals.groups;

    const ordered = [...PLAN_BENCH_STAGES].sort((a, b) => Number(a.role === undefined) - Number(b.role === undefined));
    const results: Array<{ stage: PlanBenchStage; measurement: Measurement }> = ordered.map((stage) => ({
      stage,
      measurement: measure(stage.name, () => stage.run(contexts[stage.size]), { iterations, warmup: 1 }),
    }));
    const dataBaseline = results.find((result) => result.stage.role === 'baseline-data')?.measurement;
    const scaleBaseline = results.find((result) => result.stage.role === 'baseline-scale')?.measurement;

    const artifacts = renderPlanArtifacts(contexts.large.plan);
    const artifactBytes = Object.values(artifacts).reduce((sum, text) => sum + Buffer.byteLength(text), 0);

    if (args.includes('--json')) {
      console.log(JSON.stringify({ partitions, groups, iterations, artifactBytes, results: results.map((result) => result.measurement) }, null, 2));
      return;
    }
    console.log(`plan bench: ${partitions.toLocaleString('en')} partitions, ${groups.toLocaleString('en')} groups, median of ${iterations} runs (Node ${process.version})\n`);
    console.log(
      textTable(
        ['stage', 'median', '× JSON round trip', '× 1k-partition plan', 'heap retained', 'heap Δ', 'RSS Δ'],
        results.map(({ measurement }) => [
          measurement.name,
          `${measurement.medianMs.toFixed(1)} ms`,
          ratio(measurement.medianMs, dataBaseline?.medianMs ?? 0),
          ratio(measurement.medianMs, scaleBaseline?.medianMs ?? 0),
          mib(measurement.retainedHeapBytes),
          mib(measurement.heapDeltaBytes),
          mib(measurement.rssDeltaBytes),
        ]),
      ),
    );
    const large = results.find((result) => result.stage.name.startsWith('buildPlan, 10k'))?.measurement;
    if (large !== undefined && scaleBaseline !== undefined) {
      console.log(
        `\nscaling: 10× the partitions and groups took ${ratio(large.medianMs, scaleBaseline.medianMs)} the time ` +
          `(linear would be 10.00×); the six artifacts total ${mib(artifactBytes)}.`,
      );
    }
  },
};
