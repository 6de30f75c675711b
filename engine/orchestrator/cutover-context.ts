/** What every cutover step shares: the migration run, the two clusters, the freezer, the events, and where it is. */
import type { CutoverClusterPorts } from '../cutover/cluster-ports.js';
import type { Freezer } from '../cutover/freezer.js';
import type { MigrationRun } from './run-context.js';
import type { CutoverListener, CutoverStepName } from './events.js';

export interface CutoverContext {
  readonly run: MigrationRun;
  readonly clusters: CutoverClusterPorts;
  readonly freezer: Freezer;
  readonly emit: CutoverListener;
  /** The step running now (named by a failure). */
  step: CutoverStepName;
  /** Set once a freeze was asked for: from then on every exit releases the producers. */
  freezeAsked: boolean;
  /** Set once the producers were released (or the operator told to). */
  released: boolean;
}

/** Runs one step: `cutover.step` started, then done with its detail (a failure is reported by the caller). */
export async function step<T>(ctx: CutoverContext, name: CutoverStepName, work: () => Promise<T>, detail?: (result: T) => string): Promise<T> {
  ctx.step = name;
  ctx.emit({ type: 'cutover.step', step: name, status: 'started' });
  const result = await work();
  ctx.emit({ type: 'cutover.step', step: name, status: 'done', detail: detail?.(result) });
  return result;
}
