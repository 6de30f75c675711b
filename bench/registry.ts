/** Benchmarks by name: `npm run bench -- <name>`. Add new ones here. */
import { copyBench } from './copy/index.js';
import { planBench } from './plan.js';

export interface Bench {
  readonly description: string;
  run(args: readonly string[]): Promise<void> | void;
}

export const BENCHES: Readonly<Record<string, Bench>> = {
  plan: planBench,
  copy: copyBench,
};
