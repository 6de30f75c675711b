import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callFreezeWebhook, displayUrl, type FreezeWebhookEvent } from '../../../engine/cutover/freeze-webhook.js';
import { isMigrationError, type MigrationError } from '../../../engine/errors.js';

type Reply = number | 'hang' | 'reset';
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base: string;
let script: Reply[] = [];
let received: Received[] = [];
const hanging: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const reply = script.shift() ?? 200;
      if (reply === 'hang') {
        hanging.push(res);
        return;
      }
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: reply < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  script = [];
  received = [];
  for (const res of hanging.splice(0)) res.destroy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const SECRET = 'whsec-test-0123456789';
const noSleep = async () => undefined;

function call(overrides: Partial<Parameters<typeof callFreezeWebhook>[0]> = {}) {
  return callFreezeWebhook({
    url: `${base}/hooks/freeze`,
    secret: SECRET,
    action: 'freeze',
    migrationId: 'mig-wh-1',
    details: { max_freeze_seconds: 60, partitions: 12 },
    timeoutMs: 2_000,
    retries: 2,
    sleep: noSleep,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    if (isMigrationError(error)) return error;
    throw error;
  }
  throw new Error('expected the webhook call to fail');
}

describe('callFreezeWebhook against a local HTTP server', () => {
  it('POSTs the JSON body with a valid HMAC over the exact bytes, timestamp and delivery headers', async () => {
    const now = new Date('2026-11-25T12:00:00.123Z');
    const result = await call({ now: () => now });
    expect(result).toMatchObject({ status: 200, attempts: 1 });
    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/freeze');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body).toEqual({
      action: 'freeze',
      migration_id: 'mig-wh-1',
      sent_at: '2026-11-25T12:00:00.123Z',
      delivery_id: result.deliveryId,
      max_freeze_seconds: 60,
      partitions: 12,
    });
    expect(request.body).toBe(result.body);
    const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`;
    expect(request.headers['x-kafka-backup-signature']).toBe(expected);
    expect(request.headers['x-kafka-backup-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(request.headers['x-kafka-backup-delivery']).toBe(result.deliveryId);
    expect(request.headers['x-kafka-backup-action']).toBe('freeze');
    // The secret itself is never sent.
    expect(JSON.stringify(request.headers) + request.body).not.toContain(SECRET);
  });

  it('without a secret, sends no signature header; details cannot override the fixed fields', async () => {
    await call({ secret: undefined, action: 'unfreeze', details: { action: 'freeze', migration_id: 'other', reason: 'drained' } });
    const [request] = received as [Received];
    expect(request.headers['x-kafka-backup-signature']).toBeUndefined();
    expect(JSON.parse(request.body)).toMatchObject({ action: 'unfreeze', migration_id: 'mig-wh-1', reason: 'drained' });
  });

  it('retries 500s with backoff, resending the identical signed body, and succeeds', async () => {
    script = [500, 503, 200];
    const delays: number[] = [];
    const events: FreezeWebhookEvent[] = [];
    const result = await call({ sleep: async (ms) => void delays.push(ms), backoffMs: 100, onEvent: (e) => events.push(e) });
    expect(result.attempts).toBe(3);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers['x-kafka-backup-signature'])).size).toBe(1);
    expect(delays).toEqual([100, 200]);
    expect(events.map((e) => [e.attempt, e.ok, e.status])).toEqual([
      [1, false, 500],
      [2, false, 503],
      [3, true, 200],
    ]);
  });

  it('fails after the retries with a MigrationError naming the URL (query hidden), the status and the attempts', async () => {
    script = [500, 500, 500];
    const error = await failure(call({ url: `${base}/hooks/freeze?token=abc-query-secret` }));
    expect(error.code).toBe('CONTROL_PLANE');
    expect(error.retriable).toBe(true);
    expect(error.message).toBe(`producer freeze webhook ${base}/hooks/freeze?… failed: HTTP 500 Internal Server Error (status 500) after 3 attempts`);
    expect(error.message + (error.hint ?? '')).not.toContain('abc-query-secret');
    expect(error.message + (error.hint ?? '')).not.toContain(SECRET);
    expect(received).toHaveLength(3);
  });

  it('a 4xx (other than 408/429) fails at once, without retrying', async () => {
    script = [403];
    const error = await failure(call());
    expect(error.message).toMatch(/failed: HTTP 403 Forbidden \(status 403\) after 1 attempt$/);
    expect(error.retriable).toBe(false);
    expect(received).toHaveLength(1);
  });

  it('times out a hanging attempt, retries, and reports the timeout when every attempt hangs', async () => {
    script = ['hang', 200];
    const ok = await call({ timeoutMs: 200, retries: 1 });
    expect(ok.attempts).toBe(2);
    script = ['hang', 'hang'];
    const started = Date.now();
    const error = await failure(call({ timeoutMs: 200, retries: 1 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toBe(`producer freeze webhook ${base}/hooks/freeze failed: no answer within 200 ms after 2 attempts`);
  });

  it('retries a dropped connection and a refused port as network errors', async () => {
    script = ['reset', 200];
    expect((await call()).attempts).toBe(2);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(call({ url: `http://user:pw-in-url@127.0.0.1:${port}/x`, retries: 1 }));
    expect(error.message).toBe(`producer freeze webhook http://127.0.0.1:${port}/x failed: network error: ECONNREFUSED after 2 attempts`);
  });

  it('user info in the URL is sent as HTTP Basic, never shown', async () => {
    const url = new URL(`${base}/hooks/freeze`);
    url.username = 'hook';
    url.password = 'pw in url';
    await call({ url: url.toString() });
    const [request] = received as [Received];
    expect(request.headers['authorization']).toBe(`Basic ${Buffer.from('hook:pw in url').toString('base64')}`);
  });

  it('unfreeze failure says producers may still be frozen; a non-http URL is a config error', async () => {
    script = [502, 502, 502];
    const error = await failure(call({ action: 'unfreeze' }));
    expect(error.hint).toMatch(/Producers may still be frozen/);
    const bad = await failure(call({ url: 'ftp://example.com/x' }));
    expect(bad.code).toBe('CONFIG_INVALID');
    expect(displayUrl('not a url token=abc')).toBe('(invalid URL)');
  });
});
