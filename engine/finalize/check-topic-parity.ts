/**
 * Check 1, topic parity: every planned topic is on the target with the planned partition count, and carries the
 * planned settings (the carried configs, deferred ones included: the seed is long done). A setting the target keeps
 * on purpose (`topology.on_config_drift: keep_target`, a deferred setting skipped) is a warning with that reason;
 * any other difference fails. Pure.
 */
import { targetTopicValues } from '../topology/config-diff.js';
import type { TargetTopicFacts } from './facts.js';
import type { ValidationInputs } from './inputs.js';
import { CHECK_TITLES, resultOf, type CheckOutcome, type CheckProblem } from './types.js';

export function checkTopicParity(inputs: Pick<ValidationInputs, 'plan' | 'keptSettings'>, targetTopics: readonly TargetTopicFacts[]): CheckOutcome {
  const byName = new Map(targetTopics.map((topic) => [topic.name, topic]));
  const problems: CheckProblem[] = [];
  let configsCompared = 0;
  for (const topic of inputs.plan.topics) {
    const target = byName.get(topic.name);
    if (target === undefined || target.partitionCount === null) {
      problems.push({ severity: 'failure', subject: topic.name, topic: topic.name, message: `topic ${topic.name} is not on the target` });
      continue;
    }
    if (target.partitionCount !== topic.partitionCount) {
      problems.push({
        severity: 'failure',
        subject: topic.name,
        topic: topic.name,
        message: `topic ${topic.name} has ${target.partitionCount} partitions on the target, ${topic.partitionCount} on the source`,
      });
    }
    const values = targetTopicValues(target.configs);
    for (const carried of topic.configs.carried) {
      configsCompared += 1;
      const actual = values.get(carried.name) ?? null;
      if (actual === carried.value) continue;
      const kept = inputs.keptSettings.get(`${topic.name}\u0000${carried.name}`);
      problems.push({
        severity: kept === undefined ? 'failure' : 'warning',
        subject: topic.name,
        topic: topic.name,
        message:
          `topic ${topic.name}: ${carried.name} is ${actual === null ? 'not set (broker default)' : JSON.stringify(actual)} on the target, ` +
          `${JSON.stringify(carried.value)} planned${kept === undefined ? '' : `; kept on purpose: ${kept}`}`,
      });
    }
  }
  const topics = inputs.plan.topics.length;
  const partitions = inputs.plan.topics.reduce((sum, topic) => sum + topic.partitionCount, 0);
  const failures = problems.filter((p) => p.severity === 'failure').length;
  const detail =
    problems.length === 0
      ? `${topics} topics, ${partitions} partitions: partition counts and ${configsCompared} carried configs match`
      : `${topics} topics, ${partitions} partitions, ${configsCompared} carried configs compared: ${failures} differences, ${problems.length - failures} kept on purpose`;
  return { name: 'topic_parity', title: CHECK_TITLES.topic_parity, result: resultOf(problems), detail, problems };
}
