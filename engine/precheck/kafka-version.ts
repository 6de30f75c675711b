/** Kafka versions as MSK (`3.9.x`, `3.7.x.kraft`) or a broker (`3.9.2`) spells them. */
import type { ClusterInventory } from '../inventory/types.js';

export interface KafkaVersion {
  readonly major: number;
  readonly minor: number;
}

export function parseKafkaVersion(text: string | undefined): KafkaVersion | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+)\.(\d+)(?:[.\-]|$)/.exec(text);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Negative when a is older than b. */
export function compareKafkaVersions(a: KafkaVersion, b: KafkaVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** The control plane's version (what MSK runs) when known, else what discovery read from the brokers. */
export function clusterKafkaVersion(cluster: ClusterInventory): string | undefined {
  return cluster.controlPlane?.kafkaVersion ?? cluster.kafkaVersion;
}
