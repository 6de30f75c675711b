/**
 * `access-map.json` for an IAM-auth target: on MSK, Kafka ACLs have no effect for IAM principals, so the tool writes
 * no ACL there. Instead it hands over what each source principal's ACLs mean as IAM actions and resources (the
 * mapping the plan already made, `plan.acls.iamAccessMap`) for the operator's own IaC. The caller stores it in the
 * journal and the evidence bundle. Deterministic (no clock): the same plan gives byte-identical JSON.
 */
import type { MigrationPlan, IamPrincipalAccess } from '../plan/plan-types.js';
import { finding } from '../precheck/codes.js';
import type { Finding } from '../precheck/finding.js';

export const ACCESS_MAP_FILE = 'access-map.json';
export const ACCESS_MAP_SCHEMA_VERSION = 1 as const;

export interface AccessMapDocument {
  readonly schemaVersion: typeof ACCESS_MAP_SCHEMA_VERSION;
  readonly migrationId: string;
  readonly targetCluster: { readonly arn: string | null; readonly name: string | null; readonly region: string | null };
  /** How many ACL entries the source had (null when they could not be listed). */
  readonly sourceAclCount: number | null;
  /** One entry per Kafka principal, sorted: the IAM statements its ACLs mean, and what has no IAM equivalent. */
  readonly principals: IamPrincipalAccess[];
  readonly unmappedCount: number;
  readonly howToUse: string;
}

/** The I01 finding, with the target named the way precheck names clusters. */
export function accessMapFinding(plan: MigrationPlan): Finding {
  const target = plan.clusters.target;
  const subject = target.arn ?? (target.bootstrapServers.length > 0 ? `bootstrap:${target.bootstrapServers.join(',')}` : 'target cluster');
  return finding(
    'I01',
    subject,
    'target is IAM-auth',
    `ACLs are emitted as ${ACCESS_MAP_FILE} for customer IaC to translate to IAM policies (tool does not apply IAM)`,
  );
}

export function buildAccessMap(plan: MigrationPlan): AccessMapDocument {
  const target = plan.clusters.target;
  return {
    schemaVersion: ACCESS_MAP_SCHEMA_VERSION,
    migrationId: plan.migrationId,
    targetCluster: { arn: target.arn, name: target.clusterName, region: target.region },
    sourceAclCount: plan.acls.sourceCount,
    principals: plan.acls.iamAccessMap,
    unmappedCount: plan.acls.iamAccessMap.reduce((sum, principal) => sum + principal.unmapped.length, 0),
    howToUse:
      'Map each Kafka principal to the IAM role or user that replaces it, and grant that identity the statements listed for it (kafka-cluster:* actions on the target cluster, topic, group and transactional-id ARNs). ACLs under "unmapped" have no IAM equivalent: decide them by hand.',
  };
}
