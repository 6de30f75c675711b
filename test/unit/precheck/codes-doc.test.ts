/**
 * docs/precheck-codes.md and the catalogue in engine/precheck/codes.ts describe the same codes, and every code the
 * rules can emit is in the catalogue (and the other way round).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRECHECK_CODES, PRECHECK_CODE_LIST, type PrecheckCode } from '../../../engine/precheck/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'precheck-codes.md'), 'utf8');
const RULES_DIR = join(ROOT, 'engine', 'precheck', 'rules');

/** `### B07 — title` sections: code → body up to the next heading. */
function docSections(): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = DOC.split(/^### /m).slice(1);
  for (const part of parts) {
    const match = /^([BWI]\d\d) — /.exec(part);
    if (match?.[1] !== undefined) sections.set(match[1], part.split(/^## /m)[0] ?? part);
  }
  return sections;
}

function tableRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of DOC.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length >= 7 && /^[BWI]\d\d$/.test(cells[1] ?? '')) rows.set(cells[1] ?? '', cells.slice(2, 6));
  }
  return rows;
}

describe('docs/precheck-codes.md', () => {
  it('has a section for every catalogue code and none other', () => {
    expect([...docSections().keys()].sort()).toEqual([...PRECHECK_CODE_LIST]);
  });
  it('lists every code in the summary table with the catalogue\'s severity, printed word, subject and title', () => {
    const rows = tableRows();
    expect([...rows.keys()].sort()).toEqual([...PRECHECK_CODE_LIST]);
    for (const code of PRECHECK_CODE_LIST) {
      const entry = PRECHECK_CODES[code];
      expect(rows.get(code), code).toEqual([entry.severity, entry.printed, entry.subject, entry.title]);
    }
  });
  it('gives each code its severity, subject, what it checks, an example line in the printed form, and a fix', () => {
    for (const [code, body] of docSections()) {
      const entry = PRECHECK_CODES[code as PrecheckCode];
      expect(body, code).toContain(`- **Severity:** ${entry.severity} (printed \`${entry.printed}\``);
      expect(body, code).toMatch(/- \*\*Subject:\*\* \S/);
      expect(body, code).toMatch(/- \*\*Checks:\*\* \S/);
      expect(body, code).toMatch(/- \*\*Fix:\*\* \S/);
      const example = /- \*\*Example:\*\*\n\s*```\n\s*(.+)\n\s*```/.exec(body)?.[1];
      expect(example, `${code} example`).toBeDefined();
      expect(example?.startsWith(`${code} ${entry.printed}: `), `${code} example: ${example}`).toBe(true);
      expect(example, code).toContain(' — ');
    }
  });
  it("quotes the reference product's W03, W04 and I01 lines word for word", () => {
    expect(DOC).toContain(
      "W04 warn: could not verify target message-size floor (target broker DescribeConfigs returned no message.max.bytes or replica.fetch.max.bytes (dynamic-config only on this broker)) — ensure target `message.max.bytes` and `replica.fetch.max.bytes` ≥ largest source topic's effective max.message.bytes",
    );
    expect(DOC).toContain(
      'W03 info: KMS key ARN set on backup channel — CMK access is not verified by this precheck phase; ensure the caller has kms:Encrypt/Decrypt/GenerateDataKey',
    );
    expect(DOC).toContain(
      'I01 info: target is IAM-auth — ACLs will be emitted as access-map.json for customer IaC to translate to IAM policies (tool does not apply IAM)',
    );
  });
});

describe('the catalogue and the rules', () => {
  const sources = readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(join(RULES_DIR, name), 'utf8'))
    .join('\n');
  const used = new Set([...sources.matchAll(/'([BWI]\d\d)'/g)].map((match) => match[1] ?? ''));

  it('every catalogue code is emitted by some rule', () => {
    expect(PRECHECK_CODE_LIST.filter((code) => !used.has(code))).toEqual([]);
  });
  it('every code a rule names is in the catalogue', () => {
    expect([...used].filter((code) => !(code in PRECHECK_CODES))).toEqual([]);
  });
  it('codes follow their severity letter', () => {
    for (const code of PRECHECK_CODE_LIST) {
      const letter = { blocker: 'B', warning: 'W', info: 'I' }[PRECHECK_CODES[code].severity];
      expect(code.startsWith(letter), code).toBe(true);
    }
  });
});
