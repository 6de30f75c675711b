/**
 * The topology_copy phase: the planned topics, configs and ACLs onto the target. Journals the names it is about to
 * create first, so a resumed run knows they are its own; completes with a `topology.applied` checkpoint (what was
 * created, what was already there, copyTopology's report), which the after-seed step and the rollback report read.
 * `applyAfterSeed` sets the deferred configs (timestamp limits, LogAppendTime) once the seed is done.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineCheckpoint } from '../journal/index.js';
import { ACCESS_MAP_FILE, accessMapFinding, applyAfterSeedConfigs, type TopologyReport } from '../topology/index.js';
import type { MigrationRun } from './run-context.js';

export const TOPOLOGY_CREATING = defineCheckpoint('topology.creating', z.object({ topics: z.array(z.string()) }));
export const TOPOLOGY_APPLIED = defineCheckpoint(
  'topology.applied',
  z.object({ created: z.array(z.string()), present: z.array(z.string()), implementation: z.string(), report: z.unknown().optional() }),
);
/** On an IAM target: each principal's ACLs as the IAM actions and resources they mean (`access-map.json`). */
export const TOPOLOGY_ACCESS_MAP = defineCheckpoint('topology.access_map', z.object({ document: z.unknown() }));

export const TOPOLOGY_AFTER_SEED = defineCheckpoint(
  'topology.after_seed',
  z.object({
    set: z.array(z.object({ topic: z.string(), name: z.string(), value: z.string() })),
    skipped: z.array(z.object({ topic: z.string(), name: z.string(), value: z.string(), reason: z.string() })),
  }),
);

/** Every topic this migration journaled that it was about to create. */
export function topicsCreatedBy(entries: ReturnType<MigrationRun['journal']['entries']>): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    if (entry.kind === 'checkpoint' && entry.name === TOPOLOGY_CREATING.name) {
      for (const name of TOPOLOGY_CREATING.parse(entry.payload).topics) names.add(name);
    }
  }
  return names;
}

export async function runTopologyPhase(run: MigrationRun): Promise<void> {
  run.inventory ??= await run.ports.discover(run.config);
  const ours = topicsCreatedBy(run.journal.entries());
  const applier = await run.ports.connectApplier(run.plan);
  try {
    const result = await run.ports.topology({
      plan: run.plan,
      config: run.config,
      inventory: run.inventory,
      applier,
      createdByThisMigration: ours,
      beforeCreateTopics: async (names) => {
        await run.journal.checkpoint(TOPOLOGY_CREATING, { topics: [...names] });
      },
      onEvent: (event) => run.emit({ type: 'topology.progress', event }),
    });
    const created = [...new Set([...result.created, ...result.present.filter((name) => ours.has(name))])].sort();
    const present = result.present.filter((name) => !ours.has(name)).sort();
    await run.journal.checkpoint(TOPOLOGY_APPLIED, { created, present, implementation: result.implementation, ...(result.report === null ? {} : { report: result.report }) });
    await recordAccessMap(run, result.report as TopologyReport | null);
    run.emit({ type: 'topology.applied', created, present, implementation: result.implementation });
  } finally {
    await applier.close().catch(() => undefined);
  }
}

/**
 * An IAM target gets no Kafka ACLs: the access map goes into the journal (and, with a local journal, into
 * `<journal-dir>/<id>/access-map.json` beside it) with finding I01; the evidence bundle takes it from the journal.
 */
async function recordAccessMap(run: MigrationRun, report: TopologyReport | null): Promise<void> {
  if (report === null || report.accessMap === null) return;
  await run.journal.checkpoint(TOPOLOGY_ACCESS_MAP, { document: report.accessMap });
  await run.journal.reportFinding(accessMapFinding(run.plan));
  if (run.journal.storeKind === 'local') {
    const dir = path.dirname(run.journal.location);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, ACCESS_MAP_FILE), `${JSON.stringify(report.accessMap, null, 2)}\n`);
  }
}

/** The deferred topic configs, once the seed has copied the historical records; idempotent, journaled. */
export async function applyAfterSeed(run: MigrationRun): Promise<void> {
  const applied = run.journal.latestCheckpoint(TOPOLOGY_APPLIED)?.value;
  const report = applied?.report as TopologyReport | undefined;
  const applier = await run.ports.connectApplier(run.plan);
  try {
    const result = await applyAfterSeedConfigs(run.plan, applier, {
      ...(report === undefined ? {} : { report }),
      onEvent: (event) => run.emit({ type: 'topology.progress', event }),
    });
    await run.journal.checkpoint(TOPOLOGY_AFTER_SEED, { set: result.set, skipped: result.skipped });
  } finally {
    await applier.close().catch(() => undefined);
  }
}
