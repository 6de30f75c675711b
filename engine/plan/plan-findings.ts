/**
 * The plan's findings: what the operator should know or do before running this plan. Codes are stable strings,
 * documented in docs/plan.md. Precheck's B/W/I codes are separate: those check live infrastructure.
 */
import type { MigrationConfig } from '../config/types.js';
import type { Inventory } from '../inventory/types.js';
import { RETENTION_SAFETY_FACTOR } from './assumptions.js';
import type { ConfigEffectCode } from './carried-configs.js';
import type { FindingCollector } from './findings.js';
import { nameSome } from './findings.js';
import type { GroupPlanResult } from './group-plan.js';
import type { AclPlan, FindingSeverity, PlannedCluster, TargetBrokerSettings } from './plan-types.js';
import type { TopicPlanResult } from './topic-plan.js';

export interface PlanFindingInputs {
  readonly inventory: Inventory;
  readonly config: MigrationConfig;
  readonly clusters: { readonly source: PlannedCluster; readonly target: PlannedCluster };
  readonly targetVersionKnown: boolean;
  readonly topicResults: readonly TopicPlanResult[];
  readonly groupPlan: GroupPlanResult;
  readonly acls: AclPlan;
  readonly secondsToDrainReady: number;
  readonly sourceRetentionMs: number | undefined;
  readonly targetBrokerSettings: TargetBrokerSettings;
}

const CONFIG_EFFECTS: Record<ConfigEffectCode, { severity: FindingSeverity; remedy: string }> = {
  CONFIG_DROPPED: {
    severity: 'info',
    remedy: 'Nothing to do unless clients relied on it; the plan lists every dropped config with its reason.',
  },
  CONFIG_TRANSLATED: {
    severity: 'info',
    remedy: 'Nothing to do: the replacement settings carry the same limit.',
  },
  SENSITIVE_CONFIG_NOT_CARRIED: {
    severity: 'warning',
    remedy: 'Set the value on the target topic yourself after topology copy.',
  },
  MIN_ISR_CAPPED: {
    severity: 'warning',
    remedy: 'Add brokers to the target for the source durability, or accept the lower min.insync.replicas.',
  },
  SEGMENT_BYTES_RAISED: {
    severity: 'warning',
    remedy: 'Nothing to do unless something relies on small segments (fast retention or compaction steps): the target topic rolls segments at 1 MiB.',
  },
  APPLY_AFTER_SEED: {
    severity: 'info',
    remedy: 'Nothing to do: topology copy creates the topic without it and applies it once the seed is done.',
  },
  TIERED_STORAGE: {
    severity: 'warning',
    remedy: 'Size estimates undercount this topic; make sure the target has tiered storage enabled.',
  },
};

