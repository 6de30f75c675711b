/**
 * Kafka's own perf tools from the bed's Kafka 3.9 classpath: ProducerPerformance writes the data set (and is the
 * producer ceiling), ConsumerPerformance reads it back (the consumer ceiling). Figures are the tools' own: payload
 * bytes (record value bytes), MB = 1024 × 1024 bytes, time without JVM start-up.
 */
import { join } from 'node:path';
import { CONFIG_DIR } from '../../test/testbed/paths.js';
import type { Codec } from './options.js';
import { runTool } from './processes.js';

export interface ToolFigure {
  readonly records: number;
  readonly bytes: number;
  readonly seconds: number;
}

export interface ProduceSpec {
  readonly libsDir: string;
  readonly bootstrap: string;
  readonly topic: string;
  readonly codec: Codec;
  readonly records: number;
  readonly recordBytes: number;
  /** Records per second; -1 for as fast as it goes. */
  readonly throughput: number;
  readonly batchBytes: number;
}

const JVM = ['-Xmx256m', '-Xms64m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${join(CONFIG_DIR, 'source-tool-log4j.properties')}`];
const MB = 1024 * 1024;

/** The last summary line of ProducerPerformance: "N records sent, R records/sec (M MB/sec), ...". */
export function parseProducerSummary(output: string, recordBytes: number): ToolFigure {
  const lines = output.trim().split('\n').filter((line) => /records sent, [\d.]+ records\/sec/.test(line));
  const match = /(\d+) records sent, ([\d.]+) records\/sec/.exec(lines.at(-1) ?? '');
  if (match === null) throw new Error(`ProducerPerformance printed no summary line:\n${output.slice(-2000)}`);
  const records = Number(match[1]);
  const rate = Number(match[2]);
  return { records, bytes: records * recordBytes, seconds: rate > 0 ? records / rate : 0 };
}

/** ConsumerPerformance's CSV line (with --hide-header): start, end, MB, MB/s, nMsg, nMsg/s, rebalance ms, fetch ms, ... */
export function parseConsumerSummary(output: string): ToolFigure {
  const line = output
    .trim()
    .split('\n')
    .filter((l) => /^\d{4}-\d\d-\d\d .*,/.test(l.trim()))
    .at(-1);
  const cells = (line ?? '').split(',').map((cell) => cell.trim());
  if (cells.length < 8) throw new Error(`ConsumerPerformance printed no summary line:\n${output.slice(-2000)}`);
  const megabytes = Number(cells[2]);
  const records = Number(cells[4]);
  const fetchMs = Number(cells[7]);
  return { records, bytes: Math.round(megabytes * MB), seconds: fetchMs / 1000 };
}

export async function producerPerformance(spec: ProduceSpec): Promise<ToolFigure> {
  const { stdout, stderr } = await runTool(
    'java',
    [
      ...JVM,
      '-cp',
      `${spec.libsDir}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      spec.topic,
      '--num-records',
      String(spec.records),
      '--record-size',
      String(spec.recordBytes),
      '--throughput',
      String(spec.throughput),
      '--producer-props',
      `bootstrap.servers=${spec.bootstrap}`,
      'acks=all',
      `compression.type=${spec.codec}`,
      'linger.ms=10',
      `batch.size=${spec.batchBytes}`,
      'buffer.memory=67108864',
    ],
    `ProducerPerformance writing ${spec.records} records (${spec.codec}) to ${spec.topic}`,
  );
  return parseProducerSummary(`${stdout}\n${stderr}`, spec.recordBytes);
}

export interface ConsumeSpec {
  readonly libsDir: string;
  readonly bootstrap: string;
  readonly topic: string;
  readonly records: number;
  readonly group: string;
}

export async function consumerPerformance(spec: ConsumeSpec): Promise<ToolFigure> {
  const { stdout, stderr } = await runTool(
    'java',
    [
      ...JVM,
      '-cp',
      `${spec.libsDir}/*`,
      'org.apache.kafka.tools.ConsumerPerformance',
      '--bootstrap-server',
      spec.bootstrap,
      '--topic',
      spec.topic,
      '--messages',
      String(spec.records),
      '--group',
      spec.group,
      '--timeout',
      '60000',
      '--hide-header',
    ],
    `ConsumerPerformance reading ${spec.records} records of ${spec.topic}`,
  );
  return parseConsumerSummary(`${stdout}\n${stderr}`);
}

export function sumFigures(figures: readonly ToolFigure[]): ToolFigure {
  return figures.reduce((sum, f) => ({ records: sum.records + f.records, bytes: sum.bytes + f.bytes, seconds: sum.seconds + f.seconds }), { records: 0, bytes: 0, seconds: 0 });
}
