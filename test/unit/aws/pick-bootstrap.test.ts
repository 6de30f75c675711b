import { describe, expect, it } from 'vitest';
import { pickBootstrap, type MskBootstrapBrokers } from '../../../engine/aws/msk-control-plane.js';
import { MigrationError } from '../../../engine/errors.js';

const ALL: MskBootstrapBrokers = {
  plaintext: 'b-1:9092',
  tls: 'b-1:9094',
  saslScram: 'b-1:9096',
  saslIam: 'b-1:9098',
  publicTls: 'b-1.public:9194',
  publicSaslScram: 'b-1.public:9196',
  publicSaslIam: 'b-1.public:9198',
};

describe('pickBootstrap', () => {
  it.each([
    ['scram-sha-512', true, 'b-1:9096'],
    ['iam', true, 'b-1:9098'],
    ['tls', true, 'b-1:9094'],
    ['plaintext', false, 'b-1:9092'],
    ['plaintext', true, 'b-1:9094'],
  ] as const)('%s (tls %s) picks %s', (mode, tls, expected) => {
    expect(pickBootstrap(ALL, mode, tls)).toBe(expected);
  });

  it('falls back to the public listener only when the cluster has no private one', () => {
    expect(pickBootstrap({ publicSaslScram: 'p:9196' }, 'scram-sha-512', true)).toBe('p:9196');
    expect(pickBootstrap({ publicSaslIam: 'p:9198' }, 'iam', true)).toBe('p:9198');
    expect(pickBootstrap({ publicTls: 'p:9194' }, 'tls', true)).toBe('p:9194');
  });

  it('fails naming the cluster, the mode and what the cluster offers', () => {
    const arn = 'arn:aws:kafka:us-east-1:123456789012:cluster/source/abc-1';
    let caught: unknown;
    try {
      pickBootstrap({ plaintext: 'b-1:9092', saslIam: 'b-1:9098' }, 'scram-sha-512', true, arn);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    const error = caught as MigrationError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(arn);
    expect(error.message).toContain('scram-sha-512');
    expect(error.message).toMatch(/offers plaintext, SASL\/IAM$/);
    expect(error.hint).toMatch(/SASL\/SCRAM/);
  });

  it('does not use a plaintext listener when TLS is wanted, nor TLS when plaintext is wanted', () => {
    expect(() => pickBootstrap({ plaintext: 'b-1:9092' }, 'plaintext', true)).toThrow(/offers plaintext/);
    expect(() => pickBootstrap({ tls: 'b-1:9094' }, 'plaintext', false)).toThrow(/offers TLS/);
  });

  it('says the cluster offers none when GetBootstrapBrokers was empty', () => {
    expect(() => pickBootstrap({}, 'iam', true)).toThrow(/offers none/);
  });
});
