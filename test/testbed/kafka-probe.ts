/** Readiness checks that talk Kafka (kafkajs): a real metadata request, and a SCRAM login. */
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { readFileSync } from 'node:fs';

export interface ProbeTarget {
  brokers: string[];
  sasl?: { username: string; password: string };
  /** CA file for SASL_SSL; absent means no TLS. */
  caFile?: string;
}

function clientOf(target: ProbeTarget): Kafka {
  const config: KafkaConfig = {
    clientId: 'kafka-backup-testbed',
    brokers: target.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 0 },
  };
  if (target.caFile !== undefined) config.ssl = { ca: [readFileSync(target.caFile)] };
  if (target.sasl !== undefined) {
    const sasl: SASLOptions = { mechanism: 'scram-sha-512', ...target.sasl };
    config.sasl = sasl;
  }
  return new Kafka(config);
}

/** True when the cluster's metadata lists `expectedBrokers` brokers and a controller. */
export async function clusterAnswers(target: ProbeTarget, expectedBrokers: number): Promise<boolean> {
  const admin = clientOf(target).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length === expectedBrokers && cluster.controller !== null && cluster.controller >= 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