export function addPlanFindings(findings: FindingCollector, inputs: PlanFindingInputs): void {
  const { inventory, config, clusters } = inputs;

  for (const cluster of [inventory.source, inventory.target]) {
    if (!cluster.reachable) {
      findings.add({
        code: 'CLUSTER_UNREACHABLE',
        severity: 'blocker',
        subject: cluster.role,
        detail: `the ${cluster.role} brokers could not be reached: ${cluster.error?.message ?? 'no reason given'}; the plan has no ${cluster.role === 'source' ? 'topics, groups or ACLs' : 'view of existing target topics'}`,
        remedy: 'Run precheck for the reason, fix connectivity or credentials, and plan again.',
      });
    }
  }
  if (!inputs.targetVersionKnown) {
    findings.add({
      code: 'TARGET_VERSION_UNKNOWN',
      severity: 'info',
      subject: 'target',
      detail: 'the target Kafka version is unknown; configs were planned for Kafka 4.x (the strictest rules)',
      remedy: 'Name the target by cluster_arn so the MSK control plane reports its version.',
    });
  }
  if (clusters.target.brokerCount === null) {
    findings.add({
      code: 'TARGET_BROKERS_UNKNOWN',
      severity: 'warning',
      subject: 'target',
      detail: "the target's broker count is unknown, so replication factors were not capped",
      remedy: 'Make the target reachable (or name it by cluster_arn) and plan again.',
    });
  }

  for (const { topic, effects } of inputs.topicResults) {
    if (topic.replication.capped) {
      findings.addFor(topic.name, 'topics', {
        code: 'RF_CAPPED',
        severity: 'warning',
        what: `replication factor ${topic.replication.source} → ${topic.replication.target}`,
        detail: `the target has only ${topic.replication.target} brokers`,
        remedy: 'Add brokers to the target before execute for the same durability, or accept the lower replication factor.',
      });
    }
    for (const effect of effects) {
      const { severity, remedy } = CONFIG_EFFECTS[effect.code];
      findings.addFor(topic.name, 'topics', { code: effect.code, severity, what: effect.config, detail: effect.detail, remedy });
    }
    const existing = topic.target;
    if (existing === null) continue;
    if (existing.partitionCount < topic.partitionCount) {
      findings.addFor(topic.name, 'topics', {
        code: 'TARGET_TOPIC_FEWER_PARTITIONS',
        severity: 'blocker',
        what: '',
        detail: `the target topic has ${existing.partitionCount} partitions, the source ${topic.partitionCount}: records of the missing partitions have nowhere to go`,
        remedy: 'Add partitions to the target topic (or remove and let topology copy create it), or exclude the topic.',
      });
    } else if (existing.partitionCount > topic.partitionCount) {
      findings.addFor(topic.name, 'topics', {
        code: 'TARGET_TOPIC_MORE_PARTITIONS',
        severity: 'warning',
        what: '',
        detail: `the target topic has ${existing.partitionCount} partitions, the source ${topic.partitionCount}: keyed records will land in other partitions after the switch`,
        remedy: 'Recreate the target topic with the source partition count, or accept the different key placement.',
      });
    }
    if (existing.records > 0) {
      findings.addFor(topic.name, 'topics', {
        code: 'TARGET_TOPIC_NOT_EMPTY',
        severity: 'warning',
        what: '',
        detail: 'the target topic already holds records; copied records are appended after them',
        remedy: 'If they come from an earlier run of this migration, resume it with its id; otherwise empty the target topic or exclude it.',
      });
    }
    if (existing.onDrift === 'fail') {
      findings.addFor(topic.name, 'topics', {
        code: 'TOPIC_CONFIG_DRIFT',
        severity: 'blocker',
        what: '',
        detail: `the existing target topic's configs differ (${nameSome(existing.configDrift.map((drift) => drift.name))}) and topology.on_config_drift is fail`,
        remedy: 'Align the target topic configs, or set topology.on_config_drift to overwrite_with_source or keep_target.',
      });
    } else if (existing.onDrift !== 'none') {
      findings.addFor(topic.name, 'topics', {
        code: 'TOPIC_CONFIG_DRIFT',
        severity: 'info',
        what: '',
        detail: `the existing target topic's configs differ; topology.on_config_drift=${config.topology.onConfigDrift} will ${existing.onDrift === 'overwrite' ? 'overwrite them with the source values' : 'keep the target values'}`,
        remedy: 'Nothing to do if that is intended.',
      });
    }
  }

  addRetentionFindings(findings, inputs);
  addGroupFindings(findings, inputs);
  addAclFindings(findings, inputs);

  let unknownSizes = 0;
  for (const { topic } of inputs.topicResults) for (const partition of topic.partitions) if (partition.sizeBytes === null) unknownSizes += 1;
  if (unknownSizes > 0) {
    findings.add({
      code: 'SIZE_UNKNOWN',
      severity: 'warning',
      subject: unknownSizes === 1 ? '1 partition' : `${unknownSizes} partitions`,
      detail: 'the source did not report their size (DescribeLogDirs); their bytes were estimated from their record counts',
      remedy: 'Allow DescribeLogDirs (DESCRIBE on the CLUSTER) for better estimates; the plan is otherwise unaffected.',
    });
  }
  if (config.cutover.producerFreezeWebhook === undefined) {
    findings.add({
      code: 'PRODUCER_FREEZE_BY_OPERATOR',
      severity: 'info',
      subject: 'cutover',
      detail: 'no cutover.producer_freeze_webhook: cutover asks a person at a terminal to confirm producers are stopped (a non-interactive cutover refuses)',
      remedy: 'Set cutover.producer_freeze_webhook for an unattended cutover, or plan for someone at the terminal.',
    });
  }
  if (config.evidence.retentionMs === undefined) {
    findings.add({
      code: 'EVIDENCE_NOT_LOCKED',
      severity: 'info',
      subject: 'evidence',
      detail: 'evidence.retention is not set: the evidence bundle is not protected by S3 Object Lock',
      remedy: 'Set evidence.retention (e.g. 7y) before the evidence bucket is created if the bundle must be tamper-proof.',
    });
  }
  if (inputs.targetBrokerSettings.unknown.length > 0) {
    findings.add({
      code: 'BROKER_SETTINGS_UNKNOWN',
      severity: 'warning',
      subject: 'source brokers',
      detail: `the source brokers did not report ${inputs.targetBrokerSettings.unknown.join(', ')}; the target MSK configuration leaves them at MSK defaults`,
      remedy: 'Look them up in the source MSK configuration and add them to the server.properties in aws-cli.sh.',
    });
  }
}

