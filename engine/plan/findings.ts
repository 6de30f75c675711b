/**
 * Plan findings: structured, sorted (blockers first, then by code and subject), and aggregated so a cause that hits
 * thousands of topics is one finding naming a few of them, not thousands.
 */
import type { FindingSeverity, PlanFinding } from './plan-types.js';
import { compareStrings, sortedUnique } from './sorting.js';

const SEVERITY_RANK: Record<FindingSeverity, number> = { blocker: 0, warning: 1, info: 2 };

/** Subjects named in an aggregated finding's detail before `and N more`. */
export const NAMED_SUBJECTS = 5;

export function sortFindings(findings: readonly PlanFinding[]): PlanFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.subject, b.subject) ||
      compareStrings(a.detail, b.detail),
  );
}

/** `a, b, c and 7 more` over the sorted, distinct names. */
export function nameSome(names: Iterable<string>, limit = NAMED_SUBJECTS): string {
  const all = sortedUnique(names);
  const shown = all.slice(0, limit).join(', ');
  return all.length > limit ? `${shown} and ${all.length - limit} more` : shown;
}

/** Collects findings keyed by (code, key); each key accumulates the topics (or groups) it applies to. */
export class FindingCollector {
  private readonly items = new Map<string, { base: Omit<PlanFinding, 'subject' | 'detail'>; what: string; detail: string; names: Set<string>; noun: string }>();
  private readonly single: PlanFinding[] = [];

  add(finding: PlanFinding): void {
    this.single.push(finding);
  }

  /**
   * One finding per (code, what): subject is the one name, or `<n> <noun>`; detail is `<detail> (<names>)`.
   */
  addFor(
    name: string,
    noun: 'topics' | 'groups' | 'partitions',
    finding: { code: string; severity: FindingSeverity; what: string; detail: string; remedy: string },
  ): void {
    const key = `${finding.code}\u0000${finding.what}\u0000${finding.detail}`;
    const item =
      this.items.get(key) ??
      {
        base: { code: finding.code, severity: finding.severity, remedy: finding.remedy },
        what: finding.what,
        detail: finding.detail,
        names: new Set<string>(),
        noun,
      };
    item.names.add(name);
    this.items.set(key, item);
  }

  findings(): PlanFinding[] {
    const aggregated = [...this.items.values()].map((item): PlanFinding => {
      const count = item.names.size;
      const only = count === 1 ? [...item.names][0] : undefined;
      const subject = only ?? `${count} ${item.noun}`;
      const about = item.what === '' ? '' : `${item.what}: `;
      const detail = only === undefined ? `${about}${item.detail} (${nameSome(item.names)})` : `${about}${item.detail}`;
      return { code: item.base.code, severity: item.base.severity, subject, detail, remedy: item.base.remedy };
    });
    return sortFindings([...this.single, ...aggregated]);
  }
}
