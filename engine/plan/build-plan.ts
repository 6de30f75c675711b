/**
 * `buildPlan`: inventory + config in, sorted plan out. Pure: no I/O, no clock, no randomness; the same inputs (in any
 * order) give a byte-identical plan. The migration id is an input (`generateMigrationId` makes new ones).
 */
import { configDigest } from '../config/index.js';
import type { MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import type { Inventory, TopicInventory } from '../inventory/types.js';
import { planAcls } from './acl-plan.js';
import {
  ASSUMED_TARGET_KAFKA_MAJOR,
  PRECHECK_SECONDS,
  SEED_BYTES_PER_SECOND,
  SEED_THROUGHPUT_SOURCE,
  TOPOLOGY_SECONDS_PER_TOPIC,
  VALIDATION_SECONDS_PER_PARTITION,
} from './assumptions.js';
import { awsPartition, planCluster } from './cluster-plan.js';
import { FindingCollector } from './findings.js';
import { planGroups } from './group-plan.js';
import { parseKafkaVersion, type KafkaVersion } from './kafka-version.js';
import { migrationLocations } from './locations.js';
import { checkMigrationId } from './migration-id.js';
import { mskArnBuilder } from './msk-arns.js';
import { planPhases } from './phases.js';
import {
  PLAN_SCHEMA_VERSION,
  type MigrationPlan,
  type PlannedTopic,
  type PlanSettings,
  type PlanTotals,
} from './plan-types.js';
import { addPlanFindings } from './plan-findings.js';
import { planRunnerAccess } from './runner-access.js';
import { compareStrings } from './sorting.js';
import { planTargetBrokerSettings } from './target-broker-settings.js';
import { planTopic, type TopicPlanResult } from './topic-plan.js';

export interface BuildPlanOptions {
  readonly migrationId: string;
  /** The config file as the operator names it in commands (the runbook repeats it). */
  readonly configPath?: string | undefined;
  /** `--journal-dir`, when the journal is kept locally instead of in S3. */
  readonly journalDir?: string | undefined;
}

const DAY_MS = 86_400_000;

export function buildPlan(inventory: Inventory, config: MigrationConfig, options: BuildPlanOptions): MigrationPlan {
  const idProblem = checkMigrationId(options.migrationId);
  if (idProblem !== undefined) {
    throw new MigrationError({
      code: 'USAGE',
      message: `--migration-id "${options.migrationId}" is not usable: expected ${idProblem}`,
      hint: 'Leave --migration-id out to get a new one, e.g. mig-20261125-164653-7f3a.',
      exitCode: 2,
    });
  }
  const findings = new FindingCollector();
  const source = planCluster(inventory.source, config.source);
  const target = planCluster(inventory.target, config.target);

  const parsedTargetVersion = parseKafkaVersion(target.kafkaVersion);
  const targetVersion: KafkaVersion = parsedTargetVersion ?? { major: ASSUMED_TARGET_KAFKA_MAJOR, minor: 0 };

  const settings = planSettings(config, [source.arn, target.arn, config.backup.kmsKeyArn]);
  const sourceTopics = [...inventory.source.topics].sort((a, b) => compareStrings(a.name, b.name));
  const targetTopics = new Map(inventory.target.topics.map((topic) => [topic.name, topic]));

  const meanBytesPerRecord = meanRecordSize(sourceTopics);
  const topicResults: TopicPlanResult[] = sourceTopics.map((topic) =>
    planTopic(topic, targetTopics.get(topic.name), {
      targetVersion,
      targetBrokers: target.brokerCount,
      segmentMaxBytes: config.seed.segmentMaxBytes,
      onConfigDrift: config.topology.onConfigDrift,
      meanBytesPerRecord,
    }),
  );
  const topics: PlannedTopic[] = topicResults.map((result) => result.topic);

  const groupPlan = planGroups(inventory.source.groups, inventory.target.groups, sourceTopics);
  const targetArns = mskArnBuilder(target, settings.aws.partition, false);
  const acls = planAcls({
    sourceAcls: inventory.source.acls,
    targetAcls: inventory.target.acls,
    onDrift: config.acl.onDrift,
    targetIsIam: config.target.auth.mode === 'iam',
    targetArns,
  });

  const partitions = topics.reduce((sum, topic) => sum + topic.partitionCount, 0);
  const bytesKnown = sumKnownBytes(sourceTopics);
  const bytesEstimated = topicResults.reduce((sum, result) => sum + result.bytesEstimated, 0);
  const topicsToCreate = topics.filter((topic) => topic.action === 'create').length;
  const phases = planPhases({ bytesEstimated, topicsToCreate, aclsToCreate: acls.create.length, partitions, settings });
  const secondsToDrainReady = phases
    .filter((phase) => phase.name === 'precheck' || phase.name === 'topology_copy' || phase.name === 'seed')
    .reduce((sum, phase) => sum + (phase.estimatedSeconds ?? 0), 0);

  const migrationId = options.migrationId;
  const locations = migrationLocations({
    backupBucket: config.backup.s3Bucket,
    backupPrefix: config.backup.s3Prefix,
    evidenceBucket: config.evidence.s3Bucket,
    evidencePrefix: config.evidence.s3Prefix,
    migrationId,
    journalDir: options.journalDir,
  });
  const base = { migrationId, clusters: { source, target }, settings, locations };
  const runnerAccess = planRunnerAccess(
    base,
    topics.map((topic) => topic.name),
    groupPlan.groups.map((group) => group.groupId),
  );
  const targetBrokerSettings = planTargetBrokerSettings(inventory.source.limits, sourceTopics, target.brokerCount);

  addPlanFindings(findings, {
    inventory,
    config,
    clusters: { source, target },
    targetVersionKnown: parsedTargetVersion !== undefined,
    topicResults,
    groupPlan,
    acls,
    secondsToDrainReady,
    sourceRetentionMs: inventory.source.limits.logRetentionMs,
    targetBrokerSettings,
  });
  const planFindings = findings.findings();

  const totals: PlanTotals = {
    topics: topics.length,
    topicsToCreate,
    partitions,
    recordsToCopy: topics.reduce((sum, topic) => sum + topic.recordsToCopy, 0),
    bytesKnown,
    partitionsWithUnknownSize: countUnknownSizes(sourceTopics),
    bytesEstimated,
    estimatedSegments: topics.reduce((sum, topic) => sum + topic.estimatedSegments, 0),
    groups: groupPlan.groups.length,
    committedOffsets: groupPlan.groups.reduce((sum, group) => sum + group.committedOffsets, 0),
    aclsToCreate: acls.create.length,
    estimatedSecondsToDrainReady: secondsToDrainReady,
    findings: {
      blocker: planFindings.filter((finding) => finding.severity === 'blocker').length,
      warning: planFindings.filter((finding) => finding.severity === 'warning').length,
      info: planFindings.filter((finding) => finding.severity === 'info').length,
    },
  };

  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    migrationId,
    config: { path: options.configPath ?? null, digest: configDigest(config) },
    region: config.aws.region ?? null,
    clusters: { source, target },
    locations,
    settings,
    topics,
    groups: groupPlan.groups,
    acls,
    phases,
    runnerAccess,
    targetBrokerSettings,
    assumptions: {
      seedBytesPerSecond: SEED_BYTES_PER_SECOND,
      seedThroughputSource: SEED_THROUGHPUT_SOURCE,
      precheckSeconds: PRECHECK_SECONDS,
      topologySecondsPerTopic: TOPOLOGY_SECONDS_PER_TOPIC,
      validationSecondsPerPartition: VALIDATION_SECONDS_PER_PARTITION,
      targetKafkaMajorAssumed: targetVersion.major,
    },
    findings: planFindings,
    totals,
  };
}

