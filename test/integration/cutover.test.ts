/**
 * plan -> precheck -> execute -> cutover -> cutover-ack through the command line, in-process, against the real bed,
 * with a real HTTP freeze webhook that checks the HMAC. Source groups are committed mid-topic (one caught up, one
 * behind, one on a single partition); consumers started on the target at the committed offsets must read exactly the
 * records the source groups had not read yet. Also: --rehearse changes nothing.
 */
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSentinel, SENTINEL_KEY } from '../../engine/cutover/sentinel.js';
import { bed, cli, journalEntries, kafka, readTopic, scopedConfig } from './execute-support.js';
import { commitOnSource, cutoverArgs, endOffsets, executeToDrainReady, journalFiles, produceKeyed, readAsGroupOnTarget, startWebhook } from './cutover-support.js';

const RUN = `cutover-${Date.now().toString(36)}-${process.pid}`;
const TOPIC = `${RUN}.orders`;
const GROUPS = { caught: `${RUN}-caught`, behind: `${RUN}-behind`, single: `${RUN}-single` };
const SECRET = 'cutover-test-hmac-secret';
const READY = /^(\S+) cutover -> awaiting_client_switch READY_FOR_CLIENT_SWITCH: groups_translated=(\d+) offsets_committed=(\d+) warnings=(\d+)$/;

const webhook = await startWebhook(SECRET);
let sourceAdmin: Admin;
let targetAdmin: Admin;

beforeAll(async () => {
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 2 }] });
  await produceKeyed(TOPIC, 3, 40, 'a');
  await commitOnSource(sourceAdmin, GROUPS.caught, TOPIC, { 0: 40, 1: 40, 2: 40 });
  await commitOnSource(sourceAdmin, GROUPS.behind, TOPIC, { 0: 5, 1: 17, 2: 0 });
  await commitOnSource(sourceAdmin, GROUPS.single, TOPIC, { 1: 33 });
}, 120_000);

afterAll(async () => {
  await sourceAdmin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await targetAdmin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await sourceAdmin?.deleteGroups(Object.values(GROUPS)).catch(() => undefined);
  await targetAdmin?.deleteGroups(Object.values(GROUPS)).catch(() => undefined);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect(), webhook.close()]);
});

