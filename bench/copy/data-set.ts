/** The generated data set: one topic per codec under a run-unique prefix, written by ProducerPerformance. */
import type { TestbedEnv } from '../../test/testbed/testbed-env.js';
import type { BenchTopic } from './clusters.js';
import { spreadPartitions, type Codec } from './options.js';
import { producerPerformance, sumFigures, type ToolFigure } from './perf-tools.js';

export interface DataSet {
  /** Topic names start with `<prefix>.`. */
  readonly prefix: string;
  readonly topics: ReadonlyArray<BenchTopic & { readonly codec: Codec; readonly records: number }>;
  readonly recordBytes: number;
  /** ProducerPerformance batch.size: about an eighth of a partition's share, so every partition gets records. */
  readonly batchBytes: number;
}

export function planDataSet(prefix: string, sizeBytes: number, partitions: number, recordBytes: number): DataSet {
  const spread = spreadPartitions(partitions);
  const records = Math.max(1, Math.round(sizeBytes / recordBytes));
  const topics = spread.map(({ codec, partitions: count }) => ({
    name: `${prefix}.${codec}`,
    codec,
    partitions: count,
    // Records in proportion to partitions, so every partition holds about the same.
    records: Math.max(1, Math.round((records * count) / partitions)),
  }));
  const batchBytes = Math.min(256 * 1024, Math.max(4 * 1024, Math.round(sizeBytes / partitions / 8)));
  return { prefix, topics, recordBytes, batchBytes };
}

export const totalRecords = (set: DataSet): number => set.topics.reduce((sum, t) => sum + t.records, 0);

/**
 * Writes every topic of the set at the same time, one ProducerPerformance each (`records` and `rate` in all, split
 * evenly; by default each topic's planned records as fast as they go). The producers run side by side, so the time is
 * the slowest one's (each tool's own clock, JVM start-up excluded): the producer ceiling with as many producers as the
 * copier has partitions in flight.
 */
export async function writeTopics(bed: TestbedEnv, set: DataSet, say: (line: string) => void, load?: { readonly records: number; readonly rate: number }): Promise<ToolFigure> {
  const share = (n: number) => Math.max(1, Math.round(n / set.topics.length));
  const figures = await Promise.all(
    set.topics.map((topic) => {
      const records = load === undefined ? topic.records : share(load.records);
      say(`  ProducerPerformance: ${records.toLocaleString('en')} records of ${set.recordBytes} B, ${topic.codec}, into ${topic.name} (${topic.partitions} partitions)${load === undefined ? '' : ` at ${share(load.rate)} records/s`}`);
      return producerPerformance({
        libsDir: bed.KAFKA_SOURCE_LIBS,
        bootstrap: bed.SOURCE_BOOTSTRAP,
        topic: topic.name,
        codec: topic.codec,
        records,
        recordBytes: set.recordBytes,
        throughput: load === undefined ? -1 : share(load.rate),
        batchBytes: set.batchBytes,
      });
    }),
  );
  return { ...sumFigures(figures), seconds: Math.max(...figures.map((f) => f.seconds)) };
}
