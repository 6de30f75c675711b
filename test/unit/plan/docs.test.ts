import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, PLAN_ARTIFACT_FILES } from '../../../engine/plan/index.js';
import { MIGRATION_ID, syntheticConfig, syntheticInventory, topicConfig } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'plan.md'), 'utf8');
/** Every `code span` in the document (field names are written in them). */
const codeSpans = [...doc.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string);

describe('docs/plan.md', () => {
  const base = syntheticInventory({ topicConfigs: () => [topicConfig('min.insync.replicas', '2')] });
  const plan = buildPlan(
    { ...base, target: { ...base.target, topics: [base.source.topics[0] as NonNullable<(typeof base.source.topics)[0]>] } },
    syntheticConfig(),
    { migrationId: MIGRATION_ID },
  );

  it('describes every field of plan.json', () => {
    const objects: Array<[string, object]> = [
      ['top level', plan],
      ['cluster', plan.clusters.source],
      ['topic', plan.topics[0] as object],
      ['partition', plan.topics[0]?.partitions[0] as object],
      ['carried config', plan.topics[0]?.configs.carried[0] as object],
      ['target topic', plan.topics.find((topic) => topic.target !== null)?.target as object],
      ['group', plan.groups[0] as object],
      ['acls', plan.acls],
      ['phase', plan.phases[0] as object],
      ['runnerAccess', plan.runnerAccess],
      ['selection', plan.runnerAccess.topics],
      ['targetBrokerSettings', plan.targetBrokerSettings],
      ['assumptions', plan.assumptions],
      ['totals', plan.totals],
      ['locations', plan.locations],
      ['finding', plan.findings[0] as object],
    ];
    for (const [what, value] of objects) {
      for (const key of Object.keys(value)) {
        const named = codeSpans.some((span) => new RegExp(`(^|[^A-Za-z])${key}([^A-Za-z]|$)`).test(span));
        expect(named, `${what}.${key} is not named in a code span of docs/plan.md`).toBe(true);
      }
    }
  });

  it('lists every finding code the planner can emit, and names all six files', () => {
    const sources = readdirSync(join(ROOT, 'engine', 'plan'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(ROOT, 'engine', 'plan', name), 'utf8'))
      .join('\n');
    const codes = new Set([...sources.matchAll(/code: '([A-Z_]+)'/g)].map((match) => match[1] as string));
    for (const match of sources.matchAll(/^ {2}([A-Z_]+): \{\n {4}severity:/gm)) codes.add(match[1] as string);
    expect(codes.size).toBeGreaterThan(20);
    for (const code of codes) {
      if (code === 'USAGE' || code === 'INTERNAL' || code === 'STORAGE') continue; // MigrationError codes, not findings
      expect(doc, code).toContain(`| \`${code}\` |`);
    }
    for (const file of PLAN_ARTIFACT_FILES) expect(doc).toContain(`\`${file}\``);
  });
});
