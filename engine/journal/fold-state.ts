/** The migration's current state, as the journal's entries say: the last transition, and what it needs to know. */
import { POINT_OF_NO_RETURN } from '../state/point-of-no-return.js';
import type { StateContext } from '../state/machine.js';
import type { MigrationState } from '../state/states.js';
import type { JournalEntry } from './entry-types.js';

export interface JournalStateInfo {
  readonly state: MigrationState;
  /** When it entered this state (the transition's `at`, or the creation time for planned). */
  readonly since: string;
  /** The entry that put it in this state. */
  readonly sinceSeq: number;
  /** In `failed`: the state it failed in, and why. */
  readonly failedFrom?: MigrationState | undefined;
  readonly failureReason?: string | undefined;
  /** The cutover journaled the point of no return (offsets are, or may be, committed on the target). */
  readonly pastPointOfNoReturn: boolean;
  /** What `assertTransition` / `assertCommandAllowed` need besides the state. */
  readonly context: StateContext;
}

export function foldState(entries: readonly JournalEntry[]): JournalStateInfo {
  const first = entries[0];
  let state: MigrationState = 'planned';
  let since = first?.at ?? '';
  let sinceSeq = first?.seq ?? 0;
  let failedFrom: MigrationState | undefined;
  let failureReason: string | undefined;
  let crossed = false;
  for (const entry of entries) {
    if (entry.kind === 'checkpoint' && entry.name === POINT_OF_NO_RETURN.checkpoint) crossed = true;
    if (entry.kind !== 'state.transition') continue;
    state = entry.to;
    since = entry.at;
    sinceSeq = entry.seq;
    if (entry.to === 'failed') {
      failedFrom = entry.from;
      failureReason = entry.reason;
    } else {
      failedFrom = undefined;
      failureReason = undefined;
    }
  }
  const pastPointOfNoReturn = crossed || state === 'awaiting_client_switch' || state === 'validating' || state === 'finalized';
  return {
    state,
    since,
    sinceSeq,
    failedFrom,
    failureReason,
    pastPointOfNoReturn,
    context: { failedFrom, pastPointOfNoReturn },
  };
}
