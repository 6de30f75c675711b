/**
 * What a principal's Kafka ACLs mean on an IAM-auth MSK target: the `kafka-cluster:*` actions and resource ARNs
 * (AWS MSK developer guide, "Semantics of IAM authorization policy actions and resources"). The tool does not apply
 * IAM; the operator maps each Kafka principal to an IAM role and writes the policy with their own IaC.
 *
 * Allow entries also get the actions AWS lists as required with them (Connect; DescribeTopic with ReadData, ...),
 * as Kafka implies DESCRIBE from READ/WRITE/ALTER/DELETE. Deny entries deny only the action itself.
 */
import type { MskArnBuilder, MskResourceKind } from './msk-arns.js';
import type { IamAccessStatement, IamPrincipalAccess, PlannedAcl } from './plan-types.js';
import { compareStrings, sortedUnique } from './sorting.js';

const K = (action: string): string => `kafka-cluster:${action}`;

/** Operation → [the action itself, ...actions Allow entries also need], per resource type. */
const TOPIC_ACTIONS: Record<string, string[]> = {
  READ: ['ReadData', 'DescribeTopic'],
  WRITE: ['WriteData', 'DescribeTopic'],
  CREATE: ['CreateTopic'],
  DELETE: ['DeleteTopic', 'DescribeTopic'],
  ALTER: ['AlterTopic', 'DescribeTopic'],
  DESCRIBE: ['DescribeTopic'],
  DESCRIBE_CONFIGS: ['DescribeTopicDynamicConfiguration'],
  ALTER_CONFIGS: ['AlterTopicDynamicConfiguration', 'DescribeTopicDynamicConfiguration'],
};
const GROUP_ACTIONS: Record<string, string[]> = {
  READ: ['AlterGroup', 'DescribeGroup'],
  DESCRIBE: ['DescribeGroup'],
  DELETE: ['DeleteGroup', 'DescribeGroup'],
};
const CLUSTER_ACTIONS: Record<string, string[]> = {
  ALTER: ['AlterCluster', 'DescribeCluster'],
  DESCRIBE: ['DescribeCluster'],
  DESCRIBE_CONFIGS: ['DescribeClusterDynamicConfiguration'],
  ALTER_CONFIGS: ['AlterClusterDynamicConfiguration', 'DescribeClusterDynamicConfiguration'],
  IDEMPOTENT_WRITE: ['WriteDataIdempotently'],
};
const TRANSACTIONAL_ID_ACTIONS: Record<string, string[]> = {
  DESCRIBE: ['DescribeTransactionalId'],
  WRITE: ['AlterTransactionalId', 'DescribeTransactionalId'],
};

interface Grant {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly resources: string[];
}

type Mapping = { readonly grants: Grant[] } | { readonly reason: string };

/** The resource ARN an ACL's pattern covers: LITERAL `*` is every resource, PREFIXED `p` is `p*`. */
function resourcePattern(acl: PlannedAcl): string | undefined {
  if (acl.patternType === 'LITERAL') return acl.resourceName;
  if (acl.patternType === 'PREFIXED') return `${acl.resourceName}*`;
  return undefined;
}

