import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../engine/errors.js';
import {
  KAFKAJS_CONNECTION_DEFAULTS,
  kafkajsClientConfig,
  type KafkaClusterConnection,
  type KafkaLogEvent,
} from '../../../engine/kafka/kafkajs-options.js';

const PASSWORD = 'pa55-W0rd-never-logged';
const CA = '-----BEGIN CERTIFICATE-----\nTUlJQ2FDQQ==\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nY2xpZW50\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n';

function pemDir(): { ca: string; cert: string; key: string; notPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kafkajs-options-'));
  const files = { ca: join(dir, 'ca.pem'), cert: join(dir, 'client.pem'), key: join(dir, 'client.key'), notPem: join(dir, 'ca.der') };
  writeFileSync(files.ca, CA);
  writeFileSync(files.cert, CERT);
  writeFileSync(files.key, KEY);
  writeFileSync(files.notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
  return files;
}

function cluster(overrides: Partial<KafkaClusterConnection> = {}): KafkaClusterConnection {
  return {
    clientId: 'kafka-backup-source',
    brokers: ['b-1.example:9096', 'b-2.example:9096'],
    auth: { mode: 'plaintext' },
    tls: { enabled: false },
    ...overrides,
  };
}

function configError(fn: () => unknown): MigrationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error('expected a MigrationError');
}

describe('kafkajsClientConfig', () => {
  it('plaintext: no ssl, no sasl, migration-friendly timeouts and retries', () => {
    const config = kafkajsClientConfig(cluster());
    expect(config.ssl).toBeUndefined();
    expect(config.sasl).toBeUndefined();
    expect(config.brokers).toEqual(['b-1.example:9096', 'b-2.example:9096']);
    expect(config.clientId).toBe('kafka-backup-source');
    expect(config.connectionTimeout).toBeGreaterThanOrEqual(5000);
    expect(config.requestTimeout).toBeGreaterThanOrEqual(30_000);
    expect(config.retry).toEqual(KAFKAJS_CONNECTION_DEFAULTS.retry);
    expect(config.logLevel).toBe(kafkajs.logLevel.WARN);
  });

  it('scram-sha-512 over TLS with a private CA', () => {
    const files = pemDir();
    const config = kafkajsClientConfig(
      cluster({ auth: { mode: 'scram-sha-512', username: 'migrator', password: PASSWORD }, tls: { enabled: true, caFile: files.ca } }),
    );
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'migrator', password: PASSWORD });
    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: [CA] });
  });

  it('TLS without a CA file trusts the system CAs and still verifies the broker', () => {
    expect(kafkajsClientConfig(cluster({ tls: { enabled: true } })).ssl).toEqual({ rejectUnauthorized: true });
  });

  it('mutual TLS reads the client certificate and key', () => {
    const files = pemDir();
    const config = kafkajsClientConfig(
      cluster({ auth: { mode: 'tls' }, tls: { enabled: true, caFile: files.ca, certFile: files.cert, keyFile: files.key } }),
    );
    expect(config.ssl).toEqual({ rejectUnauthorized: true, ca: [CA], cert: CERT, key: KEY });
    expect(config.sasl).toBeUndefined();
  });

  it('refuses unusable settings with CONFIG_INVALID, a hint, and no secret in the message', () => {
    const files = pemDir();
    const cases: KafkaClusterConnection[] = [
      cluster({ brokers: [] }),
      cluster({ auth: { mode: 'scram-sha-512', username: 'migrator' } }),
      cluster({ auth: { mode: 'scram-sha-512', password: PASSWORD } }),
      cluster({ auth: { mode: 'tls' }, tls: { enabled: false } }),
      cluster({ auth: { mode: 'tls' }, tls: { enabled: true, certFile: files.cert } }),
      cluster({ tls: { enabled: true, keyFile: files.key } }),
      cluster({ tls: { enabled: true, caFile: join(files.ca, 'missing') } }),
      cluster({ tls: { enabled: true, caFile: files.notPem } }),
      cluster({ tls: { enabled: true, caFile: files.key } }),
    ];
    for (const bad of cases) {
      const error = configError(() => kafkajsClientConfig(bad));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.hint).toBeTruthy();
      expect(error.message).toContain('kafka-backup-source');
      expect(`${error.message} ${error.hint}`).not.toContain(PASSWORD);
      expect(`${error.message} ${error.hint}`).not.toContain('c2VjcmV0');
    }
  });

  it('iam: an OAUTHBEARER provider that fails with NOT_IMPLEMENTED and says what to use instead', async () => {
    const config = kafkajsClientConfig(cluster({ auth: { mode: 'iam' }, tls: { enabled: true } }));
    const sasl = config.sasl as { mechanism: string; oauthBearerProvider: () => Promise<unknown> };
    expect(sasl.mechanism).toBe('oauthbearer');
    const error = await sasl.oauthBearerProvider().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('NOT_IMPLEMENTED');
    expect((error as MigrationError).retriable).toBe(false);
    expect((error as MigrationError).hint).toMatch(/scram-sha-512/);
  });
});

describe('kafkajs logs', () => {
  function capture(level?: 'error' | 'warn' | 'info' | 'debug') {
    const files = pemDir();
    const events: KafkaLogEvent[] = [];
    const config = kafkajsClientConfig(
      cluster({
        auth: { mode: 'scram-sha-512', username: 'migrator', password: PASSWORD },
        tls: { enabled: true, caFile: files.ca, certFile: files.cert, keyFile: files.key },
      }),
      { onLog: (event) => events.push(event), ...(level ? { logLevel: level } : {}) },
    );
    return { events, logger: new kafkajs.Kafka(config).logger() };
  }

  it('routes kafkajs log lines to the callback at the configured level', () => {
    const { events, logger } = capture('info');
    logger.namespace('Consumer').info('Starting', { groupId: 'orders', broker: 'b-1.example:9096' });
    logger.debug('Request Fetch(key: 1, version: 11)', {});
    expect(events).toEqual([
      {
        level: 'info',
        namespace: 'Consumer',
        clientId: 'kafka-backup-source',
        message: 'Starting',
        fields: { groupId: 'orders', broker: 'b-1.example:9096' },
      },
    ]);
  });

  it('never passes on credentials, keys or protocol buffers', () => {
    const { events, logger } = capture('debug');
    logger.error(`SASL SCRAM SHA512 authentication failed for password ${PASSWORD}`, {
      sasl: { mechanism: 'scram-sha-512', username: 'migrator', password: PASSWORD },
      ssl: { key: KEY, cert: CERT },
      nested: { deeper: { note: `x ${PASSWORD} y` } },
      error: new Error(`bad ${PASSWORD}`),
      pem: KEY,
      payload: Buffer.from(PASSWORD),
      tls: true,
    });
    const text = JSON.stringify(events);
    expect(events).toHaveLength(1);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('c2VjcmV0LWtleS1ieXRlcw');
    expect(events[0]?.fields.tls).toBe(true);
    expect(events[0]?.message).toContain('authentication failed');
  });

  it('drops log lines when no callback is given, and survives a throwing callback', () => {
    const silent = kafkajsClientConfig(cluster());
    expect(() => new kafkajs.Kafka(silent).logger().error('boom')).not.toThrow();
    const throwing = kafkajsClientConfig(cluster(), {
      onLog: () => {
        throw new Error('sink down');
      },
    });
    expect(() => new kafkajs.Kafka(throwing).logger().error('boom')).not.toThrow();
  });
});
