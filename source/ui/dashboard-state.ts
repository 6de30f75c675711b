/**
 * The dashboard's view model: a pure fold of the orchestrator's events. Each event comes with the time it was seen
 * (`atMs`, epoch ms from the caller's clock), because rates, samples and "since when" need one and the events carry
 * none (journal transitions carry their own `at`, which wins for the state's since-when).
 */
import type { PartitionLag } from '../../engine/copy/lag.js';
import { formatTransitionLine } from '../../engine/journal/index.js';
import { formatCount } from './format.js';
import type { DiscoveryEvent } from '../../engine/discovery/index.js';
import type { OrchestratorEvent } from '../../engine/orchestrator/index.js';
import type { TopologyEvent } from '../../engine/topology/index.js';
import type { Severity } from '../../engine/precheck/index.js';
import { nextCommandFor, type MigrationCommand, type MigrationState } from '../../engine/state/index.js';

export type PartitionRowState = 'copying' | 'waiting' | 'caught-up';

export interface PartitionRow {
  readonly topic: string;
  readonly partition: number;
  /** The next source offset to copy (everything below is on the target). */
  readonly copied: number;
  readonly sourceEnd: number;
  readonly lag: number;
  /** Records/s over the last two copy.progress events; null until there are two. */
  readonly rate: number | null;
  readonly state: PartitionRowState;
}

export interface ThroughputSample {
  readonly atMs: number;
  readonly bytesPerSecond: number;
  readonly recordsPerSecond: number;
}

export interface DashboardFinding {
  readonly severity: Severity;
  /** Precheck catalogue code; null for a warning raised during the run. */
  readonly code: string | null;
  readonly subject: string | null;
  readonly detail: string;
  readonly remedy: string | null;
  readonly raised: 'precheck' | 'run';
}

export interface TimelineEntry {
  readonly state: MigrationState;
  readonly atMs: number;
}

export interface DashboardTotals {
  readonly partitions: number;
  readonly totalLag: number;
  readonly maxLag: number;
  readonly behind: number;
  readonly recordsCopied: number;
  readonly bytesCopied: number;
}

export interface DashboardState {
  readonly migrationId: string | null;
  readonly resumed: boolean;
  readonly state: MigrationState | null;
  /** When the current state was entered (the journal's time when known). */
  readonly stateSinceMs: number | null;
  readonly startedAtMs: number | null;
  readonly timeline: readonly TimelineEntry[];
  readonly phase: 'seed' | 'tail' | null;
  readonly rows: readonly PartitionRow[];
  readonly totals: DashboardTotals | null;
  /** Records up to the seed boundary, from seed.boundary. */
  readonly seedRecords: number | null;
  readonly withinLimitForMs: number | null;
  readonly samples: readonly ThroughputSample[];
  /** Seconds until the lag is copied at the recent rate; 0 with no lag; null when unknown. */
  readonly etaSeconds: number | null;
  readonly findings: readonly DashboardFinding[];
  /** Latest journal transition lines, oldest first, as `formatTransitionLine` prints them. */
  readonly journalLines: readonly string[];
  readonly failure: { readonly state: MigrationState; readonly reason: string; readonly journaled: boolean } | null;
  /** The latest thing the run did, in words (discovery step, topology, seed boundary, checkpoint), or null. */
  readonly activity: string | null;
  /** The operator's next command in this state (the state machine's `nextCommandFor`), or null while a process works. */
  readonly nextCommand: MigrationCommand | null;
  /** When the last copy.progress was seen (for rates). */
  readonly lastProgressMs: number | null;
  readonly events: number;
}

export const MAX_SAMPLES = 60;
export const MAX_JOURNAL_LINES = 50;
/** Samples averaged for the ETA. */
const ETA_WINDOW = 5;

export const initialDashboardState: DashboardState = {
  migrationId: null,
  resumed: false,
  state: null,
  stateSinceMs: null,
  startedAtMs: null,
  timeline: [],
  phase: null,
  rows: [],
  totals: null,
  seedRecords: null,
  withinLimitForMs: null,
  samples: [],
  etaSeconds: null,
  findings: [],
  journalLines: [],
  failure: null,
  nextCommand: null,
  activity: null,
  lastProgressMs: null,
  events: 0,
};

const keyOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function parseAt(at: string, fallback: number): number {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? fallback : ms;
}

