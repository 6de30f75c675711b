/**
 * The lag table's input: ↑/↓ one row, PgUp/PgDn a page, Home/End, `/` then text filters by topic (Enter keeps it,
 * Esc clears it), `c` collapses to one row per topic. The logic is `lagTableReducer`; this hook wires keys to it.
 */
import { useInput } from 'ink';
import { useMemo, useReducer } from 'react';
import type { PartitionRow } from '../source/ui/dashboard-state.js';
import {
  initialLagTableState,
  lagTableReducer,
  lagTableRows,
  lagTableWindow,
  type LagTableState,
  type LagTableView,
} from '../source/ui/lag-table-model.js';

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

  useInput(
    (text, key) => {
      const { maxOffset } = view;
      if (key.upArrow) return dispatch({ type: 'scroll', by: -1, maxOffset });
      if (key.downArrow) return dispatch({ type: 'scroll', by: 1, maxOffset });
      if (key.pageUp) return dispatch({ type: 'scroll', by: -page, maxOffset });
      if (key.pageDown) return dispatch({ type: 'scroll', by: page, maxOffset });
      if (key.home) return dispatch({ type: 'home' });
      if (key.end) return dispatch({ type: 'end', maxOffset });
      if (key.escape) return dispatch({ type: 'clear' });
      if (input.filtering) {
        if (key.return) return dispatch({ type: 'filter.done' });
        if (key.backspace || key.delete) return dispatch({ type: 'filter.backspace' });
        if (text !== '' && !key.ctrl && !key.meta && !key.tab) return dispatch({ type: 'filter.type', text });
        return undefined;
      }
      if (text === '/') return dispatch({ type: 'filter.start' });
      if (text === 'c') return dispatch({ type: 'collapse.toggle' });
      return undefined;
    },
    { isActive: options.isActive ?? true },
  );

  return { ...view, input };
}
