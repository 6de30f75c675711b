/**
 * What the fake Amazon MSK control plane knows: the clusters it answers for. The test bed writes this as JSON;
 * `parseFakeMskSpec` validates it and fills in what the real API would report anyway (ARNs, state, defaults).
 *
 * How the real API tells ZooKeeper from KRaft (there is no "metadata mode" field anywhere in the MSK API model;
 * see Provisioned/BrokerSoftwareInfo in @aws-sdk/client-kafka 3.1169): the Kafka version string.
 *  - AWS developer guide, "KRaft mode" (docs.aws.amazon.com/msk/latest/developerguide/kraft-intro.html): "To create
 *    a cluster in KRaft mode using the MSK API ... use 3.7.x.kraft as the version. Use 3.7.x as the version to create
 *    a cluster in ZooKeeper mode."
 *  - AWS developer guide, "Upgrade the Apache Kafka version" (version-upgrades.html): an in-place ZooKeeper to KRaft
 *    migration is started by choosing "a KRaft-based target version (with a .kraft suffix)".
 *  - aws-cdk `@aws-cdk/aws-msk-alpha` lib/cluster-version.ts lists the strings: 3.7.x / 3.7.x.kraft, 3.8.x /
 *    3.8.x.kraft, 3.9.x / 3.9.x.kraft, then only 4.0.x.kraft, 4.1.x.kraft, 4.2.x.kraft (Kafka 4 has no ZooKeeper).
 *  - "Metadata management" (metadata-management.html): the ZooKeeper connection string is a ZooKeeper-mode thing;
 *    so `zookeeperConnectString` appears only on ZooKeeper clusters.
 * The fake therefore answers with the version string as given and a `zookeeperConnectString` only for ZooKeeper
 * clusters; `metadataMode` in this spec is only checked against the version, never sent.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export type MetadataMode = 'ZOOKEEPER' | 'KRAFT';

/** The metadata mode MSK means by a Kafka version string: `.kraft` suffix, or Kafka 4 and later, is KRaft. */
export function metadataModeOfKafkaVersion(kafkaVersion: string): MetadataMode {
  if (kafkaVersion.endsWith('.kraft')) return 'KRAFT';
  const major = Number.parseInt(kafkaVersion.split('.')[0] ?? '', 10);
  return Number.isFinite(major) && major >= 4 ? 'KRAFT' : 'ZOOKEEPER';
}

const ARN_PATTERN = /^arn:aws[a-z-]*:kafka:([a-z0-9-]+):(\d{12}):cluster\/([^/]+)\/([^/]+)$/;

const hostPortList = z
  .string()
  .regex(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, 'must be a comma-separated list of host:port');

const authenticationSchema = z.strictObject({
  iam: z.boolean().default(false),
  scram: z.boolean().default(false),
  tls: z.boolean().default(false),
  unauthenticated: z.boolean().default(false),
});

const bootstrapSchema = z.strictObject({
  plaintext: hostPortList.optional(),
  tls: hostPortList.optional(),
  saslScram: hostPortList.optional(),
  saslIam: hostPortList.optional(),
  publicTls: hostPortList.optional(),
  publicSaslScram: hostPortList.optional(),
  publicSaslIam: hostPortList.optional(),
});

const nodeSchema = z.strictObject({
  brokerId: z.number().int().min(0),
  host: z.string().min(1),
  /** Kept for the test bed's own use; the real ListNodes reports endpoint host names only, never ports. */
  port: z.number().int().min(1).max(65535).optional(),
});

