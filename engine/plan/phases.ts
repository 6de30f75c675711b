/** The phase list with estimated bytes and durations, each with the basis it was estimated on. */
import {
  PRECHECK_SECONDS,
  SEED_BYTES_PER_SECOND,
  TOPOLOGY_SECONDS_PER_TOPIC,
  VALIDATION_SECONDS_PER_PARTITION,
} from './assumptions.js';
import type { PlannedPhase, PlanSettings } from './plan-types.js';

export interface PhaseInputs {
  readonly bytesEstimated: number;
  readonly topicsToCreate: number;
  readonly aclsToCreate: number;
  readonly partitions: number;
  readonly settings: PlanSettings;
}

export function seedSeconds(bytes: number): number {
  return Math.ceil(bytes / SEED_BYTES_PER_SECOND);
}

export function planPhases(inputs: PhaseInputs): PlannedPhase[] {
  const { settings } = inputs;
  const mbps = SEED_BYTES_PER_SECOND / 1_000_000;
  const topologySeconds = Math.ceil((inputs.topicsToCreate + inputs.aclsToCreate / 10) * TOPOLOGY_SECONDS_PER_TOPIC);
  const validationSeconds = Math.ceil(inputs.partitions * VALIDATION_SECONDS_PER_PARTITION);
  return [
    {
      name: 'precheck',
      estimatedBytes: 0,
      estimatedSeconds: PRECHECK_SECONDS,
      basis: 'control-plane and broker probes plus one S3 probe per bucket',
    },
    {
      name: 'topology_copy',
      estimatedBytes: 0,
      estimatedSeconds: topologySeconds,
      basis: `${TOPOLOGY_SECONDS_PER_TOPIC} s per topic to create (${inputs.topicsToCreate}), ACLs in batches of 10 (${inputs.aclsToCreate})`,
    },
    {
      name: 'seed',
      estimatedBytes: inputs.bytesEstimated,
      estimatedSeconds: seedSeconds(inputs.bytesEstimated),
      basis:
        `estimated bytes at ${mbps} MB/s through S3 (the reference product's published seed speed at 4 partitions ` +
        `at a time; this plan uses max_concurrent_partitions=${settings.seed.maxConcurrentPartitions})`,
    },
    {
      name: 'tail',
      estimatedBytes: null,
      estimatedSeconds: null,
      basis:
        'copies what producers wrote to the source during the seed: unknown from a snapshot; it ends once every ' +
        `partition lags ≤ ${settings.cutover.drainMaxPartitionLag} records for ${settings.cutover.drainStableWindowMs / 1000} s ` +
        `(gives up after ${settings.cutover.drainTimeoutMs / 1000} s)`,
    },
    {
      name: 'drain_ready',
      estimatedBytes: 0,
      estimatedSeconds: null,
      basis: 'keeps tailing until an operator runs cutover',
    },
    {
      name: 'cutover',
      estimatedBytes: null,
      estimatedSeconds: settings.cutover.maxProducerFreezeMs / 1000,
      basis: 'producers are frozen for at most cutover.max_producer_freeze while the last records drain and offsets are committed',
    },
    {
      name: 'awaiting_client_switch',
      estimatedBytes: 0,
      estimatedSeconds: null,
      basis: 'as long as it takes people to point producers and consumers at the target, then cutover-ack',
    },
    {
      name: 'validating',
      estimatedBytes: 0,
      estimatedSeconds: validationSeconds,
      basis:
        `${VALIDATION_SECONDS_PER_PARTITION} s per partition (${inputs.partitions}): offsets on both clusters and ` +
        `${settings.validation.spotCheckRecordsPerPartition} spot-checked records each`,
    },
    {
      name: 'finalized',
      estimatedBytes: 0,
      estimatedSeconds: 0,
      basis: 'terminal: the signed evidence bundle is in the evidence bucket',
    },
  ];
}
