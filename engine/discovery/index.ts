/** Discovery: the read-only inventory of the source and target clusters. */
export { discover, DEFAULT_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT_MS, type DiscoverOptions } from './discover.js';
export { discoverCluster, type AdminConnector, type ClusterDiscoveryOptions } from './discover-cluster.js';
export { lookUpControlPlane, bootstrapKindOf, splitBootstrap, type ControlPlaneFactory, type ControlPlaneLookup } from './control-plane.js';
export type { DiscoveryEvent, DiscoveryStep, DiscoveryWarningCode } from './events.js';
export { brokerLimits, metadataModeOfLimits } from './limits.js';
export { aclKey, compareText, sortAcls, sortConfigs, sortGroupOffsets, sortGroups, sortPartitions, sortTopics } from './order.js';
export type { ClusterRole } from './roles.js';
export { nonDefaultConfigs } from './topic-configs.js';
export { isInternalTopic } from './topic-rules.js';
