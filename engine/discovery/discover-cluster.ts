/**
 * The inventory of one cluster: control plane (when given by ARN), then the data plane through an AdminPort.
 * Never throws for a cluster problem: an unreachable or failing cluster comes back `reachable: false` with `error`,
 * a failed MSK lookup as `controlPlaneError`. Read-only: only describe/list/fetch requests are sent.
 */
import type { AwsSettings, ClusterConfig } from '../config/types.js';
import { isMigrationError } from '../errors.js';
import type { AdminPort, TopicDescription } from '../kafka/admin-port.js';
import type { KafkaClusterConnection, KafkaLogEvent } from '../kafka/kafkajs-options.js';
import { mapLimit } from '../kafka/map-limit.js';
import type {
  BrokerLimits,
  ClusterInventory,
  ConfigEntry,
  ControlPlaneInfo,
  GroupInventory,
  PartitionInventory,
  TopicInventory,
} from '../inventory/types.js';
import { lookUpControlPlane, type ControlPlaneFactory } from './control-plane.js';
import type { DiscoveryEvent, DiscoveryStep, DiscoveryWarningCode } from './events.js';
import { brokerLimits, metadataModeOfLimits } from './limits.js';
import { sortAcls, sortGroupOffsets, sortGroups, sortPartitions, sortTopics } from './order.js';
import type { ClusterRole } from './roles.js';
import { nonDefaultConfigs } from './topic-configs.js';
import { isInternalTopic } from './topic-rules.js';

/** Opens the AdminPort of one cluster; throws (ideally a CLUSTER_UNREACHABLE MigrationError) when it cannot. */
export type AdminConnector = (
  connection: KafkaClusterConnection,
  options: { connectTimeoutMs: number; concurrency: number; onLog?: ((event: KafkaLogEvent) => void) | undefined },
) => Promise<AdminPort>;

export interface ClusterDiscoveryOptions {
  readonly role: ClusterRole;
  readonly cluster: ClusterConfig;
  readonly aws: AwsSettings;
  /** Source: the configured topic filter. Target: undefined (every non-internal topic). */
  readonly topicFilter?: ((name: string) => boolean) | undefined;
  /** Source: the configured group filter. Target: undefined (every group). */
  readonly groupFilter?: ((name: string) => boolean) | undefined;
  readonly connectTimeoutMs: number;
  readonly concurrency: number;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly connectAdmin: AdminConnector;
  readonly controlPlaneFactory?: ControlPlaneFactory | undefined;
  readonly onKafkaLog?: ((event: KafkaLogEvent) => void) | undefined;
  readonly emit: (event: DiscoveryEvent) => void;
}

type ErrorInfo = { code: string; message: string };

const errorInfo = (error: unknown, fallbackCode: string): ErrorInfo =>
  isMigrationError(error)
    ? { code: error.code, message: error.message }
    : { code: fallbackCode, message: error instanceof Error ? error.message : String(error) };

function connectionOf(role: ClusterRole, cluster: ClusterConfig, brokers: string[]): KafkaClusterConnection {
  const auth = cluster.auth.mode === 'scram-sha-512' ? { mode: cluster.auth.mode, username: cluster.auth.username, password: cluster.auth.password } : { mode: cluster.auth.mode };
  const tls = cluster.tls;
  return {
    clientId: `kafka-backup-discovery-${role}`,
    brokers,
    auth,
    tls: {
      enabled: tls.enabled,
      ...(tls.caFile === undefined ? {} : { caFile: tls.caFile }),
      ...(tls.certFile === undefined ? {} : { certFile: tls.certFile }),
      ...(tls.keyFile === undefined ? {} : { keyFile: tls.keyFile }),
    },
  };
}

/** Distinct racks when every broker reports one (on MSK a broker's rack is its availability zone id). */
function zoneCountOf(brokers: readonly { rack?: string | undefined }[]): number | undefined {
  if (brokers.length === 0 || brokers.some((broker) => broker.rack === undefined)) return undefined;
  return new Set(brokers.map((broker) => broker.rack)).size;
}

