import { describe, expect, it } from 'vitest';
import { buildPlan, renderRunbook } from '../../../engine/plan/index.js';
import { COMMAND_EXIT_CODES } from '../../../engine/plan/exit-codes.js';
import { SUBCOMMANDS } from '../../../source/cli-spec.js';
import { CONFIG_PATH, MIGRATION_ID, syntheticConfig, syntheticInventory } from './fixtures.js';

const CLI = 'kafka-backup migrate msk-kraft';

function commandLines(runbook: string): string[] {
  return runbook.split('\n').filter((line) => line.startsWith(CLI));
}

describe('runbook.md', () => {
  const plan = buildPlan(syntheticInventory({ topics: 4, partitionsPerTopic: 3, groups: 3 }), syntheticConfig(), {
    migrationId: MIGRATION_ID,
    configPath: CONFIG_PATH,
  });
  const runbook = renderRunbook(plan);

  it('gives every command in order, with the real config path and migration id', () => {
    const lines = commandLines(runbook);
    expect(lines.map((line) => line.split(' ')[3])).toEqual([
      'plan',
      'precheck',
      'execute',
      'status',
      'resume',
      'cutover',
      'cutover-ack',
      'finalize',
      'rollback',
    ]);
    expect(lines).toContain(`${CLI} precheck --config ${CONFIG_PATH}`);
    for (const line of lines.filter((item) => !item.includes(' precheck '))) {
      expect(line).toContain(`--config ${CONFIG_PATH}`);
      expect(line).toContain(`--migration-id ${MIGRATION_ID}`);
      expect(line).not.toContain('--journal-dir');
    }
    expect(runbook.startsWith(`# Migration runbook: ${MIGRATION_ID}\n`)).toBe(true);
  });

  it('adds --journal-dir to every command after precheck when the journal is local', () => {
    const local = renderRunbook(
      buildPlan(syntheticInventory(), syntheticConfig(), { migrationId: MIGRATION_ID, configPath: '/srv/my configs/m.yaml', journalDir: '/var/kb journal' }),
    );
    const lines = commandLines(local).filter((line) => !/ (plan|precheck) /.test(line));
    expect(lines).toHaveLength(7);
    for (const line of lines) {
      expect(line).toContain("--journal-dir '/var/kb journal'");
      expect(line).toContain("--config '/srv/my configs/m.yaml'");
    }
  });

  it('marks cutover as the point of no return and says where rollback stops', () => {
    const cutover = runbook.indexOf('## Step 4: cutover');
    const noReturn = runbook.indexOf('**Point of no return.**');
    expect(noReturn).toBeGreaterThan(cutover);
    expect(runbook.slice(noReturn, noReturn + 600)).toMatch(/commits translated consumer offsets on the target/);
    expect(runbook).toMatch(/`planned`, `precheck`, `topology_copy`, `seed`, `tail`, `drain_ready`; refused from `cutover` on/);
  });

  it('explains every exit code, resume\'s 10 included, as the command line declares them', () => {
    for (const spec of SUBCOMMANDS) {
      const documented = COMMAND_EXIT_CODES[spec.name as keyof typeof COMMAND_EXIT_CODES];
      if (documented === undefined) continue;
      expect(documented, spec.name).toEqual(spec.exitCodes);
      for (const [code, meaning] of spec.exitCodes) expect(runbook).toContain(`| ${spec.name} | ${code} | ${meaning} |`);
    }
    expect(runbook).toContain('| 10 | Migration is waiting on operator action (check stderr for next_command) |');
  });

  it('has the pre-flight checklist: artifacts to apply, producer freeze, client switch plan', () => {
    const checklist = runbook.slice(runbook.indexOf('## Before you start'), runbook.indexOf('## Step 1'));
    expect(checklist).toContain('aws-cli.sh');
    expect(checklist).toContain('iam-policy-concrete.json');
    expect(checklist).toMatch(/Producer freeze: cutover calls the configured webhook/);
    expect(checklist).toMatch(/Client switch plan/);
    const prompt = renderRunbook(buildPlan(syntheticInventory(), syntheticConfig({ webhook: false }), { migrationId: MIGRATION_ID }));
    expect(prompt).toMatch(/a person must be at the terminal during cutover/);
    expect(prompt).toContain(`${CLI} precheck --config migration.yaml`);
  });

  it('carries the plan\'s sizes, estimates and locations', () => {
    expect(runbook).toContain(`| Partitions | ${plan.totals.partitions} |`);
    expect(runbook).toContain(plan.locations.segments);
    expect(runbook).toContain(plan.locations.journal.uri);
    expect(runbook).toContain(plan.locations.evidence);
    expect(runbook).toContain(`groups_translated=${plan.totals.groups}`);
    expect(runbook).toContain(`offsets_committed=${plan.totals.committedOffsets}`);
    expect(runbook).toContain(`partitions_checked=${plan.totals.partitions}`);
    expect(runbook).toContain('55 MB/s');
    for (const topic of plan.topics) expect(runbook).toContain(`| ${topic.name} |`);
  });

  it('lists the findings with their remedies', () => {
    const capped = renderRunbook(buildPlan(syntheticInventory({ targetBrokers: 2 }), syntheticConfig(), { migrationId: MIGRATION_ID }));
    expect(capped).toMatch(/\| warning \| RF_CAPPED \| 3 topics \| replication factor 3 → 2/);
  });
});
