/**
 * The topology_copy phase: the planned topics onto the target. Journals the names it is about to create first, so
 * a resumed run knows they are its own; completes with a `topology.applied` checkpoint (what was created, what was
 * already there), which the rollback report reads.
 */
import { z } from 'zod';
import { defineCheckpoint } from '../journal/index.js';
import type { MigrationRun } from './run-context.js';

export const TOPOLOGY_CREATING = defineCheckpoint('topology.creating', z.object({ topics: z.array(z.string()) }));
export const TOPOLOGY_APPLIED = defineCheckpoint(
  'topology.applied',
  z.object({ created: z.array(z.string()), present: z.array(z.string()), implementation: z.string() }),
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
    });
    const created = [...new Set([...result.created, ...result.present.filter((name) => ours.has(name))])].sort();
    const present = result.present.filter((name) => !ours.has(name)).sort();
    await run.journal.checkpoint(TOPOLOGY_APPLIED, { created, present, implementation: result.implementation });
    run.emit({ type: 'topology.applied', created, present, implementation: result.implementation });
  } finally {
    await applier.close().catch(() => undefined);
  }
}