export async function discoverCluster(options: ClusterDiscoveryOptions): Promise<ClusterInventory> {
  const { role, cluster, emit } = options;
  const started = Date.now();
  const step = (name: DiscoveryStep, detail?: string) => emit({ type: 'discovery.step', role, step: name, ...(detail === undefined ? {} : { detail }) });
  const warn = (code: DiscoveryWarningCode, message: string) => emit({ type: 'discovery.warning', role, code, message });
  emit({ type: 'discovery.started', role });

  if (cluster.clusterArn !== undefined) step('control-plane', cluster.clusterArn);
  const lookup = await lookUpControlPlane(cluster, options.aws, {
    env: options.env,
    factory: options.controlPlaneFactory,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const base = {
    role,
    bootstrapServers: lookup.bootstrapServers,
    controlPlane: lookup.info,
    controlPlaneError: lookup.error,
    metadataMode: lookup.info?.metadataMode ?? 'UNKNOWN',
    kafkaVersion: lookup.info?.kafkaVersion,
    brokers: [],
    limits: {},
    topics: [],
    groups: [],
  } satisfies Partial<ClusterInventory>;

  const finish = (inventory: ClusterInventory): ClusterInventory => {
    emit({
      type: 'discovery.finished',
      role,
      reachable: inventory.reachable,
      topics: inventory.topics.length,
      partitions: inventory.topics.reduce((sum, topic) => sum + topic.partitions.length, 0),
      groups: inventory.groups.length,
      durationMs: Date.now() - started,
      ...(inventory.error === undefined ? {} : { error: inventory.error }),
    });
    return inventory;
  };
  const unreachable = (error: ErrorInfo): ClusterInventory => finish({ ...base, reachable: false, error });

  if (lookup.bootstrapServers.length === 0) {
    return unreachable(
      lookup.bootstrapError ??
        lookup.error ?? { code: 'CONFIG_INVALID', message: `${role}: no bootstrap servers configured and no cluster ARN to look them up` },
    );
  }

  step('connect', lookup.bootstrapServers.join(','));
  let admin: AdminPort;
  try {
    admin = await options.connectAdmin(connectionOf(role, cluster, lookup.bootstrapServers), {
      connectTimeoutMs: options.connectTimeoutMs,
      concurrency: options.concurrency,
      onLog: options.onKafkaLog,
    });
  } catch (error) {
    return unreachable(errorInfo(error, 'CLUSTER_UNREACHABLE'));
  }

  try {
    const data = await discoverDataPlane(admin, options, step, warn);
    const controlPlane: ControlPlaneInfo | undefined =
      lookup.info === undefined ? undefined : { ...lookup.info, zoneCount: zoneCountOf(data.brokers) };
    return finish({
      ...base,
      ...data,
      controlPlane,
      metadataMode: lookup.info !== undefined && lookup.info.metadataMode !== 'UNKNOWN' ? lookup.info.metadataMode : metadataModeOfLimits(data.limits),
      reachable: true,
    });
  } catch (error) {
    // The brokers answered but discovery could not complete: report it like an unreachable cluster (no partial
    // data), with the reason, so precheck blocks instead of planning from half an inventory.
    return unreachable(errorInfo(error, 'DISCOVERY_FAILED'));
  } finally {
    await admin.close().catch(() => undefined);
  }
}

type DataPlane = Pick<ClusterInventory, 'clusterId' | 'controllerId' | 'brokers' | 'limits' | 'topics' | 'groups' | 'acls' | 'aclError'>;

async function discoverDataPlane(
  admin: AdminPort,
  options: ClusterDiscoveryOptions,
  step: (name: DiscoveryStep, detail?: string) => void,
  warn: (code: DiscoveryWarningCode, message: string) => void,
): Promise<DataPlane> {
  step('cluster');
  const description = await admin.describeCluster();
  const brokers = [...description.brokers].sort((a, b) => a.nodeId - b.nodeId);
  const nodeIds = brokers.map((broker) => broker.nodeId);

  step('limits');
  let limits: BrokerLimits = {};
  const limitsNode = nodeIds[0];
  if (limitsNode !== undefined) {
    try {
      limits = brokerLimits((await admin.describeBrokerConfigs(limitsNode)).entries);
    } catch (error) {
      warn('LIMITS_UNAVAILABLE', `broker ${limitsNode} configs could not be read: ${errorInfo(error, 'ERROR').message}`);
    }
  }

  step('topics');
  const listing = await admin.listTopics();
  const selected = listing
    .filter((topic) => !isInternalTopic(topic.name, topic.internal) && (options.topicFilter?.(topic.name) ?? true))
    .map((topic) => topic.name);
  const described = await admin.describeTopics(selected);

  step('offsets', `${described.reduce((sum, topic) => sum + topic.partitions.length, 0)} partitions`);
  const offsets = new Map((await admin.fetchOffsets(selected)).map((o) => [`${o.topic}\u0000${o.partition}`, o]));

  step('sizes');
  const logDirs = await admin.describeLogDirs(
    nodeIds,
    described.map((topic) => ({ topic: topic.name, partitions: topic.partitions.map((p) => p.partition) })),
  );
  for (const failure of logDirs.failures) warn('SIZES_INCOMPLETE', failure.message);
  const sizes = new Map(logDirs.replicas.map((r) => [`${r.nodeId}\u0000${r.topic}\u0000${r.partition}`, r.sizeBytes]));

  step('configs');
  const configs = new Map((await admin.describeTopicConfigs(selected)).map((resource) => [resource.name, resource.entries]));

  const topics = sortTopics(
    described.flatMap((topic) => {
      const inventory = topicInventory(topic, offsets, sizes, configs.get(topic.name), warn);
      return inventory === undefined ? [] : [inventory];
    }),
  );

  step('groups');
  const topicNames = new Set(topics.map((topic) => topic.name));
  const groupListing = (await admin.listGroups()).filter((group) => options.groupFilter?.(group.groupId) ?? true);
  const groupDescriptions = new Map((await admin.describeGroups(groupListing.map((g) => g.groupId))).map((g) => [g.groupId, g]));
  step('group-offsets', `${groupListing.length} groups`);
  const groups = sortGroups(
    await mapLimit(groupListing, options.concurrency, async (listed): Promise<GroupInventory> => {
      const described = groupDescriptions.get(listed.groupId);
      if (described?.error !== undefined) warn('GROUP_NOT_DESCRIBED', `group ${listed.groupId}: ${described.error}`);
      const committed = await admin.fetchGroupOffsets(listed.groupId);
      return {
        groupId: listed.groupId,
        state: described?.state ?? 'Unknown',
        protocolType: described?.protocolType || listed.protocolType,
        memberCount: described?.memberCount ?? 0,
        offsets: sortGroupOffsets(committed.filter((offset) => topicNames.has(offset.topic))),
      };
    }),
  );

  step('acls');
  const acls = await admin.describeAcls();
  if (!acls.available) warn('ACLS_UNAVAILABLE', acls.message);

  return {
    clusterId: description.clusterId,
    controllerId: description.controllerId,
    brokers,
    limits,
    topics,
    groups,
    ...(acls.available ? { acls: sortAcls(acls.acls) } : { aclError: acls.message }),
  };
}

/** Undefined when the topic disappeared while discovery ran (no configs, or an online partition without offsets). */
function topicInventory(
  topic: TopicDescription,
  offsets: ReadonlyMap<string, { logStartOffset: number; endOffset: number }>,
  sizes: ReadonlyMap<string, number>,
  configs: ConfigEntry[] | undefined,
  warn: (code: DiscoveryWarningCode, message: string) => void,
): TopicInventory | undefined {
  if (configs === undefined) return undefined;
  const partitions: PartitionInventory[] = [];
  for (const p of topic.partitions) {
    const sizeBytes = p.leader < 0 ? undefined : sizes.get(`${p.leader}\u0000${topic.name}\u0000${p.partition}`);
    const offset = offsets.get(`${topic.name}\u0000${p.partition}`);
    if (offset === undefined && p.leader >= 0) return undefined;
    if (p.leader < 0) warn('PARTITION_OFFLINE', `${topic.name}-${p.partition} has no leader; its offsets are unknown (-1)`);
    partitions.push({
      partition: p.partition,
      leader: p.leader,
      replicas: [...p.replicas],
      isr: [...p.isr],
      // -1: unknown, the partition is offline (no leader to ask).
      logStartOffset: offset?.logStartOffset ?? -1,
      endOffset: offset?.endOffset ?? -1,
      sizeBytes,
    });
  }
  const known = partitions.every((p) => p.sizeBytes !== undefined);
  return {
    name: topic.name,
    partitions: sortPartitions(partitions),
    replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
    configs: nonDefaultConfigs(configs),
    sizeBytes: known ? partitions.reduce((sum, p) => sum + (p.sizeBytes ?? 0), 0) : undefined,
  };
}
