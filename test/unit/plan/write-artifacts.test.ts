import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isMigrationError } from '../../../engine/errors.js';
import { buildPlan, PLAN_ARTIFACT_FILES, renderPlanArtifacts, writePlanArtifacts } from '../../../engine/plan/index.js';
import { MIGRATION_ID, syntheticConfig, syntheticInventory } from './fixtures.js';

let dir = '';
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function files(): Record<string, string> {
  return renderPlanArtifacts(buildPlan(syntheticInventory(), syntheticConfig(), { migrationId: MIGRATION_ID }));
}

describe('writePlanArtifacts', () => {
  it('creates the folder and writes all six files, the script executable, nothing else left behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-plan-out-'));
    const out = join(dir, 'nested', 'plan');
    const rendered = files();
    const written = await writePlanArtifacts(rendered, out);
    expect(written).toEqual(PLAN_ARTIFACT_FILES.map((name) => join(out, name)));
    expect(readdirSync(out).sort()).toEqual([...PLAN_ARTIFACT_FILES].sort());
    for (const name of PLAN_ARTIFACT_FILES) expect(readFileSync(join(out, name), 'utf8')).toBe(rendered[name]);
    expect(statSync(join(out, 'aws-cli.sh')).mode & 0o111).not.toBe(0);
    expect(statSync(join(out, 'plan.json')).mode & 0o111).toBe(0);
  });

  it('refuses when any file exists, names it, and writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-plan-out-'));
    writeFileSync(join(dir, 'runbook.md'), 'mine\n');
    writeFileSync(join(dir, 'cost-estimate.json'), '{}\n');
    let error: unknown;
    try {
      await writePlanArtifacts(files(), dir);
    } catch (caught) {
      error = caught;
    }
    expect(isMigrationError(error)).toBe(true);
    expect((error as Error).message).toContain('runbook.md, cost-estimate.json');
    expect((error as { hint: string }).hint).toContain('--force');
    expect(readdirSync(dir).sort()).toEqual(['cost-estimate.json', 'runbook.md']);
    expect(readFileSync(join(dir, 'runbook.md'), 'utf8')).toBe('mine\n');
  });

  it('replaces existing files with force', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-plan-out-'));
    writeFileSync(join(dir, 'runbook.md'), 'old\n');
    const rendered = files();
    await writePlanArtifacts(rendered, dir, { force: true });
    expect(readFileSync(join(dir, 'runbook.md'), 'utf8')).toBe(rendered['runbook.md']);
    expect(readdirSync(dir)).toHaveLength(6);
  });

  it('refuses names that are not plain file names', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-plan-out-'));
    await expect(writePlanArtifacts({ '../escape.json': '{}' }, dir)).rejects.toThrow(/plain file name/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
