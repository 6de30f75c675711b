import { describe, expect, it } from 'vitest';
import { buildPrecheckReport, finding } from '../../../engine/precheck/index.js';
import { renderPrecheckForTerminal, wrap } from '../../../source/commands/precheck-terminal.js';

const report = buildPrecheckReport([
  finding('B07', 'kb-backup', 'backup bucket kb-backup does not exist', 'create it with aws-cli.sh from plan --format all'),
  finding('W07', 'target', 'auto.create.topics.enable=true on the target', 'set it to false in the MSK configuration'),
]);

describe('precheck on a terminal', () => {
  it('groups findings by severity, blockers first, each with its remedy, and ends with the verdict', () => {
    const text = renderPrecheckForTerminal(report, { color: false });
    expect(text.indexOf('Blockers (1)')).toBeLessThan(text.indexOf('Warnings (1)'));
    expect(text).toContain('B07 blocker  kb-backup');
    expect(text).toContain('fix: create it with aws-cli.sh');
    expect(text.trimEnd().split('\n').at(-1)).toBe('precheck failed: 1 blocker, 1 warning, 0 infos');
  });

  it('uses no escape codes without colour (NO_COLOR), and some with it', () => {
    expect(renderPrecheckForTerminal(report, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderPrecheckForTerminal(report, { color: true })).toMatch(/\u001b\[31m/);
  });

  it('wraps long lines to the terminal width, indented', () => {
    const lines = wrap('one two three four five six seven eight nine ten', '    ', 30);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.startsWith('    ')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(30);
    }
    expect(lines.map((l) => l.trim()).join(' ')).toBe('one two three four five six seven eight nine ten');
  });
});
