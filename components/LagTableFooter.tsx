import { Text } from 'ink';
import { formatCount } from '../source/ui/format.js';
import { tint } from '../source/ui/palette.js';

export interface LagTableFooterProps {
  /** 0-based index of the first visible row. */
  readonly start: number;
  readonly shown: number;
  readonly total: number;
  readonly filter: string;
  readonly filtering: boolean;
  readonly collapsed: boolean;
  readonly width: number;
  readonly color: boolean;
}

/** `rows 1–15 of 10,000 · filter "orders" · ↑↓ PgUp/PgDn Home/End scroll · / filter · c per topic · Esc clear` */
export function LagTableFooter({ start, shown, total, filter, filtering, collapsed, width, color }: LagTableFooterProps) {
  const range = total === 0 ? `rows 0 of 0` : `rows ${formatCount(start + 1)}–${formatCount(start + shown)} of ${formatCount(total)}`;
  const what = collapsed ? ' topics' : '';
  const narrow = width < 80;
  const keys = filtering
    ? 'type a topic · Enter keep · Esc clear'
    : narrow
      ? '↑↓ PgUp/Dn Home/End · / · c · Esc'
      : `↑↓ PgUp/PgDn Home/End scroll · / filter · c ${collapsed ? 'partitions' : 'per topic'} · Esc clear`;
  return (
    <Text wrap="truncate-end">
      <Text bold>{range + what}</Text>
      {filtering || filter !== '' ? (
        <Text color={tint(color, 'accent')}>{` · /${filter}${filtering ? '▌' : ''}`}</Text>
      ) : (
        ''
      )}
      <Text color={tint(color, 'muted')} dimColor={!color}>{` · ${keys}`}</Text>
    </Text>
  );
}
