/** On an IAM target the topology phase journals the access map with finding I01 and writes access-map.json beside a local journal. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../../engine/journal/index.js';
import { executeMigration, type OrchestratorPorts } from '../../../engine/orchestrator/index.js';
import { TOPOLOGY_ACCESS_MAP } from '../../../engine/orchestrator/topology-phase.js';
import type { TopologyReport } from '../../../engine/topology/index.js';
import { fakeConfig, fakeWorld } from './fakes.js';

const ACCESS_MAP = { schemaVersion: 1, principals: [{ principal: 'User:billing', statements: [{ actions: ['kafka-cluster:ReadData'], resources: ['arn:topic'] }] }] };

describe('topology_copy on an IAM target', () => {
  it('journals the access map and I01, and writes access-map.json next to the local journal', async () => {
    const world = fakeWorld();
    const config = fakeConfig();
    const journalDir = mkdtempSync(path.join(tmpdir(), 'kb-access-map-'));
    const ports: OrchestratorPorts = {
      ...world.ports,
      topology: async (input) => {
        const base = await world.ports.topology(input);
        return { ...base, report: { accessMap: ACCESS_MAP, topics: { configsDeferred: [] } } as unknown as TopologyReport };
      },
    };
    const outcome = await executeMigration({
      config,
      journalDir,
      ports,
      toolVersion: '0.0.0-test',
      timings: { tickMs: 2, checkpointEveryMs: 5, progressEveryMs: 5 },
      forceRestart: false,
    });
    expect(outcome).toMatchObject({ state: 'drain_ready' });
    const journal = await openJournal({ migrationId: outcome.migrationId, journalDir, config });
    expect(journal.latestCheckpoint(TOPOLOGY_ACCESS_MAP)?.value.document).toEqual(ACCESS_MAP);
    const findings = journal.entries().filter((e) => e.kind === 'finding.reported');
    expect(findings.map((e) => (e as { finding: { code: string } }).finding.code)).toContain('I01');
    const file = path.join(path.dirname(journal.location), 'access-map.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(ACCESS_MAP);
    await journal.close();
  });
});
