import { describe, expect, it } from 'vitest';
import { configDigest, diffConfigs, isSecretPath, redactConfig } from '../../../engine/config/index.js';
import { ENV, invalid, MINIMAL, parse, wrapEnterprise } from './helpers.js';

const SECRETS = [ENV.SCRAM_PASSWORD, ENV.FREEZE_HMAC_SECRET];

const WITH_SECRETS = wrapEnterprise(
  MINIMAL.replace(
    'bootstrap_servers: 127.0.0.1:19092',
    'bootstrap_servers: 127.0.0.1:19092\n  auth: { mode: scram-sha-512, username: ${SCRAM_USERNAME}, password: ${SCRAM_PASSWORD} }',
  ).replace(
    'bootstrap_servers: 127.0.0.1:29092',
    'bootstrap_servers: 127.0.0.1:29092\n  auth:\n    mode: scram-sha-512\n    username: admin\n    password: "literal-pw-in-file"',
  ) +
    'cutover:\n  producer_freeze_webhook: https://hooks.example.com/freeze\n  producer_freeze_webhook_secret: ${FREEZE_HMAC_SECRET}\n',
);

describe('isSecretPath', () => {
  it.each([
    'source.auth.password',
    'enterprise.msk_kraft_migration.target.auth.password',
    'cutover.producer_freeze_webhook_secret',
    'cutover.producerFreezeWebhookSecret',
  ])('%s is a secret', (path) => {
    expect(isSecretPath(path)).toBe(true);
    expect(isSecretPath(path.split('.'))).toBe(true);
  });

  it.each(['source.auth.username', 'cutover.producer_freeze_webhook', 'evidence.signing_key_path', 'backup.kms_key_arn', ''])(
    '%s is not a secret',
    (path) => {
      expect(isSecretPath(path)).toBe(false);
    },
  );
});

describe('redactConfig', () => {
  const config = parse(WITH_SECRETS);

  it('replaces every secret with <redacted> and keeps the rest', () => {
    const redacted = redactConfig(config);
    expect(redacted).toMatchObject({
      source: { auth: { mode: 'scram-sha-512', username: ENV.SCRAM_USERNAME, password: '<redacted>' } },
      target: { auth: { username: 'admin', password: '<redacted>' } },
      cutover: { producerFreezeWebhook: 'https://hooks.example.com/freeze', producerFreezeWebhookSecret: '<redacted>' },
    });
    const printed = JSON.stringify(redacted);
    for (const secret of [...SECRETS, 'literal-pw-in-file']) expect(printed).not.toContain(secret);
  });

  it('returns a plain JSON object and leaves the config itself untouched', () => {
    const redacted = redactConfig(config);
    expect(JSON.parse(JSON.stringify(redacted))).toEqual(redacted);
    expect(config.source.auth).toMatchObject({ password: ENV.SCRAM_PASSWORD });
  });

  it('keeps secrets out of the digest and the diff', () => {
    const rotated = parse(WITH_SECRETS, { ...ENV, SCRAM_PASSWORD: 'rotated-pw-123' });
    expect(configDigest(rotated)).toBe(configDigest(config));
    const lines = diffConfigs(config, rotated);
    expect(lines).toEqual(['source.auth.password: <redacted> changed']);
    for (const secret of [...SECRETS, 'rotated-pw-123']) expect(lines.join('\n')).not.toContain(secret);
  });
});

describe('errors never show a secret', () => {
  it('redacts secrets that are themselves the bad value, and keeps other problems readable', () => {
    const text = WITH_SECRETS.replace('mode: scram-sha-512\n', 'mode: iam\n').replace(
      'https://hooks.example.com/freeze',
      'not a url',
    );
    const error = invalid(text);
    expect(error.message).toContain('target.auth.password: got <redacted>; expected no username or password with auth.mode iam');
    for (const secret of [...SECRETS, 'literal-pw-in-file']) expect(error.message).not.toContain(secret);
    for (const problem of error.problems) for (const secret of SECRETS) expect(problem.detail).not.toContain(secret);
  });

  it('scrubs a secret that ended up in a non-secret key', () => {
    const text = WITH_SECRETS.replace('username: admin', 'username: admin\n        extra: ${SCRAM_PASSWORD}').replace(
      's3_bucket: kb-backup',
      's3_bucket: "${SCRAM_PASSWORD}"',
    );
    const error = invalid(text);
    expect(error.message).toContain('backup.s3_bucket: got "<redacted>"');
    for (const secret of SECRETS) expect(error.message).not.toContain(secret);
  });

  it('hides the secret webhook HMAC key when it is set without a webhook', () => {
    const text = WITH_SECRETS.replace('  producer_freeze_webhook: https://hooks.example.com/freeze\n', '');
    const error = invalid(text);
    expect(error.message).toContain('producer_freeze_webhook_secret: got <redacted>; expected producer_freeze_webhook_secret only together with producer_freeze_webhook');
    expect(error.message).not.toContain(ENV.FREEZE_HMAC_SECRET);
  });

  it('says an empty password is empty without showing anything else', () => {
    const error = invalid(WITH_SECRETS, { ...ENV, SCRAM_PASSWORD: '' });
    expect(error.message).toContain('source.auth.password: got "" (empty); expected a password (not empty)');
  });
});
