/** The numbers the plan's estimates rest on, named so every artifact can state them. */

/**
 * Seed speed: the reference product publishes about 30 minutes per 100 GB, i.e. ~55 MB/s through S3 at its default
 * of 4 partitions at a time. We use 55 MB/s (decimal megabytes) until our own runs measure better.
 */
export const SEED_BYTES_PER_SECOND = 55_000_000;
export const SEED_THROUGHPUT_SOURCE =
  'reference product: about 30 min per 100 GB through S3 (~55 MB/s) at 4 concurrent partitions';

/** Precheck: control-plane calls, broker probes and two S3 probes; about a minute. */
export const PRECHECK_SECONDS = 60;

/** Topology copy: one CreateTopics + one AlterConfigs round trip per topic, plus ACLs; half a second per topic. */
export const TOPOLOGY_SECONDS_PER_TOPIC = 0.5;

/** Validation: offsets of both clusters plus the spot-checked records; about a quarter second per partition. */
export const VALIDATION_SECONDS_PER_PARTITION = 0.25;

/** When the target's Kafka version is unknown, plan for the strictest rules we know (4.x). */
export const ASSUMED_TARGET_KAFKA_MAJOR = 4;

/**
 * Topic retention shorter than this multiple of the time to drain_ready risks records expiring on the source
 * before the seed reaches them.
 */
export const RETENTION_SAFETY_FACTOR = 2;

/** At most this many names are listed one by one in the runner's IAM policy before patterns are used. */
export const MAX_LISTED_IAM_RESOURCES = 10;

/** IAM's limit for a customer managed policy, counted without whitespace. */
export const IAM_MANAGED_POLICY_MAX_CHARS = 6_144;
