import { describe, expect, it } from 'vitest';
import { formatTransitionLine } from '../../engine/journal/index.js';
import { foldDashboard, initialDashboardState, reduceDashboard, stoppedIn } from '../../source/ui/dashboard-state.js';
import { loadRecordedRun, timedEvents } from '../fixtures/events/recorded.js';
import { transition } from '../fixtures/events/synthetic.js';

const run = loadRecordedRun();
const events = timedEvents(run);
const TRANSITION_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [a-z_]+ -> [a-z_]+( .+)?$/;

describe('reduceDashboard over the recorded execute run', () => {
  const final = foldDashboard(events);

  it('ends in drain_ready with the id, the whole timeline and the journal lines in the reference format', () => {
    expect(run.outcome).toEqual({ kind: 'advanced', state: 'drain_ready' });
    expect(final.migrationId).toMatch(/^mig-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(final.state).toBe('drain_ready');
    expect(final.timeline.map((t) => t.state)).toEqual(['planned', 'precheck', 'topology_copy', 'seed', 'tail', 'drain_ready']);
    expect(final.journalLines).toHaveLength(5);
    for (const line of final.journalLines) expect(line).toMatch(TRANSITION_LINE);
    expect(final.journalLines[2]).toMatch(/Z topology_copy -> seed$/);
    expect(final.journalLines[4]).toMatch(/Z tail -> drain_ready drain ready: max_partition_lag=0 records_replayed=\d+ bytes_replayed=\d+$/);
    const transitions = run.events.flatMap(({ event }) => (event.type === 'state.changed' ? [formatTransitionLine(event.entry)] : []));
    expect(final.journalLines).toEqual(transitions);
    // The state's since-when is the journal's time, not the time the event was seen.
    expect(final.stateSinceMs).toBe(Date.parse(final.journalLines[4]!.slice(0, 27)));
    expect(final.failure).toBeNull();
  });

  it('keeps one row per partition with the last lag, totals as the engine reported them, and the precheck findings', () => {
    const last = run.events.map((e) => e.event).filter((e) => e.type === 'copy.progress').at(-1);
    expect(last?.type).toBe('copy.progress');
    if (last?.type !== 'copy.progress') return;
    expect(final.rows).toHaveLength(last.lags.length);
    expect(final.rows.map((r) => [r.topic, r.partition, r.copied, r.sourceEnd, r.lag])).toEqual(last.lags.map((l) => [l.topic, l.partition, l.nextSourceOffset, l.sourceEnd, l.lag]));
    expect(final.totals).toMatchObject({ partitions: last.lag.partitions, totalLag: last.lag.totalLag, recordsCopied: last.copied.records, bytesCopied: last.copied.bytes });
    expect(final.phase).toBe('tail');
    expect(final.etaSeconds).toBe(0);
    expect(final.findings.map((f) => [f.severity, f.code, f.raised])).toEqual([
      ['warning', 'W10', 'precheck'],
      ['info', 'I04', 'precheck'],
    ]);
  });

  it('computes per-partition rates and throughput samples from successive copy.progress events', () => {
    const progress = events.filter((e) => e.event.type === 'copy.progress');
    const two = foldDashboard(events.slice(0, events.indexOf(progress[1]!) + 1));
    const [a, b] = [progress[0]!, progress[1]!];
    if (a.event.type !== 'copy.progress' || b.event.type !== 'copy.progress') throw new Error('not progress');
    const seconds = (b.atMs - a.atMs) / 1000;
    expect(two.samples).toHaveLength(1);
    expect(two.samples[0]!.recordsPerSecond).toBeCloseTo((b.event.copied.records - a.event.copied.records) / seconds, 6);
    expect(two.samples[0]!.bytesPerSecond).toBeCloseTo((b.event.copied.bytes - a.event.copied.bytes) / seconds, 6);
    const lagA = a.event.lags[0]!;
    const lagB = b.event.lags.find((l) => l.topic === lagA.topic && l.partition === lagA.partition)!;
    const row = two.rows.find((r) => r.topic === lagA.topic && r.partition === lagA.partition)!;
    expect(row.rate).toBeCloseTo((lagB.nextSourceOffset - lagA.nextSourceOffset) / seconds, 6);
    expect(two.state).toBe('seed');
    expect(two.totals!.totalLag).toBeGreaterThan(0);
    expect(two.etaSeconds).toBeGreaterThan(0);
    expect(final.samples).toHaveLength(progress.length - 1);
  });

  it('never mutates the state it is given', () => {
    const frozen = Object.freeze({ ...initialDashboardState });
    const next = reduceDashboard(frozen, events[0]!.event, events[0]!.atMs);
    expect(frozen.migrationId).toBeNull();
    expect(next.migrationId).not.toBeNull();
  });
});

describe('reduceDashboard: what the run is doing', () => {
  const upTo = (type: string) => foldDashboard(events.slice(0, events.findIndex((e) => e.event.type === type) + 1));

  it('says what the run did last: discovery, topology, the seed boundary, checkpoints', () => {
    expect(foldDashboard(events.slice(0, 1)).activity).toBeNull();
    expect(foldDashboard(events.slice(0, events.findIndex((e) => e.event.type === 'state.changed'))).activity).toBe('source cluster read: 3 topic(s), 13 partition(s), 0 group(s)');
    expect(upTo('state.changed').activity).toBe('entered precheck');
    expect(upTo('topology.applied').activity).toBe('topology: 3 topic(s) created, 0 already on the target');
    expect(upTo('seed.boundary').activity).toMatch(/^seed boundary recorded \(generation \d+\): 13 partition\(s\), \d{1,3}(,\d{3})* record offsets$/);
    expect(upTo('seed.boundary').seedRecords).toBeGreaterThan(0);
    expect(foldDashboard(events.slice(0, -1)).activity).toBe('tail: checkpointed 13 partition(s)');
    expect(foldDashboard(events).activity).toBe('drain_ready: waiting for the operator');
    const topics = foldDashboard(events.slice(0, events.findIndex((e) => e.event.type === 'topology.applied')));
    expect(topics.activity).toMatch(/^topology: (topic created \S+|finished)$/);
  });

  it('adds discovery warnings and topology blockers to the findings, raised during the run', () => {
    let state = reduceDashboard(initialDashboardState, { type: 'discovery.progress', event: { type: 'discovery.warning', role: 'source', code: 'SIZES_INCOMPLETE', message: 'log dirs not described for 2 brokers' } }, 1);
    const blocker = { code: 'B07', severity: 'blocker' as const, subject: 'orders', detail: 'exists with 3 partitions, plan has 6', remedy: 'delete it or align it' };
    state = reduceDashboard(state, { type: 'topology.progress', event: { type: 'topology.blocked', blockers: [blocker] } }, 2);
    expect(state.findings).toEqual([
      { severity: 'warning', code: 'SIZES_INCOMPLETE', subject: 'source cluster', detail: 'log dirs not described for 2 brokers', remedy: null, raised: 'run' },
      { ...blocker, raised: 'run' },
    ]);
    expect(state.activity).toBe('topology blocked: 1 blocker(s), nothing written');
  });
});

describe('reduceDashboard: failures and warnings', () => {
  it('keeps warnings raised during the run after the precheck findings, and records a failure and where it stopped', () => {
    let state = foldDashboard(events.slice(0, 40));
    state = reduceDashboard(state, { type: 'warning', message: 'topic orders grew a partition' }, 1);
    state = reduceDashboard(state, transition('seed', 'failed', 5_000, 9), 2);
    state = reduceDashboard(state, { type: 'migration.failed', state: 'seed', reason: 'target refused the produce', journaled: true }, 3);
    expect(state.findings.at(-1)).toEqual({ severity: 'warning', code: null, subject: null, detail: 'topic orders grew a partition', remedy: null, raised: 'run' });
    expect(state.state).toBe('failed');
    expect(state.failure).toEqual({ state: 'seed', reason: 'target refused the produce', journaled: true });
    expect(stoppedIn(state)).toBe('seed');
    expect(state.journalLines.at(-1)).toMatch(/Z seed -> failed$/);
  });
});