const clusterSchema = z.strictObject({
  clusterArn: z.string().regex(ARN_PATTERN, 'must look like arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>').optional(),
  clusterName: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/, 'must be 1-64 letters, digits or hyphens'),
  clusterType: z.enum(['PROVISIONED', 'SERVERLESS']).default('PROVISIONED'),
  kafkaVersion: z.string().min(1).optional(),
  metadataMode: z.enum(['ZOOKEEPER', 'KRAFT']).optional(),
  brokerCount: z.number().int().min(1).optional(),
  instanceType: z.string().min(1).optional(),
  state: z
    .enum(['ACTIVE', 'CREATING', 'DELETING', 'FAILED', 'HEALING', 'MAINTENANCE', 'REBOOTING_BROKER', 'UPDATING'])
    .default('ACTIVE'),
  authentication: authenticationSchema.default({ iam: false, scram: false, tls: false, unauthenticated: false }),
  encryptionInTransit: z
    .strictObject({
      clientBroker: z.enum(['TLS', 'TLS_PLAINTEXT', 'PLAINTEXT']).default('TLS'),
      inCluster: z.boolean().default(true),
    })
    .default({ clientBroker: 'TLS', inCluster: true }),
  /** KMS key for data at rest; MSK always encrypts at rest, with an AWS-managed key when none is chosen. */
  encryptionAtRestKmsKeyArn: z.string().min(1).optional(),
  bootstrap: bootstrapSchema.default({}),
  nodes: z.array(nodeSchema).default([]),
  zookeeperConnect: hostPortList.optional(),
  zookeeperConnectTls: hostPortList.optional(),
  configuration: z
    .strictObject({
      arn: z.string().regex(/^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:configuration\/[^/]+\/[^/]+$/),
      revision: z.number().int().min(1),
      serverProperties: z.string(),
    })
    .optional(),
  tags: z.record(z.string(), z.string()).default({}),
});

const specSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1'),
  accountId: z.string().regex(/^\d{12}$/).default('123456789012'),
  clusters: z.array(clusterSchema),
});

type ClusterInput = z.infer<typeof clusterSchema>;

export type FakeMskSpecInput = z.input<typeof specSchema>;

export interface FakeMskNode {
  brokerId: number;
  host: string;
  port?: number;
}

export interface FakeMskCluster extends Omit<ClusterInput, 'clusterArn' | 'metadataMode' | 'nodes' | 'brokerCount'> {
  clusterArn: string;
  /** Undefined only for Serverless, whose version and mode the API does not expose. */
  metadataMode: MetadataMode | undefined;
  brokerCount: number | undefined;
  nodes: FakeMskNode[];
}

export interface FakeMskSpec {
  region: string;
  accountId: string;
  clusters: FakeMskCluster[];
  /**
   * Things the real MSK would never report but the fake serves as given (a listener whose auth or encryption is
   * off); the runner prints them. Hard contradictions (version vs. mode, Serverless with brokers) are errors.
   */
  warnings: string[];
}

export class FakeMskSpecError extends Error {
  override readonly name = 'FakeMskSpecError';
}