function mapAcl(acl: PlannedAcl, arns: MskArnBuilder): Mapping {
  if (acl.host !== '*') {
    return { reason: `host restriction ${acl.host}: IAM policies cannot limit by client host the way Kafka ACLs do` };
  }
  if (acl.permissionType !== 'ALLOW' && acl.permissionType !== 'DENY') {
    return { reason: `permission type ${acl.permissionType} is not ALLOW or DENY` };
  }
  const effect: Grant['effect'] = acl.permissionType === 'ALLOW' ? 'Allow' : 'Deny';
  const pattern = resourcePattern(acl);
  if (pattern === undefined) return { reason: `pattern type ${acl.patternType} has no IAM equivalent` };

  const pick = (table: Record<string, string[]>, kind: MskResourceKind | 'cluster'): Mapping => {
    const operations = acl.operation === 'ALL' ? Object.keys(table) : [acl.operation];
    const actions = operations.flatMap((operation) => {
      const mapped = table[operation];
      if (mapped === undefined) return [];
      return effect === 'Allow' ? mapped : mapped.slice(0, 1);
    });
    const extra: Grant[] = [];
    // Kafka's CREATE on the CLUSTER lets a principal create any topic; IAM puts CreateTopic on topic resources.
    if (kind === 'cluster' && (acl.operation === 'CREATE' || acl.operation === 'ALL')) {
      extra.push({ effect, actions: [K('CreateTopic')], resources: [arns.resource('topic', '*')] });
    }
    if (actions.length === 0 && extra.length === 0) {
      return { reason: `operation ${acl.operation} on ${acl.resourceType} has no IAM equivalent` };
    }
    const resource = kind === 'cluster' ? arns.cluster : arns.resource(kind, pattern);
    const grants = actions.length === 0 ? extra : [{ effect, actions: actions.map(K), resources: [resource] }, ...extra];
    return { grants };
  };

  switch (acl.resourceType) {
    case 'TOPIC':
      return pick(TOPIC_ACTIONS, 'topic');
    case 'GROUP':
      return pick(GROUP_ACTIONS, 'group');
    case 'CLUSTER':
      return pick(CLUSTER_ACTIONS, 'cluster');
    case 'TRANSACTIONAL_ID':
      return pick(TRANSACTIONAL_ID_ACTIONS, 'transactional-id');
    default:
      return { reason: `resource type ${acl.resourceType} has no IAM equivalent in MSK` };
  }
}

/** One entry per principal, statements merged by (effect, actions), everything sorted. */
export function buildIamAccessMap(acls: readonly PlannedAcl[], arns: MskArnBuilder): IamPrincipalAccess[] {
  const byPrincipal = new Map<string, { grants: Grant[]; unmapped: IamPrincipalAccess['unmapped'] }>();
  for (const acl of acls) {
    const entry = byPrincipal.get(acl.principal) ?? { grants: [], unmapped: [] };
    byPrincipal.set(acl.principal, entry);
    const mapping = mapAcl(acl, arns);
    if ('reason' in mapping) entry.unmapped.push({ acl, reason: mapping.reason });
    else entry.grants.push(...mapping.grants);
  }

  return [...byPrincipal.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([principal, { grants, unmapped }]) => {
      if (grants.some((grant) => grant.effect === 'Allow')) {
        grants.push({ effect: 'Allow', actions: [K('Connect')], resources: [arns.cluster] });
      }
      return { principal, statements: mergeGrants(grants), unmapped };
    });
}

/** Merges grants per (effect, resource) into action sets, then per (effect, action set) into resource lists. */
function mergeGrants(grants: readonly Grant[]): IamAccessStatement[] {
  const actionsByResource = new Map<string, Set<string>>();
  for (const grant of grants) {
    for (const resource of grant.resources) {
      const key = `${grant.effect}\u0000${resource}`;
      const actions = actionsByResource.get(key) ?? new Set<string>();
      grant.actions.forEach((action) => actions.add(action));
      actionsByResource.set(key, actions);
    }
  }
  const resourcesByActions = new Map<string, string[]>();
  for (const [key, actions] of actionsByResource) {
    const [effect, resource] = key.split('\u0000') as [string, string];
    const group = `${effect}\u0000${sortedUnique(actions).join(',')}`;
    resourcesByActions.set(group, [...(resourcesByActions.get(group) ?? []), resource]);
  }
  return [...resourcesByActions.entries()]
    .map(([group, resources]) => {
      const [effect, actions] = group.split('\u0000') as [string, string];
      return { effect: effect as 'Allow' | 'Deny', actions: actions.split(','), resources: sortedUnique(resources) };
    })
    .sort(
      (a, b) =>
        compareStrings(a.effect, b.effect) ||
        compareStrings(a.actions.join(','), b.actions.join(',')) ||
        compareStrings(a.resources.join(','), b.resources.join(',')),
    );
}
