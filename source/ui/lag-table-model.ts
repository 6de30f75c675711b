/**
 * The lag table's pure part: its input state (scroll offset, filter, collapse), the reducer over key actions, and the
 * view (sorted worst lag first, filtered by topic substring, optionally one summary row per topic, windowed).
 */
import type { PartitionRow, PartitionRowState } from './dashboard-state.js';

export interface LagTableState {
  readonly offset: number;
  readonly filter: string;
  /** The operator is typing a filter (after `/`). */
  readonly filtering: boolean;
  readonly collapsed: boolean;
}

export const initialLagTableState: LagTableState = { offset: 0, filter: '', filtering: false, collapsed: false };

/** Scroll actions carry the largest valid offset (rows - page), which only the view knows. */
export type LagTableAction =
  | { readonly type: 'scroll'; readonly by: number; readonly maxOffset: number }
  | { readonly type: 'home' }
  | { readonly type: 'end'; readonly maxOffset: number }
  | { readonly type: 'filter.start' }
  | { readonly type: 'filter.type'; readonly text: string }
  | { readonly type: 'filter.backspace' }
  | { readonly type: 'filter.done' }
  | { readonly type: 'clear' }
  | { readonly type: 'collapse.toggle' }
  /** A raw key press, mapped against the state at the time it is applied (not the one last rendered). */
  | { readonly type: 'key'; readonly text: string; readonly key: KeyPress; readonly maxOffset: number; readonly page: number };

/** The subset of Ink's `Key` the table reads. */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly escape?: boolean;
  readonly return?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly tab?: boolean;
}

/**
 * ↑/↓ a row, PgUp/PgDn a page, Home/End; Esc clears the filter; while typing a filter (after `/`) text goes into it,
 * Backspace removes, Enter keeps it; otherwise `/` starts a filter and `c` toggles per-topic rows.
 */
export function keyAction(state: LagTableState, text: string, key: KeyPress, maxOffset: number, page: number): LagTableAction | null {
  if (key.upArrow) return { type: 'scroll', by: -1, maxOffset };
  if (key.downArrow) return { type: 'scroll', by: 1, maxOffset };
  if (key.pageUp) return { type: 'scroll', by: -page, maxOffset };
  if (key.pageDown) return { type: 'scroll', by: page, maxOffset };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end', maxOffset };
  if (key.escape) return { type: 'clear' };
  if (state.filtering) {
    if (key.return) return { type: 'filter.done' };
    if (key.backspace || key.delete) return { type: 'filter.backspace' };
    if (text !== '' && !key.ctrl && !key.meta && !key.tab) return { type: 'filter.type', text };
    return null;
  }
  if (text === '/') return { type: 'filter.start' };
  if (text === 'c') return { type: 'collapse.toggle' };
  return null;
}

export function lagTableReducer(state: LagTableState, action: LagTableAction): LagTableState {
  switch (action.type) {
    case 'scroll':
      return { ...state, offset: Math.max(0, Math.min(action.maxOffset, state.offset + action.by)) };
    case 'home':
      return { ...state, offset: 0 };
    case 'end':
      return { ...state, offset: Math.max(0, action.maxOffset) };
    case 'filter.start':
      return { ...state, filtering: true };
    case 'filter.type':
      return { ...state, filter: state.filter + action.text, offset: 0 };
    case 'filter.backspace':
      return { ...state, filter: state.filter.slice(0, -1), offset: 0 };
    case 'filter.done':
      return { ...state, filtering: false };
    case 'clear':
      return { ...state, filter: '', filtering: false, offset: 0 };
    case 'collapse.toggle':
      return { ...state, collapsed: !state.collapsed, offset: 0 };
    case 'key': {
      // Several characters in one read (fast typing, a paste): one key each, so `c/pay` collapses, then filters.
      const chars = [...action.text];
      if (chars.length > 1 && !action.key.ctrl && !action.key.meta) {
        return chars.reduce((next, text) => lagTableReducer(next, { ...action, text }), state);
      }
      const mapped = keyAction(state, action.text, action.key, action.maxOffset, action.page);
      return mapped === null ? state : lagTableReducer(state, mapped);
    }
  }
}

export interface LagTableRow {
  readonly key: string;
  readonly topic: string;
  /** The partition, or null on a per-topic summary row. */
  readonly partition: number | null;
  /** 1 for a partition row; the topic's partition count on a summary row. */
  readonly partitions: number;
  readonly copied: number;
  readonly sourceEnd: number;
  readonly lag: number;
  readonly rate: number | null;
  readonly state: PartitionRowState;
}

export interface LagTableView {
  readonly rows: readonly LagTableRow[];
  /** 0-based index of the first visible row in the filtered list. */
  readonly start: number;
  /** Rows after filtering (and collapsing). */
  readonly total: number;
  readonly maxOffset: number;
  /** The largest lag in the whole list (its first row: the list is sorted worst first), for the bars. */
  readonly maxLag: number;
}

const STATE_RANK: Readonly<Record<PartitionRowState, number>> = { waiting: 0, copying: 1, 'caught-up': 2 };

/** Worst lag first; then topic, then partition, so the order is stable. */
export function compareRows(a: LagTableRow, b: LagTableRow): number {
  return b.lag - a.lag || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) || (a.partition ?? -1) - (b.partition ?? -1);
}

export function partitionRows(rows: readonly PartitionRow[]): LagTableRow[] {
  return rows.map((row) => ({ ...row, key: `${row.topic}\u0000${row.partition}`, partitions: 1 }));
}

/** One row per topic: sums, the summed rate (null when any is unknown), the worst state. */
export function topicRows(rows: readonly PartitionRow[]): LagTableRow[] {
  const byTopic = new Map<string, LagTableRow>();
  for (const row of rows) {
    const seen = byTopic.get(row.topic);
    if (seen === undefined) {
      byTopic.set(row.topic, { ...row, key: row.topic, partition: null, partitions: 1 });
      continue;
    }
    byTopic.set(row.topic, {
      ...seen,
      partitions: seen.partitions + 1,
      copied: seen.copied + row.copied,
      sourceEnd: seen.sourceEnd + row.sourceEnd,
      lag: seen.lag + row.lag,
      rate: seen.rate === null || row.rate === null ? null : seen.rate + row.rate,
      state: STATE_RANK[row.state] < STATE_RANK[seen.state] ? row.state : seen.state,
    });
  }
  return [...byTopic.values()];
}

/** The sorted, filtered (and collapsed) list; compute once per rows/filter/collapse change. */
export function lagTableRows(rows: readonly PartitionRow[], filter: string, collapsed: boolean): LagTableRow[] {
  const needle = filter.toLowerCase();
  const kept = needle === '' ? rows : rows.filter((row) => row.topic.toLowerCase().includes(needle));
  return (collapsed ? topicRows(kept) : partitionRows(kept)).sort(compareRows);
}

/** The visible window of `all` for `offset` and `pageSize` (offset clamped). */
export function lagTableWindow(all: readonly LagTableRow[], offset: number, pageSize: number): LagTableView {
  const maxOffset = Math.max(0, all.length - pageSize);
  const start = Math.max(0, Math.min(offset, maxOffset));
  return { rows: all.slice(start, start + pageSize), start, total: all.length, maxOffset, maxLag: all[0]?.lag ?? 0 };
}
