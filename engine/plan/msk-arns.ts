/**
 * IAM resource ARNs for MSK clusters and what lives in them (AWS MSK developer guide, "IAM access control",
 * Resources): cluster `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>`, and from its parts
 * `topic/<name>/<uuid>/<topic>`, `group/<name>/<uuid>/<group>`, `transactional-id/<name>/<uuid>/<id>`.
 * The `<uuid>` is the cluster ARN's last segment as is, suffix included (e.g. `...-2`).
 * Parts that are unknown (a cluster given only by bootstrap servers) become `${ROLE_PART}` placeholders.
 */
import type { PlannedCluster } from './plan-types.js';

export type MskResourceKind = 'topic' | 'group' | 'transactional-id';

export interface MskArnBuilder {
  /** True when every part is real (no placeholder). */
  readonly concrete: boolean;
  readonly cluster: string;
  /** `name` may be a pattern: `*`, `orders.*`. */
  resource(kind: MskResourceKind, name: string): string;
  /** The placeholders this builder writes, in order. */
  readonly placeholders: string[];
}

/**
 * `templated` always writes placeholders (`${SOURCE_CLUSTER_ARN}`, `${SOURCE_REGION}`, `${SOURCE_ACCOUNT_ID}`,
 * `${SOURCE_CLUSTER_NAME}`, `${SOURCE_CLUSTER_UUID}`); otherwise real parts are used wherever they are known.
 */
export function mskArnBuilder(cluster: PlannedCluster, partition: string, templated: boolean): MskArnBuilder {
  const role = cluster.role.toUpperCase();
  const placeholders: string[] = [];
  const part = (value: string | null, name: string): string => {
    if (!templated && value !== null) return value;
    const placeholder = `\${${role}_${name}}`;
    if (!placeholders.includes(placeholder)) placeholders.push(placeholder);
    return placeholder;
  };
  const known = !templated && cluster.arn !== null && cluster.clusterName !== null && cluster.clusterUuid !== null;
  const clusterArn = known ? (cluster.arn as string) : part(null, 'CLUSTER_ARN');
  const region = part(cluster.region, 'REGION');
  const account = part(cluster.accountId, 'ACCOUNT_ID');
  const name = part(cluster.clusterName, 'CLUSTER_NAME');
  const uuid = part(cluster.clusterUuid, 'CLUSTER_UUID');
  return {
    concrete: known && placeholders.length === 0,
    cluster: clusterArn,
    resource: (kind, resourceName) => `arn:${partition}:kafka:${region}:${account}:${kind}/${name}/${uuid}/${resourceName}`,
    placeholders,
  };
}
