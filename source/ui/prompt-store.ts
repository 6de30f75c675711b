/**
 * A question the engine asks through a port (`(request) => Promise<boolean>`), held until a screen answers it: the
 * port side calls `ask`, the screen subscribes, shows `current()` and calls `answer`.
 */
export interface PromptStore<Q> {
  ask(request: Q): Promise<boolean>;
  current(): Q | null;
  answer(yes: boolean): void;
  subscribe(listener: () => void): () => void;
}

export function createPromptStore<Q>(): PromptStore<Q> {
  let pending: { request: Q; resolve: (yes: boolean) => void } | null = null;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  return {
    ask: (request) =>
      new Promise<boolean>((resolve) => {
        pending?.resolve(false); // a newer question replaces an unanswered one, which counts as no
        pending = { request, resolve };
        changed();
      }),
    current: () => pending?.request ?? null,
    answer: (yes) => {
      const was = pending;
      pending = null;
      was?.resolve(yes);
      changed();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
