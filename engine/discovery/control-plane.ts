/**
 * What the MSK control plane says about a cluster given by ARN, and which bootstrap brokers to use when the config
 * names none. Failures never throw: they come back as `error` so discovery records them on the cluster.
 */
import { credentialsFromEnv } from '../aws/credentials.js';
import {
  createMskControlPlane,
  pickBootstrap,
  regionFromClusterArn,
  type MskBootstrapBrokers,
  type MskClusterDescription,
  type MskControlPlane,
  type MskControlPlaneOptions,
} from '../aws/msk-control-plane.js';
import type { AwsSettings, ClusterConfig } from '../config/types.js';
import { isMigrationError } from '../errors.js';
import type { ControlPlaneInfo } from '../inventory/types.js';

export type ControlPlaneFactory = (options: MskControlPlaneOptions) => MskControlPlane;

export interface ControlPlaneLookup {
  readonly info?: ControlPlaneInfo | undefined;
  /** From the config when it lists any, else picked from GetBootstrapBrokers; empty when neither worked. */
  readonly bootstrapServers: string[];
  /** DescribeClusterV2 failed (then `info` is absent). */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  /** The cluster was described but no bootstrap brokers could be had for the configured auth mode. */
  readonly bootstrapError?: { readonly code: string; readonly message: string } | undefined;
}

export interface ControlPlaneLookupOptions {
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly factory?: ControlPlaneFactory | undefined;
  readonly connectTimeoutMs: number;
}

export function splitBootstrap(servers: string): string[] {
  return servers
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
}

/** Which GetBootstrapBrokers field holds `picked`, e.g. `saslScram`. */
export function bootstrapKindOf(brokers: MskBootstrapBrokers, picked: string): string | undefined {
  return (Object.keys(brokers) as (keyof MskBootstrapBrokers)[]).find((kind) => brokers[kind] === picked);
}

export function controlPlaneInfo(
  description: MskClusterDescription,
  region: string,
  extra: { zoneCount?: number | undefined; bootstrapKind?: string | undefined },
): ControlPlaneInfo {
  return {
    arn: description.arn,
    name: description.name,
    region,
    type: description.type,
    state: description.state,
    kafkaVersion: description.kafkaVersion,
    metadataMode: description.metadataMode,
    brokerCount: description.brokerCount,
    instanceType: description.instanceType,
    auth: { ...description.auth },
    encryption: {
      inTransitClientBroker: description.encryption.inTransitClientBroker,
      inCluster: description.encryption.inCluster,
      atRestKmsKeyArn: description.encryption.atRestKmsKeyArn,
    },
    zookeeperConnect: description.zookeeperConnect,
    zoneCount: extra.zoneCount,
    bootstrapKind: extra.bootstrapKind,
  };
}

function failure(error: unknown): { code: string; message: string } {
  if (isMigrationError(error)) return { code: error.code, message: error.message };
  return { code: 'CONTROL_PLANE', message: error instanceof Error ? error.message : String(error) };
}

/**
 * For a cluster given by ARN: DescribeClusterV2, and GetBootstrapBrokers (+ `pickBootstrap` for the configured auth
 * mode) when the config lists no bootstrap servers. The region is the ARN's (the cluster lives there), the endpoint
 * `aws.endpoints.kafka`. With `env`, AWS keys found in it are used; otherwise the SDK's default chain.
 */
export async function lookUpControlPlane(cluster: ClusterConfig, aws: AwsSettings, options: ControlPlaneLookupOptions): Promise<ControlPlaneLookup> {
  const configured = [...cluster.bootstrapServers];
  const arn = cluster.clusterArn;
  if (arn === undefined) return { bootstrapServers: configured };

  let region: string;
  try {
    region = regionFromClusterArn(arn);
  } catch (error) {
    return { bootstrapServers: configured, error: failure(error) };
  }
  const credentials = credentialsFromEnv(options.env);
  const controlPlane = (options.factory ?? createMskControlPlane)({
    region,
    ...(aws.endpoints.kafka === undefined ? {} : { endpoint: aws.endpoints.kafka }),
    ...(aws.profile === undefined || credentials !== undefined ? {} : { profile: aws.profile }),
    ...(credentials === undefined ? {} : { credentials }),
    maxAttempts: 2,
    connectionTimeoutMs: Math.min(5_000, options.connectTimeoutMs),
  });
  try {
    const description = await controlPlane.describeCluster(arn);
    if (configured.length > 0) return { info: controlPlaneInfo(description, region, {}), bootstrapServers: configured };
    try {
      const brokers = await controlPlane.getBootstrapBrokers(arn);
      const picked = pickBootstrap(brokers, cluster.auth.mode, cluster.tls.enabled, arn);
      return {
        info: controlPlaneInfo(description, region, { bootstrapKind: bootstrapKindOf(brokers, picked) }),
        bootstrapServers: splitBootstrap(picked),
      };
    } catch (error) {
      return { info: controlPlaneInfo(description, region, {}), bootstrapServers: [], bootstrapError: failure(error) };
    }
  } catch (error) {
    return { bootstrapServers: configured, error: failure(error) };
  } finally {
    controlPlane.close();
  }
}
