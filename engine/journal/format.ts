/** Journal lines for people: `2026-04-25T06:26:19.079610Z tail -> drain_ready drain ready: max_partition_lag=0 ...`. */
import type { StateTransitionEntry } from './entry-types.js';

/** `<at> <from> -> <to>`, then ` <detail>` when the transition has one. */
export function formatTransitionLine(entry: Pick<StateTransitionEntry, 'at' | 'from' | 'to' | 'detail'>): string {
  const detail = entry.detail === undefined || entry.detail === '' ? '' : ` ${entry.detail}`;
  return `${entry.at} ${entry.from} -> ${entry.to}${detail}`;
}
