/** Where the dashboard's events come from: a run's `onEvent`, a recorded stream, a test. */
import type { OrchestratorEvent } from '../../engine/orchestrator/index.js';

export interface DashboardEventSource<E = OrchestratorEvent> {
  /** Starts delivering events to `listener`; returns the function that stops it. */
  subscribe(listener: (event: E) => void): () => void;
}

/** A source that a run's `onEvent` can push into: `emit` is the listener to hand to the orchestrator. */
export interface EventChannel<E = OrchestratorEvent> extends DashboardEventSource<E> {
  readonly emit: (event: E) => void;
}

/** A fan-out channel; events emitted while nobody listens are kept and delivered to the first subscriber. */
export function createEventChannel<E = OrchestratorEvent>(): EventChannel<E> {
  const listeners = new Set<(event: E) => void>();
  const backlog: E[] = [];
  return {
    emit: (event) => {
      if (listeners.size === 0) backlog.push(event);
      for (const listener of listeners) listener(event);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      for (const event of backlog.splice(0)) listener(event);
      return () => listeners.delete(listener);
    },
  };
}
