/** `plan.json`: the plan as built (its key order is fixed by `buildPlan`), 2-space indent, trailing newline. */
import type { MigrationPlan } from './plan-types.js';

export function renderPlanJson(plan: MigrationPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
