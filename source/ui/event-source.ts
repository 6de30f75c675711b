/** Where the dashboard's events come from: a run's `onEvent`, a recorded stream, a test. */
import type { OrchestratorEvent, OrchestratorListener } from '../../engine/orchestrator/index.js';

export interface DashboardEventSource {
  /** Starts delivering events to `listener`; returns the function that stops it. */
  subscribe(listener: OrchestratorListener): () => void;
}

/** A source that a run's `onEvent` can push into: `emit` is the listener to hand to the orchestrator. */
export interface EventChannel extends DashboardEventSource {
  readonly emit: OrchestratorListener;
}

/** A fan-out channel; events emitted while nobody listens are kept and delivered to the first subscriber. */
export function createEventChannel(): EventChannel {
  const listeners = new Set<OrchestratorListener>();
  const backlog: OrchestratorEvent[] = [];
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
