/**
 * The clusters themselves: control-plane lookup (B01), Serverless (B02), metadata modes (B03, B04, W11),
 * same cluster twice (B05), target version (B06, W10) and reachability (B09, B10).
 */
import type { ClusterInventory } from '../../inventory/types.js';
import { finding } from '../codes.js';
import { clusterLabel, clusterSubject, type Role, type Rule } from '../context.js';
import type { Finding } from '../finding.js';
import { clusterKafkaVersion, compareKafkaVersions, parseKafkaVersion } from '../kafka-version.js';

const ROLES: readonly Role[] = ['source', 'target'];

/** Oldest Kafka version MSK offers in KRaft mode, and the floor the migration supports. */
export const MIN_TARGET_KAFKA_VERSION = { major: 3, minor: 7 } as const;

export const controlPlaneLookupRule: Rule = (context) => {
  const findings: Finding[] = [];
  for (const role of ROLES) {
    const cluster = context.inventory[role];
    const arn = context.config[role].clusterArn;
    if (cluster.controlPlane !== undefined || (arn === undefined && cluster.controlPlaneError === undefined)) continue;
    const reason =
      cluster.controlPlaneError === undefined
        ? 'discovery returned no control-plane description'
        : `${cluster.controlPlaneError.code}: ${cluster.controlPlaneError.message}`;
    findings.push(
      finding(
        'B01',
        clusterSubject(context, role),
        `MSK control-plane lookup of the ${role} cluster failed (${reason})`,
        `check ${role}.cluster_arn (account, region, cluster name), aws.region and aws.endpoints.kafka, and that the caller may call kafka:DescribeClusterV2, kafka:GetBootstrapBrokers and kafka:ListNodes; then rerun precheck`,
      ),
    );
  }
  return findings;
};

export const serverlessRule: Rule = (context) =>
  ROLES.flatMap((role) => {
    const plane = context.inventory[role].controlPlane;
    if (plane?.type !== 'SERVERLESS') return [];
    return [
      finding(
        'B02',
        clusterSubject(context, role),
        `${role} cluster ${plane.name} is MSK Serverless; only MSK Provisioned clusters are supported`,
        role === 'source'
          ? 'Serverless clusters have no ZooKeeper to migrate from; pick a Provisioned ZooKeeper-mode cluster as the source'
          : 'create a Provisioned MSK cluster with a KRaft Kafka version (3.7.x.kraft or later) and set target.cluster_arn to it',
      ),
    ];
  });

export const metadataModeRule: Rule = (context) => {
  const findings: Finding[] = [];
  const { source, target } = context.inventory;
  if (source.metadataMode === 'KRAFT') {
    findings.push(
      finding(
        'B03',
        clusterSubject(context, 'source'),
        `${clusterLabel(source)} runs in KRaft mode${versionSuffix(source)}, not ZooKeeper mode`,
        'this tool moves a ZooKeeper-mode cluster to KRaft; check source.cluster_arn / source.bootstrap_servers name the ZooKeeper-mode cluster (a KRaft-to-KRaft copy needs MirrorMaker 2 or MSK Replicator)',
      ),
    );
  }
  if (target.metadataMode === 'ZOOKEEPER') {
    findings.push(
      finding(
        'B04',
        clusterSubject(context, 'target'),
        `${clusterLabel(target)} runs in ZooKeeper mode${versionSuffix(target)}, not KRaft mode`,
        'create the target with a KRaft Kafka version (MSK 3.7.x.kraft or later, e.g. 3.9.x or 4.1.x) and set target.cluster_arn to it',
      ),
    );
  }
  for (const role of ROLES) {
    const cluster = context.inventory[role];
    if (cluster.metadataMode !== 'UNKNOWN' || cluster.controlPlane?.type === 'SERVERLESS') continue;
    if (!cluster.reachable && cluster.controlPlane === undefined) continue; // B01 / B09 / B10 already say why
    findings.push(
      finding(
        'W11',
        clusterSubject(context, role),
        `could not determine whether the ${role} cluster runs in ZooKeeper or KRaft mode (no Kafka version from the control plane, and neither process.roles nor zookeeper.connect from the brokers)`,
        role === 'source'
          ? 'confirm the source runs in ZooKeeper mode (MSK console: Kafka version without ".kraft" and below 4.0), or give source.cluster_arn so the control plane can tell'
          : 'confirm the target runs in KRaft mode (MSK version ending in ".kraft", or 3.8+ created as KRaft), or give target.cluster_arn so the control plane can tell',
      ),
    );
  }
  return findings;
};