describe('cutover with a freeze webhook', () => {
  const config = scopedConfig(RUN, { producer_freeze_webhook: webhook.url, producer_freeze_webhook_secret: SECRET, max_producer_freeze: '60s' });
  let migrationId = '';
  let journalDir = '';

  it('plan and precheck pass; execute reaches drain_ready', async () => {
    expect((await cli(['plan', '--config', config])).code).toBe(0);
    expect((await cli(['precheck', '--config', config])).code).toBe(0);
    ({ migrationId, journalDir } = await executeToDrainReady(config));
    // Records written after drain_ready: the cutover's tail and final drain must copy them.
    await produceKeyed(TOPIC, 3, 5, 'b');
  }, 240_000);

  it('--rehearse prints the steps, groups and offsets and changes nothing (journal byte-identical, no sentinel)', async () => {
    const journalBefore = journalFiles(journalDir, migrationId);
    const endsBefore = await endOffsets(sourceAdmin, TOPIC);
    const text = await cli(cutoverArgs('cutover', config, migrationId, journalDir, '--rehearse'));
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('nothing was frozen, published, committed or journaled');
    expect(text.out).toMatch(/commit: commit 7 offset\(s\) on the target/);
    expect(text.out).toContain(`${GROUPS.behind}:`);
    // Partition 1 of the behind group: source offset 17 is copied at target offset 17 (a fresh target topic).
    expect(text.out).toContain(`${TOPIC}-1: source 17 -> target 17`);
    const json = await cli(cutoverArgs('cutover', config, migrationId, journalDir, '--rehearse', '--json'));
    const rehearsal = JSON.parse(json.out) as { groups: Array<{ groupId: string; offsets: unknown[] }>; problems: string[]; sentinels: unknown[] };
    expect(rehearsal.groups.map((g) => g.groupId)).toEqual([GROUPS.behind, GROUPS.caught, GROUPS.single]);
    expect(rehearsal.sentinels).toHaveLength(3);
    expect(rehearsal.problems).toEqual([]);
    expect(journalFiles(journalDir, migrationId)).toEqual(journalBefore);
    expect(await endOffsets(sourceAdmin, TOPIC)).toEqual(endsBefore);
    expect(webhook.calls).toEqual([]);
  }, 120_000);

  it('cutover freezes, publishes sentinels, translates and commits, unfreezes, and prints the READY line', async () => {
    const sourceBefore = await readTopic(bed.SOURCE_BOOTSTRAP, TOPIC);
    const result = await cli(cutoverArgs('cutover', config, migrationId, journalDir));
    expect(result.code, result.err).toBe(0);
    const line = result.out.split('\n')[0] ?? '';
    const ready = READY.exec(line);
    expect(ready, line).not.toBeNull();
    expect(ready?.slice(2)).toEqual(['3', '7', '0']);
    expect(result.err).toContain(`next_command: kafka-backup migrate msk-kraft cutover-ack --config ${config} --migration-id ${migrationId} --journal-dir ${journalDir}`);

    // The webhook: freeze then unfreeze (outcome ready), both signed.
    expect(webhook.calls.map((c) => c.action)).toEqual(['freeze', 'unfreeze']);
    expect(webhook.calls.every((c) => c.signed)).toBe(true);
    expect(webhook.calls[0]?.body['migration_id']).toBe(migrationId);
    expect(webhook.calls[1]?.body['outcome']).toBe('ready_for_client_switch');

    // One sentinel at the end of every source partition, and it is on the target.
    const sourceAfter = await readTopic(bed.SOURCE_BOOTSTRAP, TOPIC);
    const targetAfter = await readTopic(bed.TARGET_BOOTSTRAP, TOPIC);
    for (const partition of [0, 1, 2]) {
      const source = sourceAfter.get(partition) ?? [];
      expect(source.slice(0, -1)).toEqual(sourceBefore.get(partition));
      expect(source.at(-1)?.key).toBe(SENTINEL_KEY);
      expect(targetAfter.get(partition)?.map((r) => [r.key, r.value])).toEqual(source.map((r) => [r.key, r.value]));
    }

    // Consumers on the target at the committed offsets read exactly what each group had not read on the source.
    const committedOnSource: Record<string, Record<number, number>> = {
      [GROUPS.caught]: { 0: 40, 1: 40, 2: 40 },
      [GROUPS.behind]: { 0: 5, 1: 17, 2: 0 },
      [GROUPS.single]: { 1: 33 },
    };
    for (const [groupId, committed] of Object.entries(committedOnSource)) {
      const read = await readAsGroupOnTarget(groupId, TOPIC);
      expect([...read.keys()].sort(), groupId).toEqual(Object.keys(committed).map(Number).sort());
      for (const [partition, offset] of Object.entries(committed)) {
        const unread = (sourceAfter.get(Number(partition)) ?? []).filter((r) => r.offset >= offset).map((r) => ({ key: r.key, value: r.value }));
        expect(read.get(Number(partition)), `${groupId} partition ${partition}`).toEqual(unread);
        expect(unread.filter((r) => !isSentinel({ key: r.key })).length).toBeGreaterThan(0);
      }
    }

    // The journal: freeze, sentinels, translation, point of no return, report (with the freeze window), transition.
    const entries = journalEntries(journalDir, migrationId);
    const names = entries.filter((e) => e.kind === 'checkpoint').map((e) => e.name as string);
    expect(names.filter((n) => n.startsWith('cutover.'))).toEqual(['cutover.freeze', 'cutover.sentinels', 'cutover.translation', 'cutover.point_of_no_return', 'cutover.report']);
    const report = entries.find((e) => e.name === 'cutover.report')?.payload as Record<string, any>;
    expect(report.freezeMethod).toBe('webhook');
    expect(report.freezeWindowMs).toBeGreaterThan(0);
    expect(report.freezeWindowMs).toBeLessThan(60_000);
    expect(report.offsetsCommitted).toBe(7);
    expect(report.offsetFloorViolations).toEqual([]);
    expect(report.sentinels).toHaveLength(3);
    expect(entries.at(-1)).toMatchObject({ kind: 'state.transition', from: 'cutover', to: 'awaiting_client_switch' });
  }, 240_000);

  it('cutover-ack records who, where and when and moves to validating', async () => {
    const result = await cli(cutoverArgs('cutover-ack', config, migrationId, journalDir, '--by', 'ops-oncall'));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^\S+ awaiting_client_switch -> validating client switch acknowledged by ops-oncall on \S+\n$/);
    expect(result.err).toContain('next_command: kafka-backup migrate msk-kraft finalize');
    const ack = journalEntries(journalDir, migrationId).find((e) => e.name === 'cutover.ack')?.payload as { by: string; host: string; at: string };
    expect(ack.by).toBe('ops-oncall');
    expect(ack.host.length).toBeGreaterThan(0);
    expect(Date.parse(ack.at)).toBeGreaterThan(Date.now() - 60_000);
    const again = await cli(cutoverArgs('cutover-ack', config, migrationId, journalDir));
    expect(again.code).toBe(1);
    expect(again.err).toContain('already acknowledged');
  }, 60_000);
});
