/** How long the seed (the bulk copy through S3) is expected to take, from the selected topics' sizes. */
import type { TopicInventory } from '../inventory/types.js';

/**
 * Seed throughput used for estimates: the reference product's published speed, about 30 minutes per 100 GB
 * (≈ 55 MB/s). Conservative for small clusters, optimistic for a throttled source.
 */
export const SEED_THROUGHPUT_BYTES_PER_SECOND = 55_000_000;

export interface SeedEstimate {
  /** Bytes of the selected topics whose size is known. */
  readonly knownBytes: number;
  /** Selected topics whose size discovery could not tell (DescribeLogDirs not answered). */
  readonly topicsWithUnknownSize: string[];
  /** `knownBytes` at `SEED_THROUGHPUT_BYTES_PER_SECOND`, in milliseconds. */
  readonly durationMs: number;
}

export function topicSizeBytes(topic: TopicInventory): number | undefined {
  if (topic.sizeBytes !== undefined) return topic.sizeBytes;
  if (topic.partitions.length === 0) return 0;
  let total = 0;
  for (const partition of topic.partitions) {
    if (partition.sizeBytes === undefined) return undefined;
    total += partition.sizeBytes;
  }
  return total;
}

export function estimateSeed(topics: readonly TopicInventory[], throughputBytesPerSecond = SEED_THROUGHPUT_BYTES_PER_SECOND): SeedEstimate {
  let knownBytes = 0;
  const topicsWithUnknownSize: string[] = [];
  for (const topic of topics) {
    const size = topicSizeBytes(topic);
    if (size === undefined) topicsWithUnknownSize.push(topic.name);
    else knownBytes += size;
  }
  topicsWithUnknownSize.sort();
  return { knownBytes, topicsWithUnknownSize, durationMs: Math.ceil((knownBytes / throughputBytesPerSecond) * 1000) };
}
