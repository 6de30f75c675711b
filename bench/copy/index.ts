/**
 * `npm run bench -- copy`: the copy throughput of the engine's default DataCopier (seed and tail, peak RSS of its own
 * process) against baselines measured in the same run on the test bed: Kafka's own ProducerPerformance and
 * ConsumerPerformance (the ceiling of the brokers) and MirrorMaker 2 in dedicated mode copying the same data. Then a
 * memory run over 1,000 partitions. Figures are ratios against the issue's targets, never a pass or a failure.
 * Needs the bed up (`npm run testbed -- up`); starts and stops nothing of it; deletes every topic it made.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { generateMigrationId } from '../../engine/plan/migration-id.js';
import { deletePrefix } from '../../test/support/s3-prefix.js';
import { isFullyRunning, partStatuses } from '../../test/testbed/status.js';
import { loadTestbedEnv, type TestbedEnv } from '../../test/testbed/testbed-env.js';
import type { Bench } from '../registry.js';
import { connectClusters, createTopics, deleteGroupsContaining, deleteTopics, type Clusters } from './clusters.js';
import { planDataSet, totalRecords, writeTopics, type DataSet } from './data-set.js';
import { cleanUpMm2, runMm2, type Mm2Spec } from './mm2.js';
import { ensureMm2Libs } from './mm2-libs.js';
import { COPY_BENCH_USAGE, CopyBenchUsageError, parseCopyBenchArgs, type CopyBenchOptions } from './options.js';
import { runBaseline, runOurCopy } from './our-copy.js';
import { stopAll } from './processes.js';
import { mib } from '../measure.js';
import { consumerPerformance, sumFigures } from './perf-tools.js';
import { ceilingOf, renderReport, reportJson, throughputRatio, type FigureRow, type RatioLine } from './report.js';
import { formatSize } from '../../engine/config/sizes.js';

const say = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const MiB = 1024 * 1024;

function bedOrExit(): TestbedEnv | undefined {
  const statuses = partStatuses();
  if (!isFullyRunning(statuses)) {
    const down = statuses.filter((s) => s.state === 'stopped').map((s) => s.name);
    console.error(`copy bench: the test bed is not up (${down.join(', ')} not running). Start it with \`npm run testbed -- up\`, then run the bench again.`);
    return undefined;
  }
  return loadTestbedEnv();
}

interface Run {
  readonly id: string;
  readonly bed: TestbedEnv;
  readonly clusters: Clusters;
  readonly workDir: string;
  readonly topics: Set<string>;
  readonly s3Prefixes: string[];
  readonly migrationIds: string[];
  readonly mm2: Mm2Spec[];
  heartbeatsExisted: boolean;
}

async function createDataSetTopics(run: Run, set: DataSet): Promise<void> {
  set.topics.forEach((t) => run.topics.add(t.name));
  await createTopics(run.clusters.source, set.topics);
  await createTopics(run.clusters.target, set.topics);
}

/** A new migration id, remembered so the copier's throwaway source group (named with it) is deleted at the end. */
function migrationId(run: Run): string {
  const id = generateMigrationId(new Date(), Math.random);
  run.migrationIds.push(id);
  return id;
}

