/**
 * Subscribes to an event source, folds every event into the dashboard's view model at once, and re-renders at most
 * once per `minIntervalMs` (100 ms: 10 frames a second) however fast the events come; a slow tick (`tickMs`) moves
 * the clock on so that "time in state" advances while nothing happens.
 */
import { useEffect, useRef, useState } from 'react';
import { initialDashboardState, reduceDashboard, type DashboardState } from '../source/ui/dashboard-state.js';
import { systemDashboardClock, type DashboardClock } from '../source/ui/dashboard-clock.js';
import type { DashboardEventSource } from '../source/ui/event-source.js';

export interface UseDashboardOptions {
  readonly clock?: DashboardClock;
  /** Least time between two renders caused by events. */
  readonly minIntervalMs?: number;
  /** Re-render this often without events (0: never). */
  readonly tickMs?: number;
  readonly initial?: DashboardState;
}

export interface DashboardView {
  readonly state: DashboardState;
  /** The clock's time at this render. */
  readonly now: number;
}

export function useDashboard(events: DashboardEventSource, options: UseDashboardOptions = {}): DashboardView {
  const clock = options.clock ?? systemDashboardClock;
  const minIntervalMs = options.minIntervalMs ?? 100;
  const tickMs = options.tickMs ?? 1000;
  const latest = useRef<DashboardState>(options.initial ?? initialDashboardState);
  const [view, setView] = useState<DashboardView>(() => ({ state: latest.current, now: clock.now() }));

  useEffect(() => {
    let pending: unknown = undefined;
    let lastFlushMs = Number.NEGATIVE_INFINITY;
    const flush = (): void => {
      pending = undefined;
      lastFlushMs = clock.now();
      setView({ state: latest.current, now: lastFlushMs });
    };
    const unsubscribe = events.subscribe((event) => {
      latest.current = reduceDashboard(latest.current, event, clock.now());
      if (pending !== undefined) return;
      const wait = Math.max(0, lastFlushMs + minIntervalMs - clock.now());
      pending = clock.setTimeout(flush, wait);
    });
    let ticker: unknown = undefined;
    const tick = (): void => {
      if (pending === undefined) flush();
      ticker = clock.setTimeout(tick, tickMs);
    };
    if (tickMs > 0) ticker = clock.setTimeout(tick, tickMs);
    return () => {
      unsubscribe();
      if (pending !== undefined) clock.clearTimeout(pending);
      if (ticker !== undefined) clock.clearTimeout(ticker);
    };
  }, [events, clock, minIntervalMs, tickMs]);

  return view;
}
