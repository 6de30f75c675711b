/** Broker settings both clusters share, and writing Java properties files. */
import { writeFileSync } from 'node:fs';

export type Properties = Record<string, string | number | boolean>;

/** Authorizer open to all (so later tests can copy ACLs), small internal topics and thread pools for 2 cores. */
export function commonBrokerProperties(scramUsername: string, authorizerClass: string): Properties {
  return {
    'authorizer.class.name': authorizerClass,
    'super.users': `User:ANONYMOUS;User:${scramUsername}`,
    'allow.everyone.if.no.acl.found': true,
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'auto.create.topics.enable': false,
    'default.replication.factor': 2,
    'num.partitions': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 2,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 2,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'background.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'num.replica.fetchers': 1,
    'log.cleaner.threads': 1,
    'log.cleaner.dedupe.buffer.size': 8 * 1024 * 1024,
    'log.segment.bytes': 16 * 1024 * 1024,
    'log.index.size.max.bytes': 1024 * 1024,
  };
}

export const SCRAM_SERVER_JAAS = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function writeProperties(file: string, properties: Properties, mode = 0o600): void {
  const lines = Object.entries(properties).map(([key, value]) => `${key}=${escapeValue(String(value))}`);
  writeFileSync(file, `# written by the kafka-backup test bed\n${lines.join('\n')}\n`, { mode });
}
