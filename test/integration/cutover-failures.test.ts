/**
 * The cutover's failure paths against the real bed, through the command line, with a real HMAC-checking webhook:
 * the webhook down (nothing published, state cutover, exit 1), a selected group active on the target (producers
 * unfrozen: the webhook saw unfreeze; nothing committed; exit 1), then the same `cutover` run again after the fix
 * finishing it; and the freeze budget exceeded (unfrozen, exit 1, nothing committed).
 */
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bed, cli, journalEntries, kafka, scopedConfig } from './execute-support.js';
import { CutoverBed, cutoverArgs, endOffsets, executeToDrainReady, findings, lastState as state, startWebhook } from './cutover-support.js';

const RUN = `cutfail-${Date.now().toString(36)}-${process.pid}`;
const SECRET = 'cutover-failures-hmac-secret';
const webhook = await startWebhook(SECRET);
const fixture = new CutoverBed();

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(() => fixture.open(), 60_000);
afterAll(async () => {
  await fixture.close();
  await webhook.close();
});

describe('a cutover that fails before the point of no return, then is run again', () => {
  const prefix = `${RUN}-a`;
  const config = scopedConfig(prefix, { producer_freeze_webhook: webhook.url, producer_freeze_webhook_secret: SECRET, max_producer_freeze: '60s' });
  let migrationId = '';
  let journalDir = '';
  let topic = '';
  let group = '';
  let activeConsumer: Consumer | undefined;

  afterAll(async () => {
    await activeConsumer?.disconnect().catch(() => undefined);
  });

  it('webhook down: exit 1, no sentinel on the source, nothing committed, state cutover, next command cutover', async () => {
    ({ topic, group } = await fixture.topicWithGroup(prefix, 20, { 0: 7, 1: 20 }));
    ({ migrationId, journalDir } = await executeToDrainReady(config));
    const endsBefore = await endOffsets(fixture.sourceAdmin, topic);
    webhook.answer(503);
    webhook.calls.length = 0;
    const result = await cli(cutoverArgs('cutover', config, migrationId, journalDir));
    expect(result.code).toBe(1);
    expect(result.err).toContain('error[WEBHOOK]: producer freeze webhook');
    expect(result.err).toContain('HTTP 503');
    expect(result.err).toContain(`next_command: kafka-backup migrate msk-kraft cutover --config ${config} --migration-id ${migrationId}`);
    expect(await endOffsets(fixture.sourceAdmin, topic)).toEqual(endsBefore);
    const [committed] = await fixture.targetAdmin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(committed?.partitions.every((p) => p.offset === '-1')).toBe(true);
    expect(state(journalDir, migrationId)).toBe('cutover');
    expect(findings(journalDir, migrationId).at(-1)).toMatchObject({ code: 'CUTOVER_FAILED', subject: 'cutover step freeze' });
    // Every call was signed; a failed freeze is followed by unfreeze attempts (producers may be half-frozen).
    expect(webhook.calls.every((c) => c.signed)).toBe(true);
    expect(webhook.calls.filter((c) => c.action === 'freeze')).toHaveLength(4);
    expect(webhook.calls.some((c) => c.action === 'unfreeze')).toBe(true);
    const status = await cli(['status', '--config', config, '--migration-id', migrationId, '--journal-dir', journalDir]);
    expect(status.out).toContain('next: run `cutover`');
    expect(status.out).toContain('CUTOVER_FAILED blocker');
    const resume = await cli(cutoverArgs('resume', config, migrationId, journalDir));
    expect(resume.code).toBe(10);
    expect(resume.err).toContain(`next_command: kafka-backup migrate msk-kraft cutover --config ${config} --migration-id ${migrationId}`);
  }, 240_000);

  it('a selected group active on the target: producers unfrozen (the webhook saw unfreeze), nothing committed, exit 1 naming the group and client id', async () => {
    webhook.answer(200);
    webhook.calls.length = 0;
    activeConsumer = kafka(bed.TARGET_BOOTSTRAP).consumer({ groupId: group, sessionTimeout: 10_000 });
    await activeConsumer.connect();
    await activeConsumer.subscribe({ topics: [topic], fromBeginning: false });
    await activeConsumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await waitFor('the consumer to join its group on the target', async () => {
      const { groups: [described] } = await fixture.targetAdmin.describeGroups([group]);
      return described?.state === 'Stable' && described.members.length > 0;
    });
    const result = await cli(cutoverArgs('cutover', config, migrationId, journalDir));
    expect(result.code).toBe(1);
    expect(result.err).toContain('error[TARGET_REFUSED]');
    expect(result.err).toContain(group);
    expect(result.err).toContain('execute-test'); // the active consumer's client id
    expect(webhook.calls.map((c) => c.action)).toEqual(['freeze', 'unfreeze']);
    expect(webhook.calls[1]?.body['outcome']).toBe('cutover_failed');
    expect(state(journalDir, migrationId)).toBe('cutover');
    expect(journalEntries(journalDir, migrationId).some((e) => e.name === 'cutover.point_of_no_return')).toBe(false);
    const [committed] = await fixture.targetAdmin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(committed?.partitions.every((p) => p.offset === '-1')).toBe(true);
  }, 120_000);

  it('after the fix, cutover run again finishes: READY, the group committed at the translated offsets', async () => {
    await activeConsumer?.disconnect();
    activeConsumer = undefined;
    webhook.calls.length = 0;
    const result = await cli(cutoverArgs('cutover', config, migrationId, journalDir));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/cutover -> awaiting_client_switch READY_FOR_CLIENT_SWITCH: groups_translated=1 offsets_committed=2 warnings=0/);
    expect(webhook.calls.map((c) => c.action)).toEqual(['freeze', 'unfreeze']);
    // Partition 0: the group had read 7 records; partition 1 all 20 records plus the first attempt's sentinel.
    const [committed] = await fixture.targetAdmin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(Object.fromEntries(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? [])).toEqual({ 0: 7, 1: 20 });
    // The active-group attempt published a sentinel per partition; this one another: both journaled.
    expect(journalEntries(journalDir, migrationId).filter((e) => e.name === 'cutover.sentinels')).toHaveLength(2);
  }, 120_000);
});

describe('the freeze budget', () => {
  const prefix = `${RUN}-b`;
  const config = scopedConfig(prefix, { producer_freeze_webhook: webhook.url, producer_freeze_webhook_secret: SECRET, max_producer_freeze: '1ms' });

  it('exceeded: producers unfrozen, nothing committed, FREEZE_BUDGET, exit 1, state cutover', async () => {
    const { topic, group } = await fixture.topicWithGroup(prefix, 20, { 0: 7, 1: 20 });
    const { migrationId, journalDir } = await executeToDrainReady(config);
    webhook.answer(200);
    webhook.calls.length = 0;
    const result = await cli(cutoverArgs('cutover', config, migrationId, journalDir));
    expect(result.code).toBe(1);
    expect(result.err).toContain('error[FREEZE_BUDGET]');
    expect(result.err).toContain('cutover.max_producer_freeze');
    expect(webhook.calls.map((c) => c.action)).toEqual(['freeze', 'unfreeze']);
    expect(webhook.calls[0]?.body['max_freeze_seconds']).toBe(1);
    expect(state(journalDir, migrationId)).toBe('cutover');
    expect(journalEntries(journalDir, migrationId).some((e) => e.name === 'cutover.point_of_no_return')).toBe(false);
    const [committed] = await fixture.targetAdmin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(committed?.partitions.every((p) => p.offset === '-1')).toBe(true);
  }, 240_000);
});
