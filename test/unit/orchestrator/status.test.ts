/** The status snapshot from a journal, without the lease: state, lag against live or boundary offsets, ETA, notes, next action. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partitionKey } from '../../../engine/copy/positions.js';
import { executeMigration } from '../../../engine/orchestrator/index.js';
import { migrationStatus, renderStatusLines } from '../../../engine/status/index.js';
import { fakeConfig, fakeWorld } from './fakes.js';

describe('migrationStatus', () => {
  it('drain_ready: lag 0 against the live source, then lag appears when the source grows; next action cutover', async () => {
    const world = fakeWorld();
    const config = fakeConfig();
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-status-'));
    const outcome = await executeMigration({ config, journalDir, ports: world.ports, toolVersion: 't', timings: { tickMs: 2, checkpointEveryMs: 5, progressEveryMs: 5 }, forceRestart: false });
    const options = { config, journalDir, migrationId: outcome.migrationId, offsetReader: world.ports.offsetReader };
    const now = await migrationStatus(options);
    expect(now).toMatchObject({ state: 'drain_ready', sourceOffsets: 'live', lease: null, nextCommand: 'cutover', nextAction: 'run `cutover`', etaSeconds: 0 });
    expect(now.totals).toMatchObject({ partitions: 4, totalLag: 0, maxLag: 0 });
    expect(now.transitions).toHaveLength(5);

    const key = [...world.ends.keys()][2] as string;
    world.ends.set(key, (world.ends.get(key) ?? 0) + 42);
    const later = await migrationStatus(options);
    expect(later.totals).toMatchObject({ totalLag: 42, maxLag: 42, behind: 1 });
    expect(later.partitions.find((p) => partitionKey(p) === key)?.lag).toBe(42);

    const offline = await migrationStatus({
      ...options,
      offsetReader: () => ({ offsets: async () => Promise.reject(new Error('no brokers')), close: async () => undefined }),
    });
    expect(offline.sourceOffsets).toBe('boundary');
    expect(offline.notes.join('\n')).toContain('the source did not answer (no brokers)');
    const text = renderStatusLines(offline);
    expect(text).toMatch(/^state: drain_ready \(since /m);
    expect(text).toMatch(/^totals: partitions=4 behind=0 total_lag=0 max_partition_lag=0 /m);
    expect(text).toContain('next: run `cutover`');
  });
});
