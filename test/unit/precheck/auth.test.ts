import { describe, expect, it } from 'vitest';
import { renderFindingLine } from '../../../engine/precheck/index.js';
import { isIamPrincipal } from '../../../engine/precheck/rules/auth.js';
import type { AclEntry } from '../../../engine/inventory/types.js';
import { SOURCE_ARN, TARGET_ARN, run, withCode } from './builders.js';

const acl = (principal: string, resourceName = 'orders'): AclEntry => ({
  resourceType: 'TOPIC',
  resourceName,
  patternType: 'LITERAL',
  principal,
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW',
});

describe('B17 unsupported auth combinations', () => {
  it('fires for IAM without TLS', () => {
    const report = run({
      config: (config) => {
        config.target.auth = { mode: 'iam' };
        config.target.tls.enabled = false;
      },
    });
    const details = withCode(report, 'B17').map((item) => item.detail);
    expect(details).toContain('target.auth.mode is iam but target.tls.enabled is false; MSK IAM authentication only runs over TLS');
  });
  it('fires for SCRAM on a cluster whose control plane says SCRAM is disabled, naming what is enabled', () => {
    const report = run({ inventory: (inv) => void (inv.source.controlPlane!.auth = { iam: true, scram: false, tls: false, unauthenticated: false }) });
    const [b17] = withCode(report, 'B17');
    expect(b17?.subject).toBe(SOURCE_ARN);
    expect(b17?.detail).toBe('source.auth.mode is scram-sha-512 but the control plane says SASL/SCRAM authentication is disabled on source-zk (enabled: iam)');
    expect(b17?.remedy).toContain('set source.auth.mode to one the cluster offers (iam)');
  });
  it('fires when TLS is off against a TLS-only cluster, and on against a plaintext-only one', () => {
    const report = run({
      config: (config) => void (config.source.tls.enabled = false),
      inventory: (inv) => void (inv.target.controlPlane!.encryption.inTransitClientBroker = 'PLAINTEXT'),
    });
    expect(withCode(report, 'B17').map((item) => item.subject).sort()).toEqual([SOURCE_ARN, TARGET_ARN].sort());
  });
  it('does not fire for matching settings, nor judge a cluster without a description beyond IAM-without-TLS', () => {
    expect(withCode(run(), 'B17')).toEqual([]);
    const report = run({
      inventory: (inv) => void (inv.source.controlPlane = undefined),
      config: (config) => void (config.source.tls.enabled = false),
    });
    expect(withCode(report, 'B17')).toEqual([]);
  });
});

describe('I01 IAM-auth target', () => {
  it('prints the reference line word for word', () => {
    const report = run({ config: (config) => void (config.target.auth = { mode: 'iam' }) });
    const [i01] = withCode(report, 'I01');
    expect(i01?.severity).toBe('info');
    expect(i01?.subject).toBe(TARGET_ARN);
    expect(renderFindingLine(i01!)).toBe(
      'I01 info: target is IAM-auth — ACLs will be emitted as access-map.json for customer IaC to translate to IAM policies (tool does not apply IAM)',
    );
  });
  it('does not fire for a SCRAM target', () => {
    expect(withCode(run(), 'I01')).toEqual([]);
  });
});

describe('W08 ACL principals without an IAM equivalent', () => {
  const acls = [acl('User:alice'), acl('User:alice', 'payments'), acl('User:arn:aws:iam::111122223333:role/consumer'), acl('User:*')];
  it('fires once per non-IAM principal on an IAM target, with the ACL count', () => {
    const report = run({ config: (config) => void (config.target.auth = { mode: 'iam' }), inventory: (inv) => void (inv.source.acls = acls) });
    const w08 = withCode(report, 'W08');
    expect(w08.map((item) => item.subject)).toEqual(['User:*', 'User:alice']);
    expect(w08[1]?.detail).toBe('2 source ACLs for principal User:alice have no IAM equivalent on the IAM-auth target');
    expect(w08[0]?.detail).toContain('wildcard principal');
  });
  it('does not fire on a SCRAM target', () => {
    expect(withCode(run({ inventory: (inv) => void (inv.source.acls = acls) }), 'W08')).toEqual([]);
  });
  it('recognises IAM and STS principals', () => {
    expect(isIamPrincipal('User:arn:aws:iam::111122223333:role/app')).toBe(true);
    expect(isIamPrincipal('User:arn:aws:sts::111122223333:assumed-role/app/session')).toBe(true);
    expect(isIamPrincipal('User:CN=app,OU=eng')).toBe(false);
  });
});

describe('W09 source ACLs not listed', () => {
  it('fires with the reason', () => {
    const report = run({
      inventory: (inv) => {
        inv.source.acls = undefined;
        inv.source.aclError = 'CLUSTER_AUTHORIZATION_FAILED';
      },
    });
    expect(withCode(report, 'W09')[0]?.detail).toContain('(CLUSTER_AUTHORIZATION_FAILED)');
  });
  it('does not fire when ACLs were listed (even none)', () => {
    expect(withCode(run(), 'W09')).toEqual([]);
  });
});
