/**
 * How the runner's IAM policy names topics and groups: each name while there are few; past `max`, one `prefix*`
 * pattern per leading name segment (up to and including the first `.`, `-` or `_`); past `max` patterns, `*`.
 * Patterns are broader than the selection (they also match names that were not selected); the reason says so.
 */
import type { ResourceSelection } from './plan-types.js';
import { sortedUnique } from './sorting.js';

const SEPARATOR = /[._-]/;

export type SelectionStrategy = ResourceSelection['strategy'];

export function selectResources(
  names: readonly string[],
  kind: 'topics' | 'groups',
  max: number,
  floor: SelectionStrategy = 'listed',
): ResourceSelection {
  const unique = sortedUnique(names);
  if (unique.length === 0) {
    return { strategy: 'none', patterns: [], reason: `no ${kind} selected: no ${kind} statements` };
  }
  if (floor === 'listed' && unique.length <= max) {
    return { strategy: 'listed', patterns: unique, reason: `${unique.length} ${kind}, each named (at most ${max} are listed)` };
  }
  if (floor !== 'all') {
    const patterns = sortedUnique(unique.map(prefixPattern));
    if (patterns.length <= max) {
      return {
        strategy: 'prefixes',
        patterns,
        reason:
          `${unique.length} ${kind}: one pattern per leading name segment; ` +
          `the patterns also match ${kind} with those prefixes that were not selected`,
      };
    }
  }
  return {
    strategy: 'all',
    patterns: ['*'],
    reason: `${unique.length} ${kind} with too many distinct prefixes to list within IAM's policy size: every ${kind.slice(0, -1)} on the cluster`,
  };
}

/** `orders.created` → `orders.*`; a name without a separator (past its first character) stays itself. */
export function prefixPattern(name: string): string {
  const match = SEPARATOR.exec(name.slice(1));
  return match === null ? name : `${name.slice(0, match.index + 2)}*`;
}
