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

/** Writes the data set topic after topic (the figures add up to the producer ceiling). */
export async function writeDataSet(bed: TestbedEnv, set: DataSet, say: (line: string) => void): Promise<ToolFigure> {
  const figures: ToolFigure[] = [];
  for (const topic of set.topics) {
    say(`  ProducerPerformance: ${topic.records.toLocaleString('en')} records of ${set.recordBytes} B, ${topic.codec}, into ${topic.name} (${topic.partitions} partitions)`);
    figures.push(
      await producerPerformance({
        libsDir: bed.KAFKA_SOURCE_LIBS,
        bootstrap: bed.SOURCE_BOOTSTRAP,
        topic: topic.name,
        codec: topic.codec,
        records: topic.records,
        recordBytes: set.recordBytes,
        throughput: -1,
        batchBytes: set.batchBytes,
      }),
    );
  }
  return sumFigures(figures);
}

/** The tail: every topic written at the same time, at `rate` records/s in all, `records` records in all. */
export async function writeTail(bed: TestbedEnv, set: DataSet, records: number, rate: number): Promise<ToolFigure> {
  const share = (n: number) => Math.max(1, Math.round(n / set.topics.length));
  const figures = await Promise.all(
    set.topics.map((topic) =>
      producerPerformance({
        libsDir: bed.KAFKA_SOURCE_LIBS,
        bootstrap: bed.SOURCE_BOOTSTRAP,
        topic: topic.name,
        codec: topic.codec,
        records: share(records),
        recordBytes: set.recordBytes,
        throughput: share(rate),
        batchBytes: set.batchBytes,
      }),
    ),
  );
  // The producers ran side by side: the tail took as long as the slowest.
  return { ...sumFigures(figures), seconds: Math.max(...figures.map((f) => f.seconds)) };
}