export const sameClusterRule: Rule = (context) => {
  const { source, target } = context.inventory;
  const reasons: string[] = [];
  const sourceArn = source.controlPlane?.arn ?? context.config.source.clusterArn;
  const targetArn = target.controlPlane?.arn ?? context.config.target.clusterArn;
  if (sourceArn !== undefined && sourceArn === targetArn) reasons.push(`same cluster ARN ${sourceArn}`);
  if (source.clusterId !== undefined && source.clusterId === target.clusterId) reasons.push(`same cluster id ${source.clusterId}`);
  const sourceEndpoints = endpointsOf(source, context.config.source.bootstrapServers);
  const shared = [...endpointsOf(target, context.config.target.bootstrapServers)].filter((endpoint) => sourceEndpoints.has(endpoint)).sort();
  if (shared.length > 0) reasons.push(`overlapping broker endpoints ${shared.join(', ')}`);
  if (reasons.length === 0) return [];
  return [
    finding(
      'B05',
      clusterSubject(context, 'target'),
      `source and target are the same cluster (${reasons.join('; ')})`,
      'point target.cluster_arn / target.bootstrap_servers at the new KRaft cluster, not at the source',
    ),
  ];
};

export const targetVersionRule: Rule = (context) => {
  const target = context.inventory.target;
  if (target.controlPlane?.type === 'SERVERLESS') return [];
  const text = clusterKafkaVersion(target);
  const version = parseKafkaVersion(text);
  if (version !== undefined) {
    if (compareKafkaVersions(version, MIN_TARGET_KAFKA_VERSION) >= 0) return [];
    return [
      finding(
        'B06',
        clusterSubject(context, 'target'),
        `target Kafka version ${text ?? ''} is below ${MIN_TARGET_KAFKA_VERSION.major}.${MIN_TARGET_KAFKA_VERSION.minor}`,
        'upgrade the target (or create it) with Kafka 3.7.x.kraft or later; 3.9.x or 4.1.x is recommended',
      ),
    ];
  }
  if (!target.reachable && target.controlPlane === undefined) return [];
  return [
    finding(
      'W10',
      clusterSubject(context, 'target'),
      text === undefined
        ? 'could not determine the target Kafka version (no control-plane description and the brokers do not report one)'
        : `could not read the target Kafka version "${text}"`,
      'confirm the target runs Kafka 3.7 or later in KRaft mode, or give target.cluster_arn so the control plane can tell',
    ),
  ];
};

export const reachabilityRule: Rule = (context) =>
  ROLES.flatMap((role) => {
    const cluster = context.inventory[role];
    if (cluster.reachable) return [];
    const servers = cluster.bootstrapServers.length > 0 ? cluster.bootstrapServers : context.config[role].bootstrapServers;
    const where = servers.length > 0 ? ` at ${servers.join(',')}` : '';
    const why = cluster.error === undefined ? '' : ` (${cluster.error.code}: ${cluster.error.message})`;
    return [
      finding(
        role === 'source' ? 'B09' : 'B10',
        clusterSubject(context, role),
        `${role} brokers unreachable${where}${why}`,
        `check the network path from this host to the ${role} brokers (security groups, VPC routing or peering, DNS), ${role}.bootstrap_servers, and ${role}.auth / ${role}.tls; then rerun precheck`,
      ),
    ];
  });

function versionSuffix(cluster: ClusterInventory): string {
  const text = clusterKafkaVersion(cluster);
  return text === undefined ? '' : ` (Kafka ${text})`;
}

/** Lower-cased `host:port` of the bootstrap servers and the brokers discovery saw. */
function endpointsOf(cluster: ClusterInventory, configured: readonly string[]): Set<string> {
  const endpoints = new Set<string>();
  for (const server of [...configured, ...cluster.bootstrapServers]) endpoints.add(normalizeEndpoint(server));
  for (const broker of cluster.brokers) endpoints.add(normalizeEndpoint(`${broker.host}:${broker.port}`));
  endpoints.delete('');
  return endpoints;
}

function normalizeEndpoint(server: string): string {
  return server.trim().toLowerCase().replace(/\.$/, '').replace(/\.(?=:\d+$)/, '');
}

export const clusterModeRules: readonly Rule[] = [
  controlPlaneLookupRule,
  serverlessRule,
  metadataModeRule,
  sameClusterRule,
  targetVersionRule,
  reachabilityRule,
];

