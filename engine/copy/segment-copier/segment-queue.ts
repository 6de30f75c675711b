/**
 * The hand-over from a partition's seed reader to its restorer: what to restore next, in offset order. `segment`: a
 * segment durable in S3; `covered`: every source offset below `until` is in a segment handed over already (or held
 * nothing to copy), so once those are restored the position may move to `until`.
 */
export type RestoreItem =
  | { readonly kind: 'segment'; readonly key: string; readonly firstOffset: number; readonly lastOffset: number }
  | { readonly kind: 'covered'; readonly until: number };

export class RestoreQueue {
  private readonly items: RestoreItem[] = [];
  private closed = false;
  private waiter: (() => void) | undefined;

  push(item: RestoreItem): void {
    this.items.push(item);
    this.wake();
  }

  /** No more items will come. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** The next item; undefined once closed and empty. */
  async next(): Promise<RestoreItem | undefined> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) return item;
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