function nextRows(previous: readonly PartitionRow[], lags: readonly PartitionLag[], seconds: number | null): PartitionRow[] {
  // The engine sends the partitions in the same order each time: match by index, fall back to a map when it differs.
  let byKey: Map<string, PartitionRow> | undefined;
  const oldRow = (lag: PartitionLag, i: number): PartitionRow | undefined => {
    const same = previous[i];
    if (same !== undefined && same.topic === lag.topic && same.partition === lag.partition) return same;
    byKey ??= new Map(previous.map((row) => [keyOf(row.topic, row.partition), row]));
    return byKey.get(keyOf(lag.topic, lag.partition));
  };
  return lags.map((lag, i) => {
    const old = oldRow(lag, i);
    const rate = old === undefined || seconds === null || seconds <= 0 ? null : Math.max(0, lag.nextSourceOffset - old.copied) / seconds;
    const state: PartitionRowState = lag.lag === 0 ? 'caught-up' : rate === 0 ? 'waiting' : 'copying';
    return { topic: lag.topic, partition: lag.partition, copied: lag.nextSourceOffset, sourceEnd: lag.sourceEnd, lag: lag.lag, rate, state };
  });
}

function etaOf(samples: readonly ThroughputSample[], totalLag: number): number | null {
  if (totalLag === 0) return 0;
  const recent = samples.slice(-ETA_WINDOW);
  if (recent.length === 0) return null;
  const rate = recent.reduce((sum, s) => sum + s.recordsPerSecond, 0) / recent.length;
  return rate > 0 ? totalLag / rate : null;
}

function onProgress(state: DashboardState, event: Extract<OrchestratorEvent, { type: 'copy.progress' }>, atMs: number): DashboardState {
  const seconds = state.lastProgressMs === null ? null : (atMs - state.lastProgressMs) / 1000;
  const rows = nextRows(state.rows, event.lags, seconds);
  let samples = state.samples;
  if (state.totals !== null && seconds !== null && seconds > 0) {
    const sample: ThroughputSample = {
      atMs,
      bytesPerSecond: Math.max(0, event.copied.bytes - state.totals.bytesCopied) / seconds,
      recordsPerSecond: Math.max(0, event.copied.records - state.totals.recordsCopied) / seconds,
    };
    samples = [...samples, sample].slice(-MAX_SAMPLES);
  }
  const totals: DashboardTotals = { ...event.lag, recordsCopied: event.copied.records, bytesCopied: event.copied.bytes };
  return {
    ...state,
    phase: event.phase,
    rows,
    totals,
    samples,
    etaSeconds: etaOf(samples, event.lag.totalLag),
    withinLimitForMs: event.withinLimitForMs,
    lastProgressMs: atMs,
  };
}

function runFinding(severity: Severity, code: string | null, subject: string | null, detail: string, remedy: string | null = null): DashboardFinding {
  return { severity, code, subject, detail, remedy, raised: 'run' };
}

function onDiscovery(state: DashboardState, event: DiscoveryEvent): DashboardState {
  switch (event.type) {
    case 'discovery.started':
      return { ...state, activity: `reading the ${event.role} cluster` };
    case 'discovery.step':
      return { ...state, activity: `reading the ${event.role} cluster: ${event.step}${event.detail === undefined ? '' : ` (${event.detail})`}` };
    case 'discovery.warning':
      return { ...state, findings: [...state.findings, runFinding('warning', event.code, `${event.role} cluster`, event.message)] };
    case 'discovery.finished':
      return {
        ...state,
        activity: event.reachable
          ? `${event.role} cluster read: ${event.topics} topic(s), ${event.partitions} partition(s), ${event.groups} group(s)`
          : `${event.role} cluster not reachable${event.error === undefined ? '' : `: ${event.error.message}`}`,
      };
    default:
      return state;
  }
}

function onTopology(state: DashboardState, event: TopologyEvent): DashboardState {
  if (event.type === 'topology.blocked') {
    const blockers = event.blockers.map((f) => ({ severity: f.severity, code: f.code, subject: f.subject, detail: f.detail, remedy: f.remedy, raised: 'run' as const }));
    return { ...state, findings: [...state.findings, ...blockers], activity: `topology blocked: ${event.blockers.length} blocker(s), nothing written` };
  }
  const topic = 'topic' in event && typeof event.topic === 'string' ? ` ${event.topic}` : '';
  return { ...state, activity: `topology: ${event.type.replace(/^topology\./, '').replace(/\./g, ' ')}${topic}` };
}

