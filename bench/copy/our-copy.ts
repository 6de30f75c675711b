/** Our copy of a data set, in the copier child: the seed (log start → boundary) and, optionally, a tail written while it runs. */
import { configVariant } from '../../test/support/config-variant.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE } from '../../test/testbed/paths.js';
import type { TestbedEnv } from '../../test/testbed/testbed-env.js';
import { CopierProcess } from './copier-process.js';
import type { CopiedFigure } from './copier-protocol.js';
import type { DataSet } from './data-set.js';
import type { ToolFigure } from './perf-tools.js';

export interface OurCopy {
  readonly seed: CopiedFigure;
  readonly tail?: CopiedFigure & { readonly catchUpSeconds: number; readonly produced: ToolFigure };
  readonly peakRssBytes: number | undefined;
  readonly partitions: number;
}

export interface TailPlan {
  /** Writes the tail while the copy runs; resolves when the producers are done. */
  write(): Promise<ToolFigure>;
}

/** A bootstrap (PLAINTEXT) config of the bed selecting only the data set's topics, its S3 objects under `s3Prefix`. */
export function benchConfig(set: DataSet, s3Prefix: string): string {
  return configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
    block.topics = { include: [`${set.prefix}.*`], exclude: [] };
    block.groups = { include: [`${set.prefix}-no-groups`], exclude: [] };
    block.backup = { ...block.backup, s3_prefix: s3Prefix };
  });
}

export async function runOurCopy(bed: TestbedEnv, set: DataSet, migrationId: string, s3Prefix: string, tail: TailPlan | undefined, say: (line: string) => void): Promise<OurCopy> {
  const child = new CopierProcess();
  try {
    child.send({ type: 'start', configPath: benchConfig(set, s3Prefix), migrationId, env: { ...bed }, mode: tail === undefined ? 'seed-only' : 'seed-and-tail' });
    const ready = await child.next('ready');
    say(`  copier child (pid ${child.pid}): ${ready.partitions} partitions planned, ${ready.records.toLocaleString('en')} records to the boundary; seeding ...`);
    const seed = await child.next('seed-done');
    let tailFigure: OurCopy['tail'];
    if (tail !== undefined) {
      say(`  seed copied in ${seed.seconds.toFixed(1)} s; writing the tail while the copy runs ...`);
      child.send({ type: 'tail-start', atMs: Date.now() });
      const produced = await tail.write();
      child.send({ type: 'tail-produced', atMs: Date.now() });
      const done = await child.next('tail-done');
      tailFigure = { records: done.records, bytes: done.bytes, seconds: done.seconds, catchUpSeconds: done.catchUpSeconds, produced };
    }
    await child.next('done');
    const peakRssBytes = child.peakRss();
    return { seed: { records: seed.records, bytes: seed.bytes, seconds: seed.seconds }, ...(tailFigure === undefined ? {} : { tail: tailFigure }), peakRssBytes, partitions: ready.partitions };
  } finally {
    await child.exit();
  }
}

