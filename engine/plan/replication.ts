/** The replication factor a topic gets on the target: the source's, capped by how many brokers the target has. */

export interface PlannedReplication {
  readonly source: number;
  readonly target: number;
  readonly capped: boolean;
}

/** `targetBrokers` null (unknown) keeps the source's RF: the target refuses it at creation if it is too high. */
export function planReplication(sourceRf: number, targetBrokers: number | null): PlannedReplication {
  const source = Math.max(1, sourceRf);
  if (targetBrokers === null || targetBrokers <= 0 || source <= targetBrokers) {
    return { source, target: source, capped: false };
  }
  return { source, target: targetBrokers, capped: true };
}

/** `min.insync.replicas` must not exceed the RF, or acks=all writes fail with NOT_ENOUGH_REPLICAS. */
export function capMinInsyncReplicas(value: number, replicationFactor: number): number {
  return Math.max(1, Math.min(value, replicationFactor));
}
