import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FreezeBudget } from '../../engine/cutover/freeze-budget.js';
import { chooseFreezeMethod, type ConfirmRequest } from '../../engine/cutover/freeze-method.js';
import { createFreezer } from '../../engine/cutover/freezer.js';
import type { MigrationError } from '../../engine/errors.js';

const caught = (fn: () => unknown): MigrationError => {
  try {
    fn();
  } catch (error) {
    return error as MigrationError;
  }
  throw new Error('did not throw');
};

describe('chooseFreezeMethod', () => {
  it('prefers the webhook, else the prompt', () => {
    expect(chooseFreezeMethod({ producerFreezeWebhook: 'https://hooks.example/freeze', producerFreezeWebhookSecret: 's' }, async () => true)).toMatchObject({ method: 'webhook', url: 'https://hooks.example/freeze', secret: 's' });
    expect(chooseFreezeMethod({}, async () => true).method).toBe('prompt');
  });

  it('refuses without a webhook and without a terminal, naming the config key', () => {
    const error = caught(() => chooseFreezeMethod({}, undefined));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('cutover.producer_freeze_webhook is not set');
    expect(error.message).toContain('nothing was changed');
    expect(error.hint).toContain('docs/freeze-webhook.md');
  });
});

describe('FreezeBudget', () => {
  it('passes within the budget and fails past it naming the step and the config key', () => {
    let now = 1_000;
    const budget = new FreezeBudget(1_000, 5_000, () => now);
    now = 6_000;
    expect(() => budget.assertWithin('drain')).not.toThrow();
    expect(budget.remainingMs()).toBe(0);
    now = 6_001;
    const error = caught(() => budget.assertWithin('drain', '2 of 3 partition(s) not yet copied'));
    expect(error.code).toBe('FREEZE_BUDGET');
    expect(error.message).toBe('producers have been frozen 5.0 s, past cutover.max_producer_freeze (5.0 s), during step drain: 2 of 3 partition(s) not yet copied');
  });
});

describe('createFreezer with the prompt', () => {
  it('asks once with the topics and the budget; a yes freezes, a no stops the cutover', async () => {
    const asked: ConfirmRequest[] = [];
    const yes = createFreezer({ method: 'prompt', confirm: async (r) => (asked.push(r), true) }, { migrationId: 'mig-1', maxFreezeMs: 60_000, topics: ['orders', 'events'] });
    const frozen = await yes.freeze();
    expect(frozen.frozenAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toContain('(orders, events)');
    expect(asked[0]?.message).toContain('at most 60 s');
    expect((await yes.unfreeze('cutover_failed')).how).toBe('operator');
    const no = createFreezer({ method: 'prompt', confirm: async () => false }, { migrationId: 'mig-1', maxFreezeMs: 60_000, topics: ['orders'] });
    await expect(no.freeze()).rejects.toMatchObject({ code: 'STATE', message: expect.stringContaining('not confirmed') });
    expect((await no.unfreeze('cutover_failed')).detail).toBe('producers were not frozen (the freeze was not confirmed)');
    expect((await yes.unfreeze('cutover_failed')).detail).toContain('release your producers on the source now');
  });
});

describe('createFreezer with the webhook', () => {
  let server: Server;
  let url = '';
  const seen: Array<{ action: string; body: Record<string, unknown> }> = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        seen.push({ action: String(parsed['action']), body: parsed });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('freezes with the budget and topics, unfreezes with the outcome', async () => {
    const freezer = createFreezer({ method: 'webhook', url, secret: 'k' }, { migrationId: 'mig-2', maxFreezeMs: 30_500, topics: ['orders'] });
    expect(freezer.where).toBe(`${url.split('?')[0]}?…`);
    const frozen = await freezer.freeze();
    expect(frozen.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await freezer.unfreeze('ready_for_client_switch')).toMatchObject({ how: 'webhook' });
    expect(seen.map((s) => [s.action, s.body['max_freeze_seconds'] ?? s.body['outcome']])).toEqual([
      ['freeze', 31],
      ['unfreeze', 'ready_for_client_switch'],
    ]);
  });

  it('a refused freeze is a WEBHOOK error; a refused unfreeze says producers may still be frozen, without throwing', async () => {
    status = 403;
    const freezer = createFreezer({ method: 'webhook', url, secret: undefined }, { migrationId: 'mig-3', maxFreezeMs: 1_000, topics: ['orders'], webhookBackoffMs: 1 });
    await expect(freezer.freeze()).rejects.toMatchObject({ code: 'WEBHOOK', message: expect.stringContaining('HTTP 403') });
    const unfrozen = await freezer.unfreeze('cutover_failed', 'STATE: step drain failed');
    expect(unfrozen.how).toBe('failed');
    expect(unfrozen.detail).toContain('producers may still be frozen');
    expect(unfrozen.detail).not.toContain('token=abc');
    status = 200;
  });
});
