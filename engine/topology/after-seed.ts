/**
 * The carried settings topology copy deferred (`applyAfterSeed`: timestamp limits, LogAppendTime), applied once the
 * seed has copied the historical records. The orchestrator calls it after the seed and before the tail's records
 * matter (new records are then checked against them, as on the source). Each is one incremental SET per topic:
 * repeating it changes nothing.
 */
import type { ApplierPort } from '../kafka/applier-port.js';
import { mapLimit } from '../kafka/map-limit.js';
import type { MigrationPlan } from '../plan/plan-types.js';
import { compareStrings } from '../plan/sorting.js';
import { safeEmitter, type TopologyEvent } from './events.js';
import type { TopicConfigEntry, TopologyReport } from './report.js';

export interface AfterSeedOptions {
  /**
   * The report of the topology copy run (from the journal). When given, exactly its `configsDeferred` are applied
   * (it already left out topics whose target settings were kept). Without it the plan decides: every deferred setting,
   * except on topics that existed before the migration when `topology.on_config_drift` is `keep_target`.
   */
  readonly report?: TopologyReport;
  readonly onEvent?: (event: TopologyEvent) => void;
  readonly concurrency?: number;
}

export interface AfterSeedReport {
  readonly migrationId: string;
  /** Sorted by topic, name. */
  readonly set: Array<{ readonly topic: string; readonly name: string; readonly value: string }>;
  /** Deferred settings not applied (the target's value is kept), with why. */
  readonly skipped: Array<{ readonly topic: string; readonly name: string; readonly value: string; readonly reason: string }>;
}

/** What applyAfterSeedConfigs will set, and what it leaves. Pure. */
export function afterSeedChanges(plan: MigrationPlan, report?: TopologyReport): Pick<AfterSeedReport, 'set' | 'skipped'> {
  const set: AfterSeedReport['set'] = [];
  const skipped: AfterSeedReport['skipped'] = [];
  const fromReport = report === undefined ? undefined : new Set(report.topics.configsDeferred.map((entry: TopicConfigEntry) => `${entry.topic}\u0000${entry.name}`));
  const keepTarget = plan.settings.topology.onConfigDrift === 'keep_target';
  for (const topic of plan.topics) {
    for (const config of topic.configs.carried) {
      if (!config.applyAfterSeed) continue;
      const entry = { topic: topic.name, name: config.name, value: config.value };
      if (fromReport !== undefined ? fromReport.has(`${topic.name}\u0000${config.name}`) : !(keepTarget && topic.action === 'exists')) {
        set.push(entry);
      } else {
        skipped.push({ ...entry, reason: 'the existing target topic keeps its own settings (topology.on_config_drift: keep_target)' });
      }
    }
  }
  const order = (a: { topic: string; name: string }, b: { topic: string; name: string }) => compareStrings(a.topic, b.topic) || compareStrings(a.name, b.name);
  return { set: set.sort(order), skipped: skipped.sort(order) };
}

export async function applyAfterSeedConfigs(plan: MigrationPlan, applier: ApplierPort, options: AfterSeedOptions = {}): Promise<AfterSeedReport> {
  const emit = safeEmitter(options.onEvent);
  const { set, skipped } = afterSeedChanges(plan, options.report);
  const byTopic = new Map<string, AfterSeedReport['set']>();
  for (const entry of set) byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), entry]);
  await mapLimit([...byTopic.entries()], options.concurrency ?? 4, async ([topic, entries]) => {
    await applier.incrementalAlterTopicConfigs(
      topic,
      entries.map((entry) => ({ name: entry.name, op: 'SET' as const, value: entry.value })),
    );
    for (const entry of entries) emit({ type: 'topology.config.set', topic, name: entry.name, value: entry.value, reason: 'after-seed' });
  });
  return { migrationId: plan.migrationId, set, skipped };
}
