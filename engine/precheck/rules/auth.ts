/**
 * Authentication and access control: auth modes the cluster cannot accept (B17), an IAM-auth target (I01), ACL
 * principals with no IAM identity behind them (W08), and source ACLs that could not be listed (W09).
 */
import type { ClusterConfig } from '../../config/types.js';
import type { ControlPlaneInfo } from '../../inventory/types.js';
import { finding } from '../codes.js';
import { clusterSubject, type Role, type Rule } from '../context.js';
import type { Finding } from '../finding.js';
import { plural } from '../format.js';

const ROLES: readonly Role[] = ['source', 'target'];

export const authCombinationRule: Rule = (context) => {
  const findings: Finding[] = [];
  for (const role of ROLES) {
    const settings = context.config[role];
    const plane = context.inventory[role].controlPlane;
    for (const problem of authProblems(role, settings, plane)) {
      findings.push(finding('B17', clusterSubject(context, role), problem.detail, problem.remedy));
    }
  }
  return findings;
};

interface AuthProblem {
  readonly detail: string;
  readonly remedy: string;
}

function authProblems(role: Role, settings: ClusterConfig, plane: ControlPlaneInfo | undefined): AuthProblem[] {
  const problems: AuthProblem[] = [];
  const mode = settings.auth.mode;
  if (mode === 'iam' && !settings.tls.enabled) {
    problems.push({
      detail: `${role}.auth.mode is iam but ${role}.tls.enabled is false; MSK IAM authentication only runs over TLS`,
      remedy: `set ${role}.tls.enabled: true (MSK's IAM listener is TLS, port 9098)`,
    });
  }
  if (plane === undefined) return problems;
  const enabled: Record<typeof mode, { on: boolean; name: string }> = {
    iam: { on: plane.auth.iam, name: 'IAM access control' },
    'scram-sha-512': { on: plane.auth.scram, name: 'SASL/SCRAM authentication' },
    tls: { on: plane.auth.tls, name: 'TLS client-certificate (mutual TLS) authentication' },
    plaintext: { on: plane.auth.unauthenticated, name: 'unauthenticated access' },
  };
  const wanted = enabled[mode];
  if (!wanted.on) {
    const offered = Object.entries(enabled)
      .filter(([, value]) => value.on)
      .map(([name]) => name);
    problems.push({
      detail: `${role}.auth.mode is ${mode} but the control plane says ${wanted.name} is disabled on ${plane.name}${offered.length > 0 ? ` (enabled: ${offered.join(', ')})` : ''}`,
      remedy:
        offered.length > 0
          ? `set ${role}.auth.mode to one the cluster offers (${offered.join(', ')}), or enable ${wanted.name} on the cluster (aws kafka update-security)`
          : `enable ${wanted.name} on the cluster (aws kafka update-security), then rerun precheck`,
    });
  }
  const inTransit = plane.encryption.inTransitClientBroker;
  if (inTransit === 'TLS' && !settings.tls.enabled) {
    problems.push({
      detail: `${role}.tls.enabled is false but ${plane.name} accepts only TLS client connections (encryption in transit: TLS)`,
      remedy: `set ${role}.tls.enabled: true (and ${role}.tls.ca_file when the brokers use a private CA)`,
    });
  }
  if (inTransit === 'PLAINTEXT' && settings.tls.enabled) {
    problems.push({
      detail: `${role}.tls.enabled is true but ${plane.name} has no TLS listener (encryption in transit: PLAINTEXT)`,
      remedy: `set ${role}.tls.enabled: false, or enable TLS in transit on the cluster`,
    });
  }
  return problems;
}

export const iamTargetRule: Rule = (context) => {
  if (context.config.target.auth.mode !== 'iam') return [];
  return [
    finding(
      'I01',
      clusterSubject(context, 'target'),
      'target is IAM-auth',
      'ACLs will be emitted as access-map.json for customer IaC to translate to IAM policies (tool does not apply IAM)',
    ),
  ];
};

/** `User:arn:aws:iam::...` / `User:arn:aws:sts::...`: a principal that already is an IAM identity. */
export function isIamPrincipal(principal: string): boolean {
  return /^User:arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(principal);
}

export const aclPrincipalRule: Rule = (context) => {
  if (context.config.target.auth.mode !== 'iam') return [];
  const acls = context.inventory.source.acls ?? [];
  const counts = new Map<string, number>();
  for (const acl of acls) {
    if (isIamPrincipal(acl.principal)) continue;
    counts.set(acl.principal, (counts.get(acl.principal) ?? 0) + 1);
  }
  return [...counts.entries()].map(([principal, count]) =>
    finding(
      'W08',
      principal,
      `${plural(count, 'source ACL')} for principal ${principal} ${count === 1 ? 'has' : 'have'} no IAM equivalent on the IAM-auth target${principal === 'User:*' ? ' (a wildcard principal grants every authenticated client)' : ''}`,
      `decide which IAM role or user takes ${principal}'s place and grant it the kafka-cluster:* actions listed for it in access-map.json; clients authenticating as ${principal} must switch to IAM`,
    ),
  );
};

export const sourceAclsRule: Rule = (context) => {
  const source = context.inventory.source;
  if (!source.reachable || source.acls !== undefined) return [];
  return [
    finding(
      'W09',
      clusterSubject(context, 'source'),
      `source ACLs could not be listed (${source.aclError ?? 'no reason given'}); no ACLs will be copied or mapped`,
      'if the source uses ACLs, grant the migration principal DESCRIBE on the CLUSTER resource (kafka-cluster:DescribeCluster with IAM) and rerun precheck; if it has no authorizer, nothing is lost',
    ),
  ];
};

export const authRules: readonly Rule[] = [authCombinationRule, iamTargetRule, aclPrincipalRule, sourceAclsRule];
