import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildLineIndex } from '../../../engine/config/yaml-lines.js';

const TEXT = `# comment line 1
enterprise:
  msk_kraft_migration:
    source:
      bootstrap_servers:
        - a:1          # line 6
        - "b:2"
      auth:
        mode: scram-sha-512   # line 9

    topics:
      include:
      - "orders.*"     # line 13 (list at the key's own indentation)
      - '/x/'
      exclude: ["__*"]
    notes: |
      text: that looks like a key
        - and an item
    "quoted key": 1    # line 19
    target: { auth: { mode: iam } }
    seed:
      - name: first    # line 22
        size: 1
      - name: second
        size: 2        # line 25
    multi: [
      a,
      b ]
    cutover:           # line 29
      drain_timeout: 30m
`;

describe('line index', () => {
  const index = buildLineIndex(TEXT);
  it('is checked against a text js-yaml accepts', () => {
    expect(() => yaml.load(TEXT)).not.toThrow();
  });

  const at = (...path: (string | number)[]) => index.lineOf(['enterprise', 'msk_kraft_migration', ...path]);

  it('finds keys in block mappings at any depth', () => {
    expect(index.lineOf(['enterprise'])).toBe(2);
    expect(at('source')).toBe(4);
    expect(at('source', 'auth', 'mode')).toBe(9);
    expect(at('cutover', 'drain_timeout')).toBe(30);
  });

  it('finds list items, also lists written at their key indentation', () => {
    expect(at('source', 'bootstrap_servers', 0)).toBe(6);
    expect(at('source', 'bootstrap_servers', 1)).toBe(7);
    expect(at('topics', 'include', 0)).toBe(13);
    expect(at('topics', 'include', 1)).toBe(14);
    expect(at('topics', 'exclude')).toBe(15);
  });

  it('finds keys of mappings inside list items', () => {
    expect(at('seed', 0, 'name')).toBe(22);
    expect(at('seed', 0, 'size')).toBe(23);
    expect(at('seed', 1)).toBe(24);
    expect(at('seed', 1, 'size')).toBe(25);
  });

  it('skips block scalars and multi-line flow collections', () => {
    expect(at('notes', 'text')).toBe(16); // not a key: falls back to `notes`
    expect(at('quoted key')).toBe(19);
    expect(at('multi')).toBe(26);
    expect(at('cutover')).toBe(29);
  });

  it('points keys inside a flow mapping, and missing keys, at the nearest key that exists', () => {
    expect(at('target', 'auth', 'mode')).toBe(20);
    expect(at('topics', 'exclude', 0)).toBe(15);
    expect(at('cutover', 'max_producer_freeze')).toBe(29);
    expect(index.lineOf(['nowhere'])).toBe(2);
  });
});
