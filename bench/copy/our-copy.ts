/**
 * Our copy of a data set, in the copier child: the seed (log start → boundary) and, optionally, a tail written while
 * it runs; and the RSS baseline: the same child discovering, planning and reading offsets without copying.
 */
import { configVariant } from '../../test/support/config-variant.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE } from '../../test/testbed/paths.js';
import type { TestbedEnv } from '../../test/testbed/testbed-env.js';
import { CopierProcess } from './copier-process.js';
import type { CopiedFigure, StartMessage } from './copier-protocol.js';
import type { DataSet } from './data-set.js';
import type { ToolFigure } from './perf-tools.js';

export interface OurCopy {
  readonly seed: CopiedFigure;
  /** Seconds: from the tail producers' first record (their own clock) to the copy catching up with the last. */
  readonly tail?: CopiedFigure & { readonly catchUpSeconds: number; readonly produced: ToolFigure };
  readonly peakRssBytes: number | undefined;
  readonly partitions: number;
  /** The class of the CopyRun the default copier returned, e.g. SegmentCopyRunImpl. */
  readonly copyRun: string;
}

/** A bootstrap (PLAINTEXT) config of the bed selecting only the data set's topics, its S3 objects under `s3Prefix`. */
export function benchConfig(set: DataSet, s3Prefix: string): string {
  return configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
    block.topics = { include: [`${set.prefix}.*`], exclude: [] };
    block.groups = { include: [`${set.prefix}-no-groups`], exclude: [] };
    block.backup = { ...block.backup, s3_prefix: s3Prefix };
  });
}

export interface OurCopyInput {
  readonly bed: TestbedEnv;
  readonly set: DataSet;
  readonly migrationId: string;
  readonly s3Prefix: string;
  readonly say: (line: string) => void;
}

function startChild(input: OurCopyInput, mode: StartMessage['mode']): CopierProcess {
  const child = new CopierProcess();
  child.send({ type: 'start', configPath: benchConfig(input.set, input.s3Prefix), migrationId: input.migrationId, env: { ...input.bed }, mode });
  return child;
}

/** Copies the seed; with `writeTail`, then writes the tail while the copy runs and waits until it is copied too. */
export async function runOurCopy(input: OurCopyInput, writeTail?: () => Promise<ToolFigure>): Promise<OurCopy> {
  const child = startChild(input, writeTail === undefined ? 'seed-only' : 'seed-and-tail');
  try {
    const ready = await child.next('ready');
    input.say(`  copier child (pid ${child.pid}): ${ready.partitions} partitions planned, ${ready.records.toLocaleString('en')} records to the boundary; seeding ...`);
    const seed = await child.next('seed-done');
    let tail: OurCopy['tail'];
    if (writeTail !== undefined) {
      input.say(`  seed copied in ${seed.seconds.toFixed(1)} s; writing the tail while the copy runs ...`);
      const produced = await writeTail();
      child.send({ type: 'tail-produced', atMs: Date.now() });
      const done = await child.next('tail-done');
      tail = { records: done.records, bytes: done.bytes, seconds: produced.seconds + done.catchUpSeconds, catchUpSeconds: done.catchUpSeconds, produced };
    }
    await child.next('done');
    return { seed: { records: seed.records, bytes: seed.bytes, seconds: seed.seconds }, ...(tail === undefined ? {} : { tail }), peakRssBytes: child.peakRss(), partitions: ready.partitions, copyRun: seed.copyRun };
  } finally {
    await child.exit();
  }
}

/** Peak RSS of the same child that discovers, plans and reads the offsets but copies nothing. */
export async function runBaseline(input: OurCopyInput): Promise<number | undefined> {
  const child = startChild(input, 'plan-only');
  try {
    await child.next('ready');
    await child.next('done');
    return child.peakRss();
  } finally {
    await child.exit();
  }
}