/** Validates the JSON the test bed writes; throws FakeMskSpecError listing every problem with its path. */
export function parseFakeMskSpec(json: unknown, source = 'fake MSK spec'): FakeMskSpec {
  const parsed = specSchema.safeParse(json);
  if (!parsed.success) {
    throw new FakeMskSpecError(`${source} is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  const { region, accountId } = parsed.data;
  const problems: string[] = [];
  const warnings: string[] = [];
  const clusters = parsed.data.clusters.map((cluster, index) => {
    const where = `clusters[${index}] (${cluster.clusterName})`;
    return completeCluster(
      cluster,
      region,
      accountId,
      (message) => problems.push(`${where}: ${message}`),
      (message) => warnings.push(`${where}: ${message}`),
    );
  });
  const seen = new Map<string, number>();
  clusters.forEach((cluster, index) => {
    const first = seen.get(cluster.clusterArn);
    if (first !== undefined) problems.push(`clusters[${index}]: clusterArn ${cluster.clusterArn} repeats clusters[${first}]`);
    seen.set(cluster.clusterArn, index);
  });
  if (problems.length > 0) throw new FakeMskSpecError(`${source} is invalid:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  return { region, accountId, clusters, warnings };
}

export async function loadFakeMskSpec(path: string): Promise<FakeMskSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FakeMskSpecError(`cannot read fake MSK config ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FakeMskSpecError(`fake MSK config ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseFakeMskSpec(json, `fake MSK config ${path}`);
}

function completeCluster(
  input: ClusterInput,
  region: string,
  accountId: string,
  problem: (message: string) => void,
  warn: (message: string) => void,
): FakeMskCluster {
  const clusterArn = input.clusterArn ?? `arn:aws:kafka:${region}:${accountId}:cluster/${input.clusterName}/${uuidFrom(input.clusterName)}-1`;
  const arnParts = ARN_PATTERN.exec(clusterArn);
  if (arnParts?.[1] !== region) problem(`clusterArn ${clusterArn} is not in region ${region}`);
  if (arnParts?.[3] !== input.clusterName) problem(`clusterArn ${clusterArn} does not carry clusterName ${input.clusterName}`);

  const ids = new Set<number>();
  for (const node of input.nodes) {
    if (ids.has(node.brokerId)) problem(`nodes: brokerId ${node.brokerId} appears twice`);
    ids.add(node.brokerId);
  }
  checkBootstrapAgainstAuth(input, warn);

  if (input.clusterType === 'SERVERLESS') {
    for (const key of ['kafkaVersion', 'metadataMode', 'brokerCount', 'instanceType', 'zookeeperConnect', 'zookeeperConnectTls', 'configuration'] as const) {
      if (input[key] !== undefined) problem(`${key} is not reported for SERVERLESS clusters; remove it`);
    }
    if (input.nodes.length > 0) problem('nodes: SERVERLESS clusters have no brokers to list');
    const { scram, tls, unauthenticated } = input.authentication;
    if (scram || tls || unauthenticated) problem('authentication: SERVERLESS clusters support IAM only');
    const extra = Object.keys(input.bootstrap).filter((key) => key !== 'saslIam');
    if (extra.length > 0) problem(`bootstrap: SERVERLESS clusters offer saslIam only, not ${extra.join(', ')}`);
    return { ...input, clusterArn, metadataMode: undefined, brokerCount: undefined, nodes: input.nodes, authentication: { ...input.authentication, iam: true } };
  }

  if (input.kafkaVersion === undefined) {
    problem('kafkaVersion is required for PROVISIONED clusters (e.g. "3.9.x" for ZooKeeper, "3.9.x.kraft" for KRaft)');
  }
  const kafkaVersion = input.kafkaVersion ?? '3.9.x';
  const versionMode = metadataModeOfKafkaVersion(kafkaVersion);
  if (input.metadataMode !== undefined && input.metadataMode !== versionMode) {
    problem(
      `metadataMode ${input.metadataMode} contradicts kafkaVersion "${kafkaVersion}", which MSK reports for ${versionMode} clusters` +
        (input.metadataMode === 'KRAFT' ? ` (KRaft versions end in ".kraft", e.g. "${kafkaVersion}.kraft")` : ''),
    );
  }
  if (versionMode === 'KRAFT' && (input.zookeeperConnect !== undefined || input.zookeeperConnectTls !== undefined)) {
    problem('zookeeperConnect is only reported for ZooKeeper-mode clusters');
  }
  const brokerCount = input.brokerCount ?? (input.nodes.length > 0 ? input.nodes.length : undefined);
  if (brokerCount === undefined) problem('brokerCount or nodes is required for PROVISIONED clusters');
  if (input.nodes.length > 0 && brokerCount !== input.nodes.length) {
    problem(`brokerCount ${brokerCount} but ${input.nodes.length} nodes listed`);
  }
  return {
    ...input,
    clusterArn,
    kafkaVersion,
    metadataMode: versionMode,
    brokerCount: brokerCount ?? 1,
    instanceType: input.instanceType ?? 'kafka.m5.large',
    nodes: input.nodes,
  };
}

/** MSK hands out a bootstrap string per listener only when the matching auth and encryption are on. */
function checkBootstrapAgainstAuth(input: ClusterInput, warn: (message: string) => void): void {
  const { bootstrap, authentication, encryptionInTransit } = input;
  const needs: Array<[keyof typeof bootstrap, boolean, string]> = [
    ['saslScram', authentication.scram, 'authentication.scram'],
    ['publicSaslScram', authentication.scram, 'authentication.scram'],
    ['saslIam', authentication.iam || input.clusterType === 'SERVERLESS', 'authentication.iam'],
    ['publicSaslIam', authentication.iam, 'authentication.iam'],
    ['plaintext', encryptionInTransit.clientBroker !== 'TLS', 'encryptionInTransit.clientBroker PLAINTEXT or TLS_PLAINTEXT'],
    ['tls', encryptionInTransit.clientBroker !== 'PLAINTEXT', 'encryptionInTransit.clientBroker TLS or TLS_PLAINTEXT'],
    ['publicTls', encryptionInTransit.clientBroker !== 'PLAINTEXT', 'encryptionInTransit.clientBroker TLS or TLS_PLAINTEXT'],
  ];
  for (const [key, allowed, requirement] of needs) {
    if (bootstrap[key] !== undefined && !allowed) {
      warn(`bootstrap.${key} is served, but the real MSK reports it only with ${requirement}`);
    }
  }
}

function uuidFrom(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
