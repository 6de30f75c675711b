/**
 * What the journal reports while it works, for any front end to subscribe to: every append (`journal.appended`
 * with the entry), and the lease's life (acquired, renew failures, lost, released).
 */
import type { Actor, JournalEntry } from './entry-types.js';
import type { LeaseRecord } from './lease-record.js';

export type JournalEvent =
  | { readonly type: 'journal.appended'; readonly entry: JournalEntry }
  /** The entry is written, but the head that lets readers notice removed final entries could not be updated. */
  | { readonly type: 'journal.head_write_failed'; readonly seq: number; readonly error: string }
  | { readonly type: 'lease.acquired'; readonly lease: LeaseRecord; readonly takenOver: boolean }
  /** A heartbeat could not be written (storage unreachable); the lease is kept while it has not expired. */
  | { readonly type: 'lease.renew_failed'; readonly error: string; readonly expiresAt: string }
  /** Another process holds the lease now: this process must stop writing. */
  | { readonly type: 'lease.lost'; readonly reason: string; readonly holder?: Actor | undefined }
  | { readonly type: 'lease.released'; readonly lease: LeaseRecord };

export type JournalEventType = JournalEvent['type'];
export type JournalEventOf<T extends JournalEventType> = Extract<JournalEvent, { type: T }>;

/** A small typed emitter. A listener that throws does not break the journal. */
export class TypedEmitter<E extends { readonly type: string }> {
  private readonly listeners = new Map<string, Set<(event: E) => void>>();
  private readonly anyListeners = new Set<(event: E) => void>();

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends E['type']>(type: T, listener: (event: Extract<E, { type: T }>) => void): () => void {
    const set = this.listeners.get(type) ?? new Set();
    const wrapped = listener as (event: E) => void;
    set.add(wrapped);
    this.listeners.set(type, set);
    return () => set.delete(wrapped);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onAny(listener: (event: E) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of [...(this.listeners.get(event.type) ?? []), ...this.anyListeners]) {
      try {
        listener(event);
      } catch {
        // A failing listener must not break the journal.
      }
    }
  }
}

export type JournalEmitter = TypedEmitter<JournalEvent>;
