/**
 * What topology copy does about each planned topic, decided before anything is written. Pure: the plan (what to
 * copy), a fresh inventory of the target (what is there now) and the journal's list of topics this migration
 * created in, actions and blockers out. Existence is taken from the fresh inventory, never from the plan: a topic
 * planned as `create` may exist by now (a resumed run), one planned as `exists` may have been deleted.
 */
import type { TopologyDriftPolicy } from '../config/types.js';
import type { ClusterInventory, TopicInventory } from '../inventory/types.js';
import type { NewTopic } from '../kafka/applier-port.js';
import type { CarriedConfig, MigrationPlan, PlannedTopic } from '../plan/plan-types.js';
import { finding } from '../precheck/codes.js';
import type { Finding } from '../precheck/finding.js';
import { creationConfigs, diffTopicConfigs, type ConfigDiff } from './config-diff.js';

export interface TopicToCreate {
  readonly planned: PlannedTopic;
  readonly spec: NewTopic;
  /** Carried settings left for `applyAfterSeedConfigs`. */
  readonly deferred: CarriedConfig[];
}

export interface ExistingTopic {
  readonly planned: PlannedTopic;
  readonly createdByThisMigration: boolean;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Records in the target topic now (sum of end − start). */
  readonly records: number;
  readonly diff: ConfigDiff;
  /** Carried settings `applyAfterSeedConfigs` will set (none when the target's values are kept). */
  readonly deferred: CarriedConfig[];
}

export interface TopicActions {
  readonly create: TopicToCreate[];
  readonly existing: ExistingTopic[];
  /** B13 (foreign records), B14 (partition count), TOPIC_CONFIG_DRIFT (policy `fail`): nothing may be written. */
  readonly blockers: Finding[];
}

export interface TopicActionsInput {
  readonly plan: MigrationPlan;
  readonly target: ClusterInventory;
  readonly createdByThisMigration: ReadonlySet<string>;
  readonly policy: TopologyDriftPolicy;
}

export function recordsIn(topic: TopicInventory): number {
  return topic.partitions.reduce((sum, partition) => sum + Math.max(0, partition.endOffset - partition.logStartOffset), 0);
}

const quote = (value: string | null) => (value === null ? '(not set)' : value);

export function planTopicActions(input: TopicActionsInput): TopicActions {
  const targetTopics = new Map(input.target.topics.map((topic) => [topic.name, topic]));
  const create: TopicToCreate[] = [];
  const existing: ExistingTopic[] = [];
  const blockers: Finding[] = [];

  for (const planned of input.plan.topics) {
    const deferred = planned.configs.carried.filter((config) => config.applyAfterSeed);
    const current = targetTopics.get(planned.name);
    if (current === undefined) {
      create.push({
        planned,
        spec: {
          name: planned.name,
          partitions: planned.partitionCount,
          replicationFactor: planned.replication.target,
          configs: creationConfigs(planned.configs.carried),
        },
        deferred,
      });
      continue;
    }

    const ours = input.createdByThisMigration.has(planned.name);
    const records = recordsIn(current);
    const partitions = current.partitions.length;
    if (partitions !== planned.partitionCount) {
      blockers.push(
        finding(
          'B14',
          planned.name,
          `topic ${planned.name} already exists on the target with ${partitions} partitions; the source has ${planned.partitionCount} (partitions are copied 1:1, and topology copy never deletes a topic or adds partitions)`,
          `delete target topic ${planned.name} yourself so topology copy recreates it with ${planned.partitionCount} partitions, or exclude it with topics.exclude`,
        ),
      );
    }
    if (records > 0 && !ours) {
      blockers.push(
        finding(
          'B13',
          planned.name,
          `topic ${planned.name} already exists on the target with ${records} records this migration did not write; the copier never writes into such a topic`,
          `if those records are not needed, delete target topic ${planned.name} (topology copy recreates it); otherwise exclude it with topics.exclude`,
        ),
      );
    }
    const diff = diffTopicConfigs({
      carried: planned.configs.carried,
      dropped: planned.configs.dropped,
      targetEntries: current.configs,
      policy: input.policy,
      createdByThisMigration: ours,
    });
    if (diff.action === 'fail') {
      blockers.push({
        code: 'TOPIC_CONFIG_DRIFT',
        severity: 'blocker',
        subject: planned.name,
        detail: `target topic ${planned.name} has settings that differ from the source's (topology.on_config_drift: fail): ${diff.drift
          .map((item) => `${item.name} source=${quote(item.sourceValue)} target=${quote(item.targetValue)}`)
          .join('; ')}`,
        remedy: `align the settings of target topic ${planned.name} by hand (kafka-configs --alter), or choose topology.on_config_drift: overwrite_with_source or keep_target`,
      });
    }
    existing.push({
      planned,
      createdByThisMigration: ours,
      partitions,
      replicationFactor: current.replicationFactor,
      records,
      diff,
      deferred: diff.action === 'keep' ? [] : deferred,
    });
  }
  return { create, existing, blockers };
}
