/** Topology copy: topics, configs and ACLs onto the target through the ApplierPort; see docs/topology.md. */
export { copyTopology, decideTopology, aclBindingOf, type CopyTopologyInput } from './copy-topology.js';
export { applyAfterSeedConfigs, afterSeedChanges, type AfterSeedOptions, type AfterSeedReport } from './after-seed.js';
export { planTopicActions, recordsIn, type ExistingTopic, type TopicActions, type TopicActionsInput, type TopicToCreate } from './topic-actions.js';
export { diffTopicConfigs, creationConfigs, targetTopicValues, type ConfigDiff, type ConfigDiffInput, type ConfigDriftItem, type PlannedConfigChange } from './config-diff.js';
export { planAclActions, removalBlockedBecause, aclKey, type AclActions, type AclActionsInput, type AclMode, type KeptAcl } from './acl-actions.js';
export { buildAccessMap, accessMapFinding, ACCESS_MAP_FILE, ACCESS_MAP_SCHEMA_VERSION, type AccessMapDocument } from './access-map.js';
export { TopologyBlockedError } from './blocked-error.js';
export { safeEmitter, type ConfigChangeReason, type TopologyEvent, type TopologyEventType } from './events.js';
export { buildTopologyReport, TOPOLOGY_REPORT_SCHEMA_VERSION, type TopologyReport, type TopologyReportDraft, type TopologySummary } from './report.js';
export { connectTargetApplier, targetConnection, TOPOLOGY_CLIENT_ID } from './target-applier.js';
