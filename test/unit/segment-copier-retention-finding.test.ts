/**
 * A retention gap the segment copier jumps over reaches the journal as a `COPY_RETENTION_GAP` finding (once per
 * partition, not again when the journal has one), even though the copy passed the gap before any log start check
 * could see it: the copier calls CopyStartOptions.onRetentionGap, the orchestrator's reporter journals it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RetentionGapReport } from '../../engine/copy/data-copier.js';
import { initialPosition, partitionKey } from '../../engine/copy/positions.js';
import { createSegmentCopier } from '../../engine/copy/segment-copier/index.js';
import { createJournal } from '../../engine/journal/index.js';
import type { OrchestratorEvent } from '../../engine/orchestrator/index.js';
import { retentionGapReporter } from '../../engine/orchestrator/retention-gap.js';
import { buildWorld, MIGRATION_ID } from './finalize-fixtures.js';
import { fakeConfig } from './orchestrator/fakes.js';
import { FakeS3 } from './segments/fake-s3.js';
import { MemorySource, MemoryTarget, MIGRATION, memoryStore, record, until } from './segment-copier-ports.js';

describe('retention gaps reach the journal', () => {
  it('the copier reports each jump over deleted offsets through onRetentionGap', async () => {
    const source = new MemorySource();
    const p0 = { topic: 't.ret', partition: 0 };
    source.add(p0, Array.from({ length: 30 }, (_, o) => record(o)));
    source.truncate(p0, 12);
    const gaps: RetentionGapReport[] = [];
    const copier = createSegmentCopier({
      openReader: () => source,
      openWriter: () => new MemoryTarget(),
      openStore: () => memoryStore(new FakeS3()),
      migrationId: MIGRATION,
      maxConcurrentPartitions: 1,
      segmentMaxBytes: 4096,
    });
    const run = await copier.start([initialPosition(p0, 0)], { tailFrom: new Map([[partitionKey(p0), 30]]), onRetentionGap: (gap) => gaps.push(gap) });
    await until('the seed to finish', () => run.snapshot()[0]?.nextSourceOffset === 30);
    await run.stop();
    expect(gaps).toEqual([{ topic: 't.ret', partition: 0, from: 0, to: 12 }]);
  });

  it('journals a COPY_RETENTION_GAP finding once per partition, and none when the journal has one already', async () => {
    const journal = await createJournal({
      migrationId: MIGRATION_ID,
      journalDir: mkdtempSync(path.join(tmpdir(), 'kb-segcopy-retention-')),
      config: fakeConfig(),
      command: 'execute',
      toolVersion: 't',
      plan: buildWorld().inputs.plan,
    });
    await journal.reportFinding({ code: 'COPY_RETENTION_GAP', severity: 'warning', subject: 'orders-1', detail: 'seen by the log start check', remedy: 'r' });
    const events: OrchestratorEvent[] = [];
    const report = retentionGapReporter({ journal, emit: (event) => events.push(event) });
    report({ topic: 'orders', partition: 0, from: 5, to: 40 });
    report({ topic: 'orders', partition: 0, from: 50, to: 60 });
    report({ topic: 'orders', partition: 1, from: 0, to: 9 });
    const findings = () => journal.entries().flatMap((e) => (e.kind === 'finding.reported' && e.finding.code === 'COPY_RETENTION_GAP' ? [e.finding] : []));
    await until('the finding to be journaled', () => findings().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(findings().map((f) => [f.subject, f.detail])).toEqual([
      ['orders-1', 'seen by the log start check'],
      ['orders-0', 'orders-0: the source log start was 40 when the copy reached offset 5: offsets 5..39 were deleted by retention before they were copied'],
    ]);
    expect(events).toEqual([{ type: 'warning', message: findings()[1]?.detail }]);
    await journal.close();
  });
});
