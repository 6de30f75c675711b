/** The five checks over what was read, and the overall outcome: the worst of their results. Pure. */
import { checkCountsAndOffsets } from './check-counts.js';
import { checkGroups } from './check-groups.js';
import { checkSentinels } from './check-sentinels.js';
import { checkSpotRecords } from './check-spot-records.js';
import { checkTopicParity } from './check-topic-parity.js';
import type { ClusterFacts } from './facts.js';
import type { ValidationInputs } from './inputs.js';
import { worstResult, type ValidationReport } from './types.js';

export function runChecks(inputs: ValidationInputs, facts: ClusterFacts, times: { readonly startedAt: string; readonly finishedAt: string }): ValidationReport {
  const counts = checkCountsAndOffsets(inputs, facts.partitions);
  const checks = [
    checkTopicParity(inputs, facts.targetTopics),
    counts.outcome,
    checkSpotRecords(inputs, facts.partitions),
    checkSentinels(inputs, facts.partitions),
    checkGroups(inputs, facts.groups),
  ];
  return {
    schemaVersion: 1,
    migrationId: inputs.migrationId,
    outcome: worstResult(checks.map((check) => check.result)),
    startedAt: times.startedAt,
    finishedAt: times.finishedAt,
    settings: inputs.settings,
    summary: counts.summary,
    checks,
  };
}
