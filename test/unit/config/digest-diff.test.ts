import { describe, expect, it } from 'vitest';
import { configDigest, diffConfigs } from '../../../engine/config/index.js';
import { MINIMAL, parse, wrapEnterprise } from './helpers.js';

describe('configDigest', () => {
  const base = parse(`${MINIMAL}cutover:\n  drain_timeout: 30m\n  max_producer_freeze: 60s\n`);

  it('is a sha256 hex digest, the same for the same config', () => {
    expect(configDigest(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(configDigest(parse(`${MINIMAL}cutover:\n  drain_timeout: 30m\n  max_producer_freeze: 60s\n`))).toBe(configDigest(base));
  });

  it('does not change with key order, layout, spelling of units or defaults written out', () => {
    const reordered = `evidence:\n  s3_bucket: kb-evidence\ncutover:\n  max_producer_freeze: 1m\n  drain_timeout: 1800\n` +
      'backup:\n  s3_prefix: kafka-backup/msk-kraft\n  s3_bucket: kb-backup\ntarget:\n  bootstrap_servers: [127.0.0.1:29092]\n' +
      'source:\n  bootstrap_servers: 127.0.0.1:19092\n  tls: { enabled: false }\nseed: { segment_max_bytes: 32MiB }\n';
    expect(configDigest(parse(reordered))).toBe(configDigest(base));
    expect(configDigest(parse(wrapEnterprise(reordered)))).toBe(configDigest(base));
  });

  it('changes when any value changes', () => {
    const variants = [
      `${MINIMAL}cutover:\n  drain_timeout: 10m\n`,
      MINIMAL.replace('kb-backup', 'kb-backup-2'),
      `${MINIMAL}topics:\n  exclude: ["tmp.*"]\n`,
      MINIMAL.replace('127.0.0.1:19092', '127.0.0.1:19093'),
    ];
    const digests = new Set([configDigest(base), ...variants.map((text) => configDigest(parse(text)))]);
    expect(digests.size).toBe(variants.length + 1);
  });
});

describe('diffConfigs', () => {
  it('is empty for configs that mean the same', () => {
    expect(diffConfigs(parse(MINIMAL), parse(`${MINIMAL}cutover: { drain_timeout: 30m }\n`))).toEqual([]);
  });

  it('prints one line per change in the file keys and units', () => {
    const a = parse(`${MINIMAL}cutover:\n  drain_timeout: 30m\nseed:\n  segment_max_bytes: 32MiB\n`);
    const b = parse(
      MINIMAL.replace('kb-backup', 'kb-backup-2').replace('s3_bucket: kb-evidence', 's3_bucket: kb-evidence\n  retention: 30d') +
        'cutover:\n  drain_timeout: 10m\n  producer_freeze_webhook: https://h.example.com/f\n' +
        'seed:\n  segment_max_bytes: 64MiB\naws:\n  s3_force_path_style: true\ntopics:\n  exclude: ["__*"]\n',
    );
    expect(diffConfigs(a, b)).toEqual([
      'topics.exclude: [] -> ["__*"]',
      'aws.s3_force_path_style: false -> true',
      'backup.s3_bucket: kb-backup -> kb-backup-2',
      'evidence.retention: (unset) -> 30d',
      'cutover.drain_timeout: 30m -> 10m',
      'cutover.producer_freeze_webhook: (unset) -> https://h.example.com/f',
      'seed.segment_max_bytes: 32MiB -> 64MiB',
    ]);
  });

  it('shows a change of auth mode with the keys that came and went', () => {
    const a = parse(MINIMAL.replace('bootstrap_servers: 127.0.0.1:19092', 'bootstrap_servers: 127.0.0.1:19092\n  auth: { mode: scram-sha-512, username: u, password: p }'));
    const b = parse(MINIMAL.replace('bootstrap_servers: 127.0.0.1:19092', 'bootstrap_servers: 127.0.0.1:19092\n  auth: { mode: tls }'));
    expect(diffConfigs(a, b)).toEqual([
      'source.auth.mode: scram-sha-512 -> tls',
      'source.auth.username: u -> (unset)',
      'source.auth.password: <redacted> -> (unset)',
    ]);
  });
});