async function mainRun(run: Run, options: CopyBenchOptions, rows: FigureRow[], ratios: RatioLine[], notes: string[]): Promise<void> {
  const set = planDataSet(`${run.id}`, options.sizeBytes, options.partitions, options.recordBytes);
  const names = set.topics.map((t) => t.name);
  await createDataSetTopics(run, set);
  say(`writing the data set (${formatSize(options.sizeBytes)}, ${options.partitions} partitions, ${set.topics.map((t) => t.codec).join('/')}) with ProducerPerformance ...`);
  const produced = await writeTopics(run.bed, set, say);
  const producerRow: FigureRow = { name: 'producer-perf (Kafka ProducerPerformance)', ...produced, note: `${set.topics.length} producers side by side, acks=all, batch.size=${set.batchBytes}, linger.ms=10` };
  say('reading it back with ConsumerPerformance ...');
  const consumed = [];
  for (const topic of set.topics) {
    consumed.push(await consumerPerformance({ libsDir: run.bed.KAFKA_SOURCE_LIBS, bootstrap: run.bed.SOURCE_BOOTSTRAP, topic: topic.name, records: topic.records, group: `${run.id}-perf-${topic.codec}` }));
  }
  const consumerRow: FigureRow = { name: 'consumer-perf (Kafka ConsumerPerformance)', ...sumFigures(consumed), note: 'one topic after another; fetch time (without group join)' };
  const ceiling = ceilingOf(producerRow, consumerRow);
  rows.push(producerRow, consumerRow, ceiling);

  const tailRate = options.tailRate ?? Math.max(100, Math.round(produced.records / produced.seconds / 2));
  const tailRecords = Math.max(set.topics.length, Math.round(totalRecords(set) / 4));
  say(`copying it with the engine's default copier (child process) ...`);
  const s3Prefix = `bench-copy/${run.id}`;
  run.s3Prefixes.push(s3Prefix);
  const ours = await runOurCopy({ bed: run.bed, set, migrationId: migrationId(run), s3Prefix, say }, () => writeTopics(run.bed, set, say, { records: tailRecords, rate: tailRate }));
  const seedRow: FigureRow = { name: 'our seed (log start → boundary)', ...ours.seed, peakRssBytes: ours.peakRssBytes, note: `${ours.copyRun}; peak RSS: the copier process, seed and tail` };
  rows.push(seedRow);
  if (ours.tail !== undefined) {
    const producedRate = Math.round(ours.tail.produced.records / Math.max(ours.tail.produced.seconds, 1e-9));
    rows.push({
      name: 'our tail (written while copying)',
      records: ours.tail.records,
      bytes: ours.tail.bytes,
      seconds: ours.tail.seconds,
      note: `written at ${producedRate.toLocaleString('en')} rec/s (fixed); copied ${ours.tail.catchUpSeconds.toFixed(1)} s after the last was written`,
    });
  }

  let mm2Row: FigureRow | undefined;
  if (!options.skipMm2) {
    const libs = await ensureMm2Libs(say);
    say('MirrorMaker 2: emptying the target topics and copying the same data (seed + tail) ...');
    await deleteTopics(run.clusters.target, names);
    await createTopics(run.clusters.target, set.topics);
    const expected = (await Promise.all(names.map((n) => run.clusters.source.fetchTopicOffsets(n)))).flat().reduce((sum, row) => sum + Number(row.high), 0);
    const suffix = run.id.replace(/[^a-z0-9]/g, '');
    const spec: Mm2Spec = { sourceAlias: `src${suffix}`, targetAlias: `tgt${suffix}`, sourceBootstrap: run.bed.SOURCE_BOOTSTRAP, targetBootstrap: run.bed.TARGET_BOOTSTRAP, topicPrefix: set.prefix, tasks: 4 };
    run.heartbeatsExisted = (await run.clusters.target.listTopics()).includes('heartbeats');
    run.mm2.push(spec);
    const mm2 = await runMm2(libs, spec, run.workDir, run.clusters.target, names, expected, 30 * 60_000);
    mm2Row = {
      name: `MirrorMaker 2 ${libs.kafkaVersion} (dedicated, tasks.max=${spec.tasks})`,
      records: mm2.records,
      bytes: mm2.records * options.recordBytes,
      seconds: mm2.seconds,
      peakRssBytes: mm2.peakRssBytes,
      note: `first to last record on the target; ${mm2.wallSeconds.toFixed(1)} s from JVM launch`,
    };
    rows.push(mm2Row);
    notes.push(`MM2 copied seed + tail (${mm2.records.toLocaleString('en')} records) in one go; its MB/s is payload bytes per second from its first record on the target to the last (start-up not counted, in its favour). Log: ${mm2.logFile}`);
  }
  ratios.push({ name: 'our seed / MirrorMaker 2 (MB/s)', value: throughputRatio(seedRow, mm2Row), target: 2, better: 'higher', unit: 'x' });
  ratios.push({ name: 'our seed / ceiling (MB/s)', value: throughputRatio(seedRow, ceiling), target: 0.8, better: 'higher', unit: 'x' });
}

async function memoryRun(run: Run, options: CopyBenchOptions, rows: FigureRow[], ratios: RatioLine[]): Promise<void> {
  const set = planDataSet(`${run.id}-rss`, options.rssSizeBytes, options.rssPartitions, options.recordBytes);
  await createDataSetTopics(run, set);
  say(`memory run: writing ${formatSize(options.rssSizeBytes)} over ${options.rssPartitions} partitions ...`);
  await writeTopics(run.bed, set, say);
  const s3Prefix = `bench-copy/${run.id}-rss`;
  run.s3Prefixes.push(s3Prefix);
  const input = { bed: run.bed, set, migrationId: migrationId(run), s3Prefix, say };
  say('  baseline: the same child discovering and planning without copying ...');
  const baseline = await runBaseline(input);
  const ours = await runOurCopy(input);
  rows.push({ name: 'RSS baseline: child plans, copies nothing', records: 0, bytes: 0, seconds: 0, peakRssBytes: baseline, note: 'Node + tsx + engine modules + discovery of the same topics' });
  rows.push({ name: `our seed, memory run (${ours.partitions} partitions)`, ...ours.seed, peakRssBytes: ours.peakRssBytes, note: `${ours.copyRun}; peak RSS: VmHWM of the copier process${baseline === undefined || ours.peakRssBytes === undefined ? '' : `; ${mib(ours.peakRssBytes - baseline)} above the baseline`}` });
  ratios.push({ name: `peak RSS at ${ours.partitions} partitions${ours.partitions === 1000 ? '' : ' (the target is for 1000)'}`, value: ours.peakRssBytes === undefined ? undefined : ours.peakRssBytes / MiB, target: 300, better: 'lower', unit: 'MiB' });
}

