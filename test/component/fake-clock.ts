/** A hand-driven DashboardClock: timers fire only in `advance(ms)`, in time order. */
import type { DashboardClock } from '../../source/ui/dashboard-clock.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements DashboardClock {
  private timers: Timer[] = [];
  private nextId = 1;
  private time: number;

  constructor(start = Date.parse('2026-04-25T06:15:00.000Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time on by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  get pending(): number {
    return this.timers.length;
  }
}

/** Lets React and Ink finish a render scheduled from outside (a timer, stdin). */
export const settle = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
