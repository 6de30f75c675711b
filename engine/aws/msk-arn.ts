import { MigrationError } from '../errors.js';

export interface MskClusterArnParts {
  partition: string;
  region: string;
  accountId: string;
  clusterName: string;
  clusterId: string;
}

const CLUSTER_ARN = /^arn:(aws(?:-[a-z]+)*):kafka:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):cluster\/([^/]+)\/([^/]+)$/;

/** Splits `arn:aws:kafka:<region>:<account>:cluster/<name>/<id>`; undefined when it is not an MSK cluster ARN. */
export function parseClusterArn(arn: string): MskClusterArnParts | undefined {
  const match = CLUSTER_ARN.exec(arn.trim());
  if (match === null) return undefined;
  const [, partition, region, accountId, clusterName, clusterId] = match as unknown as [string, string, string, string, string, string];
  return { partition, region, accountId, clusterName, clusterId };
}

/** The region an MSK cluster ARN names; a CONFIG_INVALID MigrationError when it is not such an ARN. */
export function regionFromClusterArn(arn: string): string {
  const parts = parseClusterArn(arn);
  if (parts === undefined) {
    throw new MigrationError({
      code: 'CONFIG_INVALID',
      message: `"${arn}" is not an Amazon MSK cluster ARN`,
      hint: 'A cluster ARN looks like arn:aws:kafka:us-east-1:123456789012:cluster/my-cluster/<uuid>; copy it from the MSK console or `aws kafka list-clusters-v2`.',
    });
  }
  return parts.region;
}