async function cleanUp(run: Run): Promise<void> {
  say('cleaning up: the bench topics on both clusters, its groups, its S3 objects ...');
  const topics = [...run.topics];
  const s3 = new S3Client({ region: run.bed.AWS_REGION, endpoint: run.bed.S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: run.bed.AWS_ACCESS_KEY_ID, secretAccessKey: run.bed.AWS_SECRET_ACCESS_KEY } });
  // One step after the other: kafkajs fails a deletion when another one on the same cluster changes its metadata.
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['deleting the bench topics on the source', () => deleteTopics(run.clusters.source, topics)],
    ['deleting the bench topics on the target', () => deleteTopics(run.clusters.target, topics)],
    ['deleting the bench groups on the source', () => deleteGroupsContaining(run.clusters.source, run.id)],
    ...run.migrationIds.map((id): [string, () => Promise<unknown>] => [`deleting the copier's groups of ${id}`, () => deleteGroupsContaining(run.clusters.source, id)]),
    ...run.mm2.map((spec): [string, () => Promise<unknown>] => ['deleting MirrorMaker 2\'s internal topics and groups', () => cleanUpMm2([run.clusters.source, run.clusters.target], spec, run.heartbeatsExisted, run.clusters.target)]),
    ...run.s3Prefixes.map((prefix): [string, () => Promise<unknown>] => [`deleting s3://${run.bed.BACKUP_BUCKET}/${prefix}/`, () => deletePrefix(s3, run.bed.BACKUP_BUCKET, prefix)]),
  ];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      say(`clean-up: ${what} failed: ${error instanceof Error ? error.message : String(error)}; delete it by hand`);
    }
  }
}

/** The commit the engine was at, and whether engine/ had changes on top (the copier measured is the working tree's). */
function engineVersion(): string {
  try {
    const commit = execFileSync('git', ['log', '-1', '--format=%h %cI', '--', 'engine'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine'], { encoding: 'utf8' }).trim() !== '';
    return `engine at ${commit}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'engine version unknown (no git)';
  }
}

function machine(engine: string): string {
  const [one, five] = loadavg();
  return `${engine}; machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load average ${one?.toFixed(2)} / ${five?.toFixed(2)} (1 / 5 min) at the end`;
}

export const copyBench: Bench = {
  description: 'copy throughput (seed, tail, peak RSS) vs Kafka perf tools and MirrorMaker 2 on the test bed',
  async run(args) {
    let options: CopyBenchOptions;
    try {
      options = parseCopyBenchArgs(args);
    } catch (error) {
      if (!(error instanceof CopyBenchUsageError)) throw error;
      console.error(`copy bench: ${error.message}\n\n${COPY_BENCH_USAGE}`);
      process.exitCode = 2;
      return;
    }
    const bed = bedOrExit();
    if (bed === undefined) {
      process.exitCode = 2;
      return;
    }
    const run: Run = {
      id: `bench-copy-${randomBytes(3).toString('hex')}`,
      bed,
      clusters: await connectClusters(bed.SOURCE_BOOTSTRAP, bed.TARGET_BOOTSTRAP),
      workDir: mkdtempSync(join(tmpdir(), 'kb-bench-copy-')),
      topics: new Set(),
      s3Prefixes: [],
      migrationIds: [],
      mm2: [],
      heartbeatsExisted: true,
    };
    const rows: FigureRow[] = [];
    const ratios: RatioLine[] = [];
    const notes: string[] = [];
    const loadAtStart = loadavg()[0] ?? 0;
    const engine = engineVersion(); // at the start: the children load the engine as it is now
    say(`copy bench ${run.id}: work files in ${run.workDir}`);
    // Ctrl-C: the tools and the copier child get the signal too; delete what the run made, then stop.
    const interrupted = () => {
      say('interrupted: stopping the tools, MirrorMaker 2 and the copier child');
      void stopAll()
        .then(() => cleanUp(run))
        .finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    try {
      if (!options.rssOnly) await mainRun(run, options, rows, ratios, notes);
      if (options.rssPartitions > 0) await memoryRun(run, options, rows, ratios);
    } finally {
      process.off('SIGINT', interrupted);
      await cleanUp(run);
      await run.clusters.close();
    }
    const load = Math.max(loadAtStart, loadavg()[0] ?? 0);
    if (load > cpus().length * 0.75) notes.push(`The load average reached ${load.toFixed(2)} on ${cpus().length} cores: figures are from a shared machine (other processes competed for the CPU).`);
    if (!options.rssOnly && options.sizeBytes < 2 * 1024 ** 3) notes.push('The issue measures 2 GiB over 64 partitions: npm run bench -- copy --size 2GiB');
    notes.push('MB/s = payload (record value) MiB per second, as Kafka\'s perf tools count it; the ceiling is the slower of the producer and the consumer.');
    const report = {
      machine: machine(engine),
      dataSet: options.rssOnly ? `memory run only, ${formatSize(options.rssSizeBytes)} over ${options.rssPartitions} partitions` : `${formatSize(options.sizeBytes)} over ${options.partitions} partitions, ${options.recordBytes} B records, snappy/lz4/zstd/gzip`,
      rows,
      ratios,
      notes,
    };
    console.log(options.json ? JSON.stringify(reportJson(report), null, 2) : renderReport(report));
  },
};
