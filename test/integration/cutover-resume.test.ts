/**
 * Past the point of no return: a cutover whose commit fails (a fault injected into the target port; the clusters
 * are the real bed) releases the producers, stays in cutover (never failed), refuses rollback; `resume` then freezes
 * again, copies what producers wrote meanwhile, re-commits the same translated offsets and reports READY.
 * And without a webhook: refused without a terminal (or with --non-interactive) before anything changes; on a
 * terminal the freeze is a prompt (declined: nothing published; confirmed: READY, journaled as an operator action).
 */
import type { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/index.js';
import { kafkajsCutoverPorts } from '../../engine/cutover/kafkajs-cluster-ports.js';
import { MigrationError } from '../../engine/errors.js';
import { clusterConnection, defaultPorts, runCutover } from '../../engine/orchestrator/index.js';
import { run } from '../../source/run.js';
import { captureIO } from '../support/capture-io.js';
import { bed, cli, env, journalEntries, readTopic, scopedConfig } from './execute-support.js';
import { CutoverBed, cutoverArgs, endOffsets, executeToDrainReady, findings, journalFiles, lastState, produceKeyed, startWebhook } from './cutover-support.js';

const RUN = `cutres-${Date.now().toString(36)}-${process.pid}`;
const SECRET = 'cutover-resume-hmac-secret';
const webhook = await startWebhook(SECRET);
const fixture = new CutoverBed();
const entries = (journalDir: string, migrationId: string) => journalEntries(journalDir, migrationId);

beforeAll(() => fixture.open(), 60_000);
afterAll(async () => {
  await fixture.close();
  await webhook.close();
});

describe('a cutover that fails past the point of no return', () => {
  const prefix = `${RUN}-p`;
  const configPath = scopedConfig(prefix, { producer_freeze_webhook: webhook.url, producer_freeze_webhook_secret: SECRET, max_producer_freeze: '60s' });
  let migrationId = '';
  let journalDir = '';
  let topic = '';
  let group = '';

  it('commit fails: producers unfrozen, finding journaled, state stays cutover (not failed), rollback refused', async () => {
    ({ topic, group } = await fixture.topicWithGroup(prefix, 15, { 0: 4, 1: 9 }));
    ({ migrationId, journalDir } = await executeToDrainReady(configPath));
    const config = await loadConfig(configPath, env);
    webhook.calls.length = 0;
    const outcome = await runCutover({
      config,
      journalDir,
      migrationId,
      ports: defaultPorts(config, { env }),
      toolVersion: 'test',
      clusters: (plan) => {
        const real = kafkajsCutoverPorts(clusterConnection('source', config, plan, 'cutover-test-source'), clusterConnection('target', config, plan, 'cutover-test-target'));
        const commitOffsets = async () => {
          throw new MigrationError({ code: 'TARGET_REFUSED', message: 'injected: the connection to the group coordinator dropped' });
        };
        return { source: real.source, target: { ...real.target, commitOffsets } };
      },
    });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.pastPointOfNoReturn).toBe(true);
    expect(outcome.step).toBe('commit');
    expect(outcome.unfreeze?.how).toBe('webhook');
    expect(webhook.calls.map((c) => [c.action, c.body['outcome']])).toEqual([
      ['freeze', undefined],
      ['unfreeze', 'cutover_failed'],
    ]);
    expect(lastState(journalDir, migrationId)).toBe('cutover');
    const finding = findings(journalDir, migrationId).at(-1);
    expect(finding?.code).toBe('CUTOVER_FAILED');
    expect(finding?.remedy).toContain('run `resume`');
    const rollback = await cli(['rollback', '--config', configPath, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(rollback.code).toBe(1);
    expect(rollback.err).toContain('the point of no return');
    const status = await cli(['status', '--config', configPath, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(status.out).toContain('next: run `resume`');
  }, 240_000);

  it('resume freezes again, copies what producers wrote meanwhile, re-commits the journaled offsets and reports READY', async () => {
    await produceKeyed(topic, 2, 3, 'after'); // producers were released by the failure
    webhook.calls.length = 0;
    const result = await cli(cutoverArgs('resume', configPath, migrationId, journalDir));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^\S+ cutover -> awaiting_client_switch READY_FOR_CLIENT_SWITCH: groups_translated=1 offsets_committed=2 warnings=0\n/);
    expect(webhook.calls.map((c) => [c.action, c.body['outcome']])).toEqual([
      ['freeze', undefined],
      ['unfreeze', 'ready_for_client_switch'],
    ]);
    const translation = entries(journalDir, migrationId).find((e) => e.name === 'cutover.translation')?.payload as { groups: Array<{ offsets: Array<{ partition: number; targetOffset: number }> }> };
    const [committed] = await fixture.targetAdmin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(Object.fromEntries(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? [])).toEqual(
      Object.fromEntries(translation.groups[0]?.offsets.map((o) => [o.partition, o.targetOffset]) ?? []),
    );
    expect(Object.fromEntries(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? [])).toEqual({ 0: 4, 1: 9 });
    const report = entries(journalDir, migrationId).find((e) => e.name === 'cutover.report')?.payload as { completedAfterRestart?: boolean };
    expect(report.completedAfterRestart).toBe(true);
    const source = await readTopic(bed.SOURCE_BOOTSTRAP, topic);
    const target = await readTopic(bed.TARGET_BOOTSTRAP, topic);
    for (const partition of [0, 1]) expect(target.get(partition)?.map((r) => [r.key, r.value])).toEqual(source.get(partition)?.map((r) => [r.key, r.value]));
    expect(lastState(journalDir, migrationId)).toBe('awaiting_client_switch');
  }, 240_000);
});

describe('cutover on a terminal without a webhook: the freeze is a prompt', () => {
  const prefix = `${RUN}-t`;
  const configPath = scopedConfig(prefix, { max_producer_freeze: '60s' });
  const terminalEnv = { ...env, CI: '' };
  let migrationId = '';
  let journalDir = '';
  let topic = '';

  // With --json the terminal gets no Ink screen (the wizard's pty test drives that one): the question is the plain
  // readline prompt on stderr, answered here on stdin.
  async function onTerminal(answer: string) {
    const io = captureIO({ tty: true, env: terminalEnv });
    (io.stdin as PassThrough).write(answer);
    const code = await run(['migrate', 'msk-kraft', ...cutoverArgs('cutover', configPath, migrationId, journalDir), '--json'], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('without a terminal (and without a webhook) it is refused before anything changes, naming the config key', async () => {
    ({ topic } = await fixture.topicWithGroup(prefix, 15, { 0: 4, 1: 9 }));
    ({ migrationId, journalDir } = await executeToDrainReady(configPath));
    const journalBefore = journalFiles(journalDir, migrationId);
    const endsBefore = await endOffsets(fixture.sourceAdmin, topic);
    const result = await cli(cutoverArgs('cutover', configPath, migrationId, journalDir));
    expect(result.code).toBe(1);
    expect(result.err).toContain('error[CONFIG_INVALID]: cutover cannot freeze the producers: cutover.producer_freeze_webhook is not set');
    expect(result.err).toContain('nothing was changed');
    expect(journalFiles(journalDir, migrationId)).toEqual(journalBefore);
    expect(await endOffsets(fixture.sourceAdmin, topic)).toEqual(endsBefore);
    // --non-interactive on a terminal is the same refusal.
    const io = captureIO({ tty: true, env: terminalEnv });
    expect(await run(['migrate', 'msk-kraft', ...cutoverArgs('cutover', configPath, migrationId, journalDir), '--non-interactive'], io)).toBe(1);
    expect(io.err()).toContain('cutover.producer_freeze_webhook is not set');
    expect(journalFiles(journalDir, migrationId)).toEqual(journalBefore);
  }, 240_000);

  it('declined: exit 1, no sentinel published, state cutover', async () => {
    const endsBefore = await endOffsets(fixture.sourceAdmin, topic);
    const result = await onTerminal('n\n');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`Stop every producer writing to the source topics (${topic}) now`);
    expect(result.err).toContain('Producers are stopped? [y/N]');
    expect(result.err).toContain('not confirmed');
    expect(await endOffsets(fixture.sourceAdmin, topic)).toEqual(endsBefore);
    expect(lastState(journalDir, migrationId)).toBe('cutover');
  }, 240_000);

  it('confirmed: READY, the confirmation journaled as an operator action, the operator told to release producers', async () => {
    const result = await onTerminal('y\n');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/READY_FOR_CLIENT_SWITCH: groups_translated=1 offsets_committed=2 warnings=0/);
    expect(result.err).toContain('release your producers now, pointed at the target cluster');
    const journal = entries(journalDir, migrationId);
    expect(journal.some((e) => e.kind === 'operator.action' && e.action === 'producer-freeze-confirmed')).toBe(true);
    expect((journal.find((e) => e.name === 'cutover.report')?.payload as { freezeMethod: string }).freezeMethod).toBe('prompt');
  }, 120_000);
});
