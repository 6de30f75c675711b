/**
 * What finalize's five checks produce: each check's result (PASSED / WARNING / FAILED) with a one-line detail and the
 * structured problems behind it, the counts-and-offsets summary numbers, and the overall outcome. Plain JSON: the
 * journal records it and the evidence bundle carries it whole.
 */
export const CHECK_RESULTS = ['PASSED', 'WARNING', 'FAILED'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** The five checks, in the order they run and print. */
export const CHECK_NAMES = ['topic_parity', 'counts_and_offsets', 'spot_check_records', 'sentinel_presence', 'consumer_group_reconciliation'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const CHECK_TITLES: Readonly<Record<CheckName, string>> = {
  topic_parity: 'Topic parity',
  counts_and_offsets: 'Counts & offsets',
  spot_check_records: 'Spot-check records',
  sentinel_presence: 'Sentinel presence',
  consumer_group_reconciliation: 'Consumer group reconciliation',
};

/** One thing a check found: what it is about, how bad, and what exactly differs. */
export interface CheckProblem {
  readonly severity: 'warning' | 'failure';
  /** `topic`, `topic-partition`, `group topic-partition`. */
  readonly subject: string;
  readonly message: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly sourceOffset?: number;
  readonly targetOffset?: number;
  /** The record field that differs (`key`, `value`, `headers`, `timestamp`), when one does. */
  readonly field?: string;
  readonly groupId?: string;
}

export interface CheckOutcome {
  readonly name: CheckName;
  readonly title: string;
  readonly result: CheckResult;
  /** One line: what was checked and what was found. */
  readonly detail: string;
  readonly problems: CheckProblem[];
}

/** The reference's summary lines (`partitions_checked=…`), see docs/finalize.md for what each counts. */
export interface CountsSummary {
  readonly partitionsChecked: number;
  readonly targetBehindOrMissing: number;
  readonly earliestPartitionsChecked: number;
  readonly earliestMismatches: number;
  readonly latestPartitionsChecked: number;
  readonly latestMismatches: number;
}

export interface ValidationReport {
  readonly schemaVersion: 1;
  readonly migrationId: string;
  readonly outcome: CheckResult;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly settings: { readonly countTolerance: number; readonly spotCheckRecordsPerPartition: number };
  readonly summary: CountsSummary;
  readonly checks: CheckOutcome[];
}

/** The worst of the results: FAILED over WARNING over PASSED. */
export function worstResult(results: readonly CheckResult[]): CheckResult {
  if (results.includes('FAILED')) return 'FAILED';
  if (results.includes('WARNING')) return 'WARNING';
  return 'PASSED';
}

/** A check's result from its problems: any failure fails it, any warning warns. */
export function resultOf(problems: readonly CheckProblem[]): CheckResult {
  if (problems.some((problem) => problem.severity === 'failure')) return 'FAILED';
  if (problems.some((problem) => problem.severity === 'warning')) return 'WARNING';
  return 'PASSED';
}

export function summaryLines(summary: CountsSummary): string[] {
  return [
    `partitions_checked=${summary.partitionsChecked}`,
    `target_behind_or_missing=${summary.targetBehindOrMissing}`,
    `earliest_partitions_checked=${summary.earliestPartitionsChecked}`,
    `earliest_mismatches=${summary.earliestMismatches}`,
    `latest_partitions_checked=${summary.latestPartitionsChecked}`,
    `latest_mismatches=${summary.latestMismatches}`,
  ];
}
