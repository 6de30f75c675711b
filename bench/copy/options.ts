/** The command line of `npm run bench -- copy`: sizes like 256MiB or 2GiB, counts, and switches. */
import { parseSize, SIZE_EXPECTATION } from '../../engine/config/sizes.js';

export interface CopyBenchOptions {
  /** Payload bytes of the generated data set (the seed). */
  readonly sizeBytes: number;
  /** Partitions of the data set, spread over one topic per codec. */
  readonly partitions: number;
  /** Payload bytes of each record (ProducerPerformance --record-size). */
  readonly recordBytes: number;
  /** Partitions of the memory run; 0 skips it. */
  readonly rssPartitions: number;
  /** Payload bytes of the memory run's data set. */
  readonly rssSizeBytes: number;
  /** Records per second of the tail producers; undefined: half the producer ceiling's records/s. */
  readonly tailRate: number | undefined;
  readonly skipMm2: boolean;
  /** Only the memory run (no ceiling, no MM2, no seed/tail run). */
  readonly rssOnly: boolean;
  readonly json: boolean;
}

export const CODECS = ['snappy', 'lz4', 'zstd', 'gzip'] as const;
export type Codec = (typeof CODECS)[number];

export const COPY_BENCH_DEFAULTS: CopyBenchOptions = {
  sizeBytes: 256 * 1024 ** 2,
  partitions: 64,
  recordBytes: 1024,
  rssPartitions: 1000,
  rssSizeBytes: 64 * 1024 ** 2,
  tailRate: undefined,
  skipMm2: false,
  rssOnly: false,
  json: false,
};

export const COPY_BENCH_USAGE = `npm run bench -- copy [options]
  --size <bytes>            data set to copy, e.g. 256MiB (default) or 2GiB (the issue's size)
  --partitions <n>          partitions of the data set, over one topic per codec (default 64, at least ${CODECS.length})
  --record-bytes <n>        payload bytes per record (default 1024)
  --rss-partitions <n>      partitions of the memory run (default 1000; 0 skips it)
  --rss-size <bytes>        data set of the memory run (default 64MiB)
  --tail-rate <records/s>   rate of the tail producers (default: half the producer ceiling)
  --skip-mm2                do not run MirrorMaker 2
  --rss-only                only the memory run
  --json                    print the figures as JSON`;

export class CopyBenchUsageError extends Error {
  override readonly name = 'CopyBenchUsageError';
}

const VALUE_FLAGS = ['--size', '--partitions', '--record-bytes', '--rss-partitions', '--rss-size', '--tail-rate'] as const;
const SWITCHES = ['--skip-mm2', '--rss-only', '--json'] as const;

function sizeOf(flag: string, value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined || bytes <= 0) throw new CopyBenchUsageError(`${flag} "${value}" is not a size: expected ${SIZE_EXPECTATION}, above 0`);
  return bytes;
}

function countOf(flag: string, value: string, min: number, expected = `a whole number of at least ${min}`): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new CopyBenchUsageError(`${flag} "${value}" is not usable: expected ${expected}`);
  return n;
}

export function parseCopyBenchArgs(args: readonly string[]): CopyBenchOptions {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if ((SWITCHES as readonly string[]).includes(flag)) switches.add(flag);
    else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? args[(i += 1)];
      if (value === undefined || value.startsWith('--')) throw new CopyBenchUsageError(`${flag} needs a value`);
      values.set(flag, value);
    } else throw new CopyBenchUsageError(`unknown option "${arg}"`);
  }
  const get = <T>(flag: string, parse: (value: string) => T, fallback: T): T => {
    const value = values.get(flag);
    return value === undefined ? fallback : parse(value);
  };
  const options: CopyBenchOptions = {
    sizeBytes: get('--size', (v) => sizeOf('--size', v), COPY_BENCH_DEFAULTS.sizeBytes),
    partitions: get('--partitions', (v) => countOf('--partitions', v, CODECS.length), COPY_BENCH_DEFAULTS.partitions),
    recordBytes: get('--record-bytes', (v) => countOf('--record-bytes', v, 1), COPY_BENCH_DEFAULTS.recordBytes),
    rssPartitions: get('--rss-partitions', (v) => (v === '0' ? 0 : countOf('--rss-partitions', v, CODECS.length, `0 (no memory run) or a whole number of at least ${CODECS.length}`)), COPY_BENCH_DEFAULTS.rssPartitions),
    rssSizeBytes: get('--rss-size', (v) => sizeOf('--rss-size', v), COPY_BENCH_DEFAULTS.rssSizeBytes),
    tailRate: get('--tail-rate', (v) => countOf('--tail-rate', v, 1), COPY_BENCH_DEFAULTS.tailRate),
    skipMm2: switches.has('--skip-mm2'),
    rssOnly: switches.has('--rss-only'),
    json: switches.has('--json'),
  };
  if (options.recordBytes > options.sizeBytes) throw new CopyBenchUsageError(`--record-bytes ${options.recordBytes} is larger than --size ${options.sizeBytes}: make the data set hold at least one record`);
  if (options.rssOnly && options.rssPartitions === 0) throw new CopyBenchUsageError('--rss-only with --rss-partitions 0 runs nothing: give --rss-partitions at least 4');
  return options;
}

/** `total` partitions over the codecs, as evenly as possible (the first codecs take the remainder). */
export function spreadPartitions(total: number, codecs: readonly Codec[] = CODECS): Array<{ codec: Codec; partitions: number }> {
  return codecs.map((codec, index) => ({ codec, partitions: Math.floor(total / codecs.length) + (index < total % codecs.length ? 1 : 0) }));
}