function planSettings(config: MigrationConfig, arns: ReadonlyArray<string | null | undefined>): PlanSettings {
  return {
    seed: { maxConcurrentPartitions: config.seed.maxConcurrentPartitions, segmentMaxBytes: config.seed.segmentMaxBytes },
    cutover: {
      drainTimeoutMs: config.cutover.drainTimeoutMs,
      drainMaxPartitionLag: config.cutover.drainMaxPartitionLag,
      drainStableWindowMs: config.cutover.drainStableWindowMs,
      maxProducerFreezeMs: config.cutover.maxProducerFreezeMs,
      producerFreeze: config.cutover.producerFreezeWebhook === undefined ? 'operator-prompt' : 'webhook',
    },
    validation: {
      countTolerance: config.validation.countTolerance,
      spotCheckRecordsPerPartition: config.validation.spotCheckRecordsPerPartition,
    },
    topology: { onConfigDrift: config.topology.onConfigDrift },
    backup: { bucket: config.backup.s3Bucket, prefix: config.backup.s3Prefix, kmsKeyArn: config.backup.kmsKeyArn ?? null },
    evidence: {
      bucket: config.evidence.s3Bucket,
      prefix: config.evidence.s3Prefix,
      retentionDays: config.evidence.retentionMs === undefined ? null : Math.ceil(config.evidence.retentionMs / DAY_MS),
      signingKeyPath: config.evidence.signingKeyPath ?? null,
    },
    aws: {
      profile: config.aws.profile ?? null,
      s3Endpoint: config.aws.endpoints.s3 ?? null,
      kafkaEndpoint: config.aws.endpoints.kafka ?? null,
      partition: awsPartition(arns),
    },
  };
}

/** Bytes per record over the partitions whose size is known (0 when none is). */
function meanRecordSize(topics: readonly TopicInventory[]): number {
  let bytes = 0;
  let records = 0;
  for (const topic of topics) {
    for (const partition of topic.partitions) {
      if (partition.sizeBytes === undefined) continue;
      bytes += partition.sizeBytes;
      records += Math.max(0, partition.endOffset - partition.logStartOffset);
    }
  }
  return records === 0 ? 0 : bytes / records;
}

function sumKnownBytes(topics: readonly TopicInventory[]): number {
  let bytes = 0;
  for (const topic of topics) for (const partition of topic.partitions) bytes += partition.sizeBytes ?? 0;
  return bytes;
}

function countUnknownSizes(topics: readonly TopicInventory[]): number {
  let count = 0;
  for (const topic of topics) for (const partition of topic.partitions) if (partition.sizeBytes === undefined) count += 1;
  return count;
}
