/**
 * Lag and the drain decision, as pure functions: lag per partition is the source end offset minus the next source
 * offset to copy; the data is drained when every partition's lag stays at or under `maxPartitionLag` for the whole
 * stable window; past the timeout the drain fails naming the partitions still behind.
 */

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly sourceEnd: number;
  readonly nextSourceOffset: number;
  /** Records (offsets) still to copy; never negative. */
  readonly lag: number;
}

export function partitionLag(topic: string, partition: number, sourceEnd: number, nextSourceOffset: number): PartitionLag {
  return { topic, partition, sourceEnd, nextSourceOffset, lag: Math.max(0, sourceEnd - nextSourceOffset) };
}

export interface LagTotals {
  readonly partitions: number;
  readonly totalLag: number;
  readonly maxLag: number;
  /** Partitions with a lag above zero. */
  readonly behind: number;
}

export function lagTotals(lags: readonly PartitionLag[]): LagTotals {
  return {
    partitions: lags.length,
    totalLag: lags.reduce((sum, lag) => sum + lag.lag, 0),
    maxLag: lags.reduce((max, lag) => Math.max(max, lag.lag), 0),
    behind: lags.filter((lag) => lag.lag > 0).length,
  };
}

export interface DrainSettings {
  readonly maxPartitionLag: number;
  readonly stableWindowMs: number;
  readonly timeoutMs: number;
}

export interface DrainObservation {
  readonly nowMs: number;
  /** When this drain started waiting (the tail phase's start in this process). */
  readonly startedMs: number;
  /** Since when every partition has been within the limit, or null (from the previous decision). */
  readonly withinSinceMs: number | null;
  readonly lags: readonly PartitionLag[];
}

export type DrainDecision =
  | { readonly kind: 'ready'; readonly maxLag: number }
  | { readonly kind: 'waiting'; readonly withinSinceMs: number | null; readonly maxLag: number; readonly over: readonly PartitionLag[] }
  | { readonly kind: 'timed-out'; readonly over: readonly PartitionLag[]; readonly maxLag: number };

/** One step of the drain: ready, still waiting (carry `withinSinceMs` to the next call), or timed out. */
export function decideDrain(observation: DrainObservation, settings: DrainSettings): DrainDecision {
  const over = observation.lags.filter((lag) => lag.lag > settings.maxPartitionLag).sort((a, b) => b.lag - a.lag);
  const maxLag = lagTotals(observation.lags).maxLag;
  if (over.length === 0) {
    const withinSinceMs = observation.withinSinceMs ?? observation.nowMs;
    if (observation.nowMs - withinSinceMs >= settings.stableWindowMs) return { kind: 'ready', maxLag };
    if (observation.nowMs - observation.startedMs >= settings.timeoutMs) return { kind: 'timed-out', over, maxLag };
    return { kind: 'waiting', withinSinceMs, maxLag, over };
  }
  if (observation.nowMs - observation.startedMs >= settings.timeoutMs) return { kind: 'timed-out', over, maxLag };
  return { kind: 'waiting', withinSinceMs: null, maxLag, over };
}

/** The journal detail of `tail -> drain_ready`, exactly as the reference prints it. */
export function drainReadyDetail(maxLag: number, recordsReplayed: number, bytesReplayed: number): string {
  return `drain ready: max_partition_lag=${maxLag} records_replayed=${recordsReplayed} bytes_replayed=${bytesReplayed}`;
}

/** `orders-0 (1200 behind), orders-3 (40 behind)`: the partitions a timed-out drain names, largest lag first. */
export function describeBehind(over: readonly PartitionLag[], limit = 20): string {
  const shown = over.slice(0, limit).map((lag) => `${lag.topic}-${lag.partition} (${lag.lag} behind: next ${lag.nextSourceOffset}, source end ${lag.sourceEnd})`);
  return over.length > limit ? `${shown.join(', ')} and ${over.length - limit} more` : shown.join(', ');
}
