/**
 * A dashboard view model from a `status` snapshot: what to show before the first event of a resumed run (pass it as
 * `useDashboard`'s `initial`), or for a one-off status screen. Rates and throughput history start empty.
 */
import { isMigrationState } from '../../engine/state/index.js';
import type { StatusSnapshot } from '../../engine/status/index.js';
import { initialDashboardState, MAX_JOURNAL_LINES, type DashboardState, type PartitionRow, type TimelineEntry } from './dashboard-state.js';

/** `2026-04-25T06:15:07.512121Z topology_copy -> seed ...` -> the state entered and when; undefined if not one. */
function timelineEntry(line: string): TimelineEntry | undefined {
  const match = /^(\S+Z) ([a-z_]+) -> ([a-z_]+)(?: |$)/.exec(line);
  const to = match?.[3];
  const atMs = Date.parse(match?.[1] ?? '');
  return to !== undefined && isMigrationState(to) && !Number.isNaN(atMs) ? { state: to, atMs } : undefined;
}

export function dashboardFromSnapshot(snapshot: StatusSnapshot): DashboardState {
  const entered = snapshot.transitions.map(timelineEntry).filter((entry): entry is TimelineEntry => entry !== undefined);
  const sinceMs = Date.parse(snapshot.since);
  const rows: PartitionRow[] = snapshot.partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    copied: p.nextSourceOffset,
    sourceEnd: p.sourceEnd,
    lag: p.lag,
    rate: null,
    state: p.lag === 0 ? 'caught-up' : 'waiting',
  }));
  return {
    ...initialDashboardState,
    migrationId: snapshot.migrationId,
    state: snapshot.state,
    stateSinceMs: Number.isNaN(sinceMs) ? null : sinceMs,
    startedAtMs: entered[0]?.atMs ?? null,
    timeline: [{ state: 'planned', atMs: entered[0]?.atMs ?? sinceMs }, ...entered],
    phase: snapshot.checkpoint?.phase ?? null,
    rows,
    totals: snapshot.checkpoint === null ? null : { ...snapshot.totals },
    etaSeconds: snapshot.etaSeconds,
    journalLines: snapshot.transitions.slice(-MAX_JOURNAL_LINES),
    failure: snapshot.failedFrom === null ? null : { state: snapshot.failedFrom, reason: snapshot.failureReason ?? '', journaled: true },
    nextCommand: snapshot.nextCommand,
    activity: snapshot.nextAction === '' ? null : snapshot.nextAction,
  };
}
