import { describe, expect, it } from 'vitest';
import { buildPlan, checkMigrationId, generateMigrationId, renderPlanArtifacts } from '../../../engine/plan/index.js';
import { MIGRATION_ID, PLAN_ENV, syntheticConfig, syntheticInventory } from './fixtures.js';

describe('artifacts never carry secrets', () => {
  it('holds neither the SCRAM password nor the webhook secret in any of the six files', () => {
    for (const config of [
      syntheticConfig({ sourceAuth: 'scram-sha-512', targetAuth: 'scram-sha-512' }),
      syntheticConfig({ sourceAuth: 'scram-sha-512', targetAuth: 'iam', webhook: true }),
    ]) {
      expect(config.source.auth.mode === 'scram-sha-512' && config.source.auth.password).toBe(PLAN_ENV.SCRAM_PASSWORD);
      const artifacts = renderPlanArtifacts(buildPlan(syntheticInventory(), config, { migrationId: MIGRATION_ID }));
      for (const [name, text] of Object.entries(artifacts)) {
        expect(text.includes(PLAN_ENV.SCRAM_PASSWORD), name).toBe(false);
        expect(text.includes(PLAN_ENV.FREEZE_HMAC_SECRET), name).toBe(false);
      }
    }
  });
});

describe('migration ids', () => {
  it('are readable, sortable and made from the given clock and random source', () => {
    expect(generateMigrationId(new Date('2026-11-25T16:46:53.120Z'), () => 0.4959)).toBe('mig-20261125-164653-7ef3');
    const earlier = generateMigrationId(new Date('2026-01-02T03:04:05Z'), () => 0.999);
    const later = generateMigrationId(new Date('2026-01-02T03:04:06Z'), () => 0);
    expect(earlier < later).toBe(true);
    expect(later).toBe('mig-20260102-030406-0000');
    expect(generateMigrationId(new Date('2026-01-02T03:04:05Z'), () => 1)).toMatch(/-ffff$/);
  });

  it('are accepted by buildPlan, like any safe pinned id', () => {
    const id = generateMigrationId(new Date('2026-11-25T00:00:00Z'), () => 0.5);
    expect(checkMigrationId(id)).toBeUndefined();
    expect(checkMigrationId(MIGRATION_ID)).toBeUndefined();
    expect(checkMigrationId('orders-2026.q4_cutover')).toBeUndefined();
    for (const bad of ['', '-x', 'a/b', 'a b', 'a..b', "x'y", 'é']) expect(checkMigrationId(bad), bad).toBeDefined();
  });

  it('refuses an invalid date', () => {
    expect(() => generateMigrationId(new Date('nope'), () => 0)).toThrow(RangeError);
  });
});