function addRetentionFindings(findings: FindingCollector, inputs: PlanFindingInputs): void {
  const needMs = inputs.secondsToDrainReady * 1000 * RETENTION_SAFETY_FACTOR;
  for (const { topic } of inputs.topicResults) {
    const carried = new Map(topic.configs.carried.map((config) => [config.name, config.value]));
    const cleanup = carried.get('cleanup.policy') ?? 'delete';
    if (!cleanup.split(',').map((part) => part.trim()).includes('delete')) continue;
    const retention = carried.has('retention.ms') ? Number(carried.get('retention.ms')) : inputs.sourceRetentionMs;
    if (retention === undefined || !Number.isFinite(retention) || retention < 0) continue;
    if (retention < needMs) {
      findings.addFor(topic.name, 'topics', {
        code: 'RETENTION_SHORTER_THAN_MIGRATION',
        severity: 'warning',
        what: '',
        detail:
          `retention is shorter than ${RETENTION_SAFETY_FACTOR}× the estimated ${inputs.secondsToDrainReady} s to drain_ready: ` +
          'the source may delete records before the seed copies them',
        remedy: 'Raise retention.ms on the source topic for the migration, or accept that the oldest records may expire first.',
      });
    }
  }
}

function addGroupFindings(findings: FindingCollector, inputs: PlanFindingInputs): void {
  for (const group of inputs.groupPlan.groups) {
    if (group.target !== null && group.target.memberCount > 0) {
      findings.addFor(group.groupId, 'groups', {
        code: 'TARGET_GROUP_ACTIVE',
        severity: 'warning',
        what: '',
        detail: 'the group has members on the target; cutover commits translated offsets only into empty groups',
        remedy: 'Stop the consumers attached to the target before cutover.',
      });
    }
  }
  for (const { groupId, partitions } of inputs.groupPlan.behindLogStart) {
    findings.addFor(groupId, 'groups', {
      code: 'GROUP_OFFSET_BEFORE_LOG_START',
      severity: 'info',
      what: '',
      detail: `committed offsets on ${partitions === 1 ? 'a partition are' : 'partitions are'} below the source log start (those records already expired); they translate to the first copied record`,
      remedy: 'Nothing to do: consumers resume where the source would have resumed them.',
    });
  }
}

function addAclFindings(findings: FindingCollector, inputs: PlanFindingInputs): void {
  const { acls, inventory } = inputs;
  if (acls.mode === 'unknown') {
    findings.add({
      code: 'ACLS_UNKNOWN',
      severity: 'warning',
      subject: 'source ACLs',
      detail: `the source ACLs could not be listed (${inventory.source.aclError ?? 'no reason given'}); none will be carried`,
      remedy: 'Allow the runner DESCRIBE on the source CLUSTER, or recreate ACLs on the target yourself.',
    });
  }
  if (acls.mode === 'iam-access-map') {
    findings.add({
      code: 'IAM_TARGET_ACCESS_MAP',
      severity: 'info',
      subject: 'target ACLs',
      detail: `the target authenticates with IAM, where Kafka ACLs have no effect: the ${acls.sourceCount ?? 0} source ACLs are given as an IAM access map (plan.json acls.iamAccessMap), not applied`,
      remedy: "Map each Kafka principal to an IAM role and grant it the listed actions with your own IaC.",
    });
    for (const principal of acls.iamAccessMap) {
      if (principal.unmapped.length === 0) continue;
      findings.add({
        code: 'ACL_NOT_MAPPABLE_TO_IAM',
        severity: 'warning',
        subject: principal.principal,
        detail: `${principal.unmapped.length} ACL${principal.unmapped.length === 1 ? '' : 's'} have no IAM equivalent: ${nameSome(principal.unmapped.map((item) => item.reason), 3)}`,
        remedy: 'Decide by hand how to grant (or drop) these permissions for the IAM role.',
      });
    }
  }
  if (acls.mode === 'kafka-acls' && inventory.target.acls === undefined) {
    findings.add({
      code: 'TARGET_ACLS_UNKNOWN',
      severity: 'info',
      subject: 'target ACLs',
      detail: `the target ACLs could not be listed (${inventory.target.aclError ?? 'no reason given'}): every source ACL is planned for creation (creating an existing ACL changes nothing)`,
      remedy: 'Nothing to do, unless acl.on_drift is overwrite_with_source: then nothing can be removed.',
    });
  }
  if (acls.removeFromTarget.length > 0) {
    findings.add({
      code: 'ACLS_REMOVED_FROM_TARGET',
      severity: 'warning',
      subject: `${acls.removeFromTarget.length} target ACLs`,
      detail: 'acl.on_drift is overwrite_with_source: target ACLs the source lacks are removed',
      remedy: 'Check plan.json acls.removeFromTarget; use acl.on_drift: merge to keep them.',
    });
  }
}
