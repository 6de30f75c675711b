import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config/index.js';
import { draftToYaml, emptyDraft, fieldProblem } from '../../source/wizard/config-draft.js';
import { findConfigs } from '../../source/wizard/find-configs.js';
import { choicesIn, stepOfCommand } from '../../source/wizard/steps.js';
import { cutoverLines } from '../../source/wizard/what-happens.js';

const filled = {
  ...emptyDraft({}),
  source: { location: '10.0.0.1:9092', authMode: 'scram-sha-512', username: '${KAFKA_USER}', password: '${KAFKA_PASSWORD}', tls: true, caFile: '' },
  target: { location: 'arn:aws:kafka:us-east-1:123456789012:cluster/target/9a8b7c6d-5e4f-4a3b-9c2d-abcdef012345-2', authMode: 'iam', username: '', password: '', tls: true, caFile: '' },
  topics: 'orders, payments',
  backupBucket: 'my-backup',
  evidenceBucket: 'my-evidence',
};

describe('the wizard follows the state machine', () => {
  it('offers resume before drain_ready, cutover at drain_ready, then cutover-ack and finalize; rollback only where allowed', () => {
    expect(choicesIn('seed')).toEqual({ forward: 'resume', rollback: true });
    expect(choicesIn('drain_ready')).toEqual({ forward: 'cutover', rollback: true });
    expect(choicesIn('cutover')).toEqual({ forward: 'cutover', rollback: false });
    expect(choicesIn('awaiting_client_switch')).toEqual({ forward: 'cutover-ack', rollback: false });
    expect(choicesIn('validating')).toEqual({ forward: 'finalize', rollback: false });
    expect(choicesIn('finalized')).toEqual({ forward: null, rollback: false });
    expect(choicesIn('failed', { failedFrom: 'validating' }).forward).toBe('finalize');
    expect(choicesIn('failed', { failedFrom: 'seed' })).toEqual({ forward: null, rollback: false });
    expect(stepOfCommand('resume', 'tail')).toBe('execute');
    expect(stepOfCommand('resume', 'cutover')).toBe('cutover');
  });
});

describe('a config built through the prompts', () => {
  it('is a file the engine accepts, with ${VAR} references kept (no secret in the file)', () => {
    const yaml = draftToYaml(filled);
    expect(yaml).toContain('password: ${KAFKA_PASSWORD}');
    const config = parseConfig(yaml, { env: { KAFKA_USER: 'u', KAFKA_PASSWORD: 'p' } });
    expect(config.source.bootstrapServers).toEqual(['10.0.0.1:9092']);
    expect(config.target.clusterArn).toMatch(/cluster\/target\//);
    expect(config.topics.include).toEqual(['orders', 'payments']);
  });

  it("each answer is checked by the engine's validation, naming the key and the value", () => {
    expect(fieldProblem({ ...filled, backupBucket: 'Not_A_Bucket' }, ['backup.s3_bucket'], { KAFKA_USER: 'u', KAFKA_PASSWORD: 'p' })).toMatch(/^backup\.s3_bucket: got "Not_A_Bucket"/);
    expect(fieldProblem({ ...filled, source: { ...filled.source, username: '${NOT_SET_ANYWHERE}' } }, ['source.auth.username'], {})).toMatch(/^source\.auth\.username: .*NOT_SET_ANYWHERE/);
    expect(fieldProblem(filled, ['topics'], { KAFKA_USER: 'u', KAFKA_PASSWORD: 'p' })).toBeUndefined();
  });
});

describe('findConfigs', () => {
  it('lists the YAML files here: valid ones with source -> target, the others with their problem', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-find-'));
    writeFileSync(path.join(dir, 'good.yaml'), draftToYaml({ ...filled, source: { ...filled.source, authMode: 'plaintext', tls: false } }));
    writeFileSync(path.join(dir, 'bad.yml'), 'enterprise:\n  msk_kraft_migration:\n    source: {}\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a config');
    const found = await findConfigs(dir, {});
    expect(found.map((f) => [path.basename(f.file), f.valid])).toEqual([['bad.yml', false], ['good.yaml', true]]);
    expect(found[1]?.summary).toMatch(/^10\.0\.0\.1:9092 -> arn:aws:kafka:/);
  });
});

describe('what cutover does, said before it runs', () => {
  it('names the freeze method and max_producer_freeze; a webhook by its host only (its path may carry a token)', () => {
    const config = parseConfig(draftToYaml({ ...filled, source: { ...filled.source, authMode: 'plaintext', tls: false } }), { env: {} });
    expect(cutoverLines(config)[0]).toMatch(/frozen by you: .* \(at most 1m/);
    const withHook = { ...config, cutover: { ...config.cutover, producerFreezeWebhook: 'https://freeze.example.com/hooks/s3cr3t-token' } };
    expect(cutoverLines(withHook)[0]).toContain('webhook at freeze.example.com');
    expect(cutoverLines(withHook).join(' ')).not.toContain('s3cr3t');
  });
});
