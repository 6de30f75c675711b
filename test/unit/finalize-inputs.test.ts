/**
 * validationInputs reads what finalize checks against from a real local journal: the planned partitions with the
 * current seed generation's positions, the retention gaps the copy reported, the carried settings kept on purpose.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY_POSITIONS, SEED_BOUNDARY } from '../../engine/copy/checkpoints.js';
import { checkCountsAndOffsets } from '../../engine/finalize/check-counts.js';
import { validationInputs } from '../../engine/finalize/inputs.js';
import { createJournal } from '../../engine/journal/index.js';
import { TOPOLOGY_AFTER_SEED } from '../../engine/orchestrator/topology-phase.js';
import { fakeConfig } from './orchestrator/fakes.js';
import { buildWorld, MIGRATION_ID } from './finalize-fixtures.js';

const position = (partition: number, runs: Array<[number, number, number]>, generation: number) => ({
  generation,
  phase: 'tail' as const,
  complete: true,
  partitions: [{ topic: 'orders', partition, nextSourceOffset: 12, targetEnd: (runs.at(-1)?.[1] ?? 0) + (runs.at(-1)?.[2] ?? 0), runs, records: 10, bytes: 100, tailRecords: 0, tailBytes: 0 }],
});

describe('validationInputs', () => {
  it('takes the positions of the current seed generation, the retention gaps and the kept settings from the journal', async () => {
    const world = buildWorld();
    const config = fakeConfig();
    const journal = await createJournal({ migrationId: MIGRATION_ID, journalDir: mkdtempSync(path.join(tmpdir(), 'kb-finalize-inputs-')), config, command: 'execute', toolVersion: 't', plan: world.inputs.plan });
    for (const state of ['precheck', 'topology_copy', 'seed'] as const) await journal.transition(state);
    await journal.checkpoint(SEED_BOUNDARY, { generation: 1, partitions: [{ topic: 'orders', partition: 0, logStart: 0, end: 12 }] });
    await journal.checkpoint(COPY_POSITIONS, position(0, [[0, 0, 12]], 1));
    // --force-restart: a second generation copies again after the first one's records.
    await journal.transition('seed', { forceRestart: true });
    await journal.checkpoint(SEED_BOUNDARY, { generation: 2, partitions: [{ topic: 'orders', partition: 0, logStart: 2, end: 12 }] });
    await journal.checkpoint(COPY_POSITIONS, position(0, [[2, 12, 10]], 2));
    await journal.reportFinding({ code: 'COPY_RETENTION_GAP', severity: 'warning', subject: 'orders-0', detail: 'offsets 0..1 were deleted by retention before they were copied', remedy: 'r' });
    await journal.checkpoint(TOPOLOGY_AFTER_SEED, { set: [], skipped: [{ topic: 'orders', name: 'message.timestamp.type', value: 'LogAppendTime', reason: 'kept by keep_target' }] });
    const inputs = validationInputs(journal, { countTolerance: 1, spotCheckRecordsPerPartition: 2 });
    await journal.close();

    expect(inputs.generation).toBe(2);
    expect(inputs.partitions).toEqual([
      { topic: 'orders', partition: 0, seedFrom: 2, position: { nextSourceOffset: 12, targetEnd: 22, runs: [[2, 12, 10]] } },
      { topic: 'orders', partition: 1, seedFrom: null, position: null },
      { topic: 'orders', partition: 2, seedFrom: null, position: null },
    ]);
    expect(inputs.retentionGaps.get('orders-0')).toBe('offsets 0..1 were deleted by retention before they were copied');
    expect(inputs.keptSettings.get('orders\u0000message.timestamp.type')).toBe('kept by keep_target');
    expect(inputs.cutover).toBeUndefined();

    // The earlier generation's copy is named as duplicates; never-copied partitions count as behind or missing.
    const counts = checkCountsAndOffsets(inputs, []);
    expect(counts.outcome.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'orders-0: the seed was restarted with --force-restart (generation 2): target offsets below 12 hold what an earlier generation copied (duplicates for a consumer reading from the start); only the current copy was compared',
        'orders-1: the journal holds no copy position for this partition: it was never copied',
      ]),
    );
    expect(counts.summary).toMatchObject({ partitionsChecked: 3, targetBehindOrMissing: 2 });
  });
});
