/**
 * The lag table's input: ↑/↓ one row, PgUp/PgDn a page, Home/End, `/` then text filters by topic (Enter keeps it,
 * Esc clears it), `c` collapses to one row per topic. The logic is `lagTableReducer` (`keyAction` maps a key against
 * the state current when it is applied, so fast typing never reads a stale frame); this hook wires keys to it.
 */
import { useInput } from 'ink';
import { useMemo, useReducer } from 'react';
import type { PartitionRow } from '../source/ui/dashboard-state.js';
import { initialLagTableState, lagTableReducer, lagTableRows, lagTableWindow, type LagTableState, type LagTableView } from '../source/ui/lag-table-model.js';

export interface UseLagTableOptions {
  /** Rows shown at once. */
  readonly pageSize: number;
  /** Listen to the keyboard (false when stdin is not a TTY). */
  readonly isActive?: boolean;
}

export interface LagTableModel extends LagTableView {
  readonly input: LagTableState;
}

export function useLagTable(rows: readonly PartitionRow[], options: UseLagTableOptions): LagTableModel {
  const [input, dispatch] = useReducer(lagTableReducer, initialLagTableState);
  const all = useMemo(() => lagTableRows(rows, input.filter, input.collapsed), [rows, input.filter, input.collapsed]);
  const view = lagTableWindow(all, input.offset, options.pageSize);
  const page = Math.max(1, options.pageSize);

  useInput((text, key) => dispatch({ type: 'key', text, key, maxOffset: view.maxOffset, page }), { isActive: options.isActive ?? true });

  return { ...view, input };
}