function enter(state: DashboardState, to: MigrationState, sinceMs: number, failedFrom?: MigrationState): DashboardState {
  const nextCommand = nextCommandFor(to, failedFrom === undefined ? {} : { failedFrom });
  return { ...state, state: to, stateSinceMs: sinceMs, timeline: [...state.timeline, { state: to, atMs: sinceMs }], nextCommand };
}

/** Folds one event (seen at `atMs`) into the view model; never mutates `state`. */
export function reduceDashboard(state: DashboardState, event: OrchestratorEvent, atMs: number): DashboardState {
  const counted = { ...state, events: state.events + 1 };
  switch (event.type) {
    case 'migration.started': {
      const started = { ...counted, migrationId: event.migrationId, resumed: event.resumed, startedAtMs: state.startedAtMs ?? atMs };
      return state.state === null ? enter(started, event.state, atMs) : started;
    }
    case 'state.changed': {
      const sinceMs = parseAt(event.entry.at, atMs);
      const lines = [...state.journalLines, formatTransitionLine(event.entry)].slice(-MAX_JOURNAL_LINES);
      const entered = enter({ ...counted, journalLines: lines }, event.entry.to, sinceMs, event.entry.from);
      const next = { ...entered, activity: entered.nextCommand === null ? `entered ${event.entry.to}` : `${event.entry.to}: waiting for the operator` };
      if (event.entry.to !== 'failed') return next;
      return { ...next, failure: state.failure ?? { state: event.entry.from, reason: event.entry.reason ?? event.entry.detail ?? '', journaled: true } };
    }
    case 'precheck.evaluated': {
      const fromRun = state.findings.filter((f) => f.raised === 'run');
      const precheck = event.report.findings.map<DashboardFinding>((f) => ({ severity: f.severity, code: f.code, subject: f.subject, detail: f.detail, remedy: f.remedy, raised: 'precheck' }));
      return { ...counted, findings: [...precheck, ...fromRun] };
    }
    case 'copy.progress':
      return onProgress(counted, event, atMs);
    case 'warning':
      return { ...counted, findings: [...state.findings, runFinding('warning', null, null, event.message)] };
    case 'migration.failed':
      return { ...counted, failure: { state: event.state, reason: event.reason, journaled: event.journaled } };
    case 'phase.started': {
      const activity = `${event.state} ${event.resumed ? 'resumed' : 'started'}`;
      return event.state === 'seed' || event.state === 'tail' ? { ...counted, phase: event.state, activity } : { ...counted, activity };
    }
    case 'discovery.progress':
      return onDiscovery(counted, event.event);
    case 'topology.progress':
      return onTopology(counted, event.event);
    case 'topology.applied':
      return { ...counted, activity: `topology: ${event.created.length} topic(s) created, ${event.present.length} already on the target` };
    case 'seed.boundary':
      return {
        ...counted,
        seedRecords: event.records,
        activity: `seed boundary ${event.fresh ? 'recorded' : 'kept'} (generation ${event.generation}): ${formatCount(event.partitions)} partition(s), ${formatCount(event.records)} record offsets`,
      };
    case 'copy.checkpointed':
      return { ...counted, activity: `${event.phase}: checkpointed ${event.partitions.length} partition(s)` };
  }
}

/** Folds a list of timed events from the initial state. */
export function foldDashboard(events: ReadonlyArray<{ readonly atMs: number; readonly event: OrchestratorEvent }>, from: DashboardState = initialDashboardState): DashboardState {
  return events.reduce((state, { event, atMs }) => reduceDashboard(state, event, atMs), from);
}

/** The forward state a failed or rolled-back migration stopped in (the failure's, else the state before the end). */
export function stoppedIn(state: DashboardState): MigrationState | null {
  if (state.state !== 'failed' && state.state !== 'rolled_back') return null;
  if (state.failure !== null && state.failure.state !== 'failed' && state.failure.state !== 'rolled_back') return state.failure.state;
  const before = state.timeline.filter((t) => t.state !== 'failed' && t.state !== 'rolled_back').at(-1);
  return before?.state ?? null;
}
