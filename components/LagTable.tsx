import { Box, Text } from 'ink';
import type { PartitionRow, PartitionRowState } from '../source/ui/dashboard-state.js';
import { fit } from '../source/ui/format.js';
import { lagCells, lagColumns, lagHeader } from '../source/ui/lag-columns.js';
import { tint, type Tone } from '../source/ui/palette.js';
import { LagTableFooter } from './LagTableFooter.js';
import { useLagTable } from './use-lag-table.js';

export interface LagTableProps {
  readonly rows: readonly PartitionRow[];
  /** Rows shown at once (the table is this many lines plus header and footer). */
  readonly pageSize: number;
  readonly width: number;
  readonly color: boolean;
  /** Listen to the keyboard. */
  readonly isActive?: boolean;
}

const STATE_TONE: Readonly<Record<PartitionRowState, Tone>> = { copying: 'accent', waiting: 'warn', 'caught-up': 'ok' };

/** Per-partition lag, worst first, scrollable and filterable; renders only the visible window. */
export function LagTable({ rows, pageSize, width, color, isActive }: LagTableProps) {
  const table = useLagTable(rows, { pageSize, isActive: isActive ?? true });
  const columns = lagColumns(width);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {lagHeader(columns)}
      </Text>
      {table.total === 0 ? (
        <Text color={tint(color, 'muted')} wrap="truncate-end">
          {rows.length === 0 ? 'no copy progress yet' : `no topic matches "${table.input.filter}"`}
        </Text>
      ) : null}
      {table.rows.map((row) => (
        <Text key={row.key} wrap="truncate-end">
          {lagCells(row, columns, table.maxLag)}
          <Text color={tint(color, STATE_TONE[row.state])}>{fit(row.state, columns.state)}</Text>
        </Text>
      ))}
      <LagTableFooter
        start={table.start}
        shown={table.rows.length}
        total={table.total}
        filter={table.input.filter}
        filtering={table.input.filtering}
        collapsed={table.input.collapsed}
        width={width}
        color={color}
      />
    </Box>
  );
}
