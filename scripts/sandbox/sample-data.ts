/**
 * Sample data for the sandbox: a small shop on the test bed's source cluster (Kafka 3.9, ZooKeeper mode) with every
 * codec, a compacted topic with tombstones, an empty topic, two consumer groups part-way through, and ACLs.
 * Idempotent: a topic that already holds records is left alone.
 */
import kafkajs from 'kafkajs';
import { compressionType, registerCodecs, type CompressionName } from '../../engine/kafka/codecs.js';

const { Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;

interface SampleTopic {
  name: string;
  partitions: number;
  records: number;
  codec: CompressionName;
  configs?: Record<string, string>;
  keys?: 'unique' | 'compacting';
}

export const SAMPLE_TOPICS: readonly SampleTopic[] = [
  { name: 'shop.orders', partitions: 6, records: 3000, codec: 'gzip', configs: { 'retention.ms': '1209600000' } },
  {
    name: 'shop.payments',
    partitions: 3,
    records: 900,
    codec: 'snappy',
    keys: 'compacting',
    configs: { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.1' },
  },
  { name: 'shop.clickstream', partitions: 12, records: 6000, codec: 'lz4', configs: { 'retention.ms': '604800000' } },
  { name: 'shop.inventory', partitions: 4, records: 1200, codec: 'zstd', configs: { 'max.message.bytes': '524288' } },
  { name: 'shop.empty', partitions: 2, records: 0, codec: 'none' },
];

export const SAMPLE_GROUPS = [
  { groupId: 'shop-billing', topic: 'shop.orders', fraction: 0.7 },
  { groupId: 'shop-analytics', topic: 'shop.clickstream', fraction: 0.5 },
] as const;

export interface SampleSummary {
  topicsCreated: string[];
  topicsKept: string[];
  recordsWritten: number;
  groups: string[];
}

export async function writeSampleData(bootstrap: string[], log: (line: string) => void): Promise<SampleSummary> {
  await registerCodecs();
  const kafka = new Kafka({ clientId: 'kafka-backup-sandbox', brokers: bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  const summary: SampleSummary = { topicsCreated: [], topicsKept: [], recordsWritten: 0, groups: [] };
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of SAMPLE_TOPICS) {
      if (existing.has(topic.name)) {
        const offsets = await admin.fetchTopicOffsets(topic.name);
        if (offsets.some((p) => Number(p.high) > 0) || topic.records === 0) {
          summary.topicsKept.push(topic.name);
          continue;
        }
      } else {
        await admin.createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic: topic.name,
              numPartitions: topic.partitions,
              replicationFactor: 2,
              configEntries: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
            },
          ],
        });
        summary.topicsCreated.push(topic.name);
      }
      summary.recordsWritten += await produce(producer, topic);
      log(`  ${topic.name}: ${topic.partitions} partitions, ${topic.records} records, ${topic.codec}`);
    }
    for (const group of SAMPLE_GROUPS) {
      const offsets = await admin.fetchTopicOffsets(group.topic);
      await admin.setOffsets({
        groupId: group.groupId,
        topic: group.topic,
        partitions: offsets.map((p) => ({ partition: p.partition, offset: String(Math.floor(Number(p.high) * group.fraction)) })),
      });
      summary.groups.push(group.groupId);
      log(`  group ${group.groupId}: committed ${Math.round(group.fraction * 100)}% of ${group.topic}`);
    }
    await admin.createAcls({
      acl: [
        acl('TOPIC', 'shop.orders', 'User:shop-billing', 'READ'),
        acl('GROUP', 'shop-billing', 'User:shop-billing', 'READ'),
        acl('TOPIC', 'shop.', 'User:shop-writer', 'WRITE', 'PREFIXED'),
      ],
    });
    log('  ACLs for User:shop-billing and User:shop-writer');
  } finally {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  }
  return summary;

  function acl(
    type: 'TOPIC' | 'GROUP',
    name: string,
    principal: string,
    operation: 'READ' | 'WRITE',
    pattern: 'LITERAL' | 'PREFIXED' = 'LITERAL',
  ) {
    return {
      resourceType: AclResourceTypes[type],
      resourceName: name,
      resourcePatternType: ResourcePatternTypes[pattern],
      principal,
      host: '*',
      operation: AclOperationTypes[operation],
      permissionType: AclPermissionTypes.ALLOW,
    };
  }
}

async function produce(producer: kafkajs.Producer, topic: SampleTopic): Promise<number> {
  const batchSize = 300;
  let written = 0;
  for (let start = 0; start < topic.records; start += batchSize) {
    const messages: kafkajs.Message[] = [];
    for (let i = start; i < Math.min(start + batchSize, topic.records); i++) {
      const key = topic.keys === 'compacting' ? `account-${i % 50}` : `${topic.name}-${i}`;
      const tombstone = topic.keys === 'compacting' && i % 17 === 0;
      messages.push({
        key,
        value: tombstone ? null : JSON.stringify({ seq: i, topic: topic.name, amount: (i * 7919) % 10_000 }),
        headers: { 'trace-id': `t-${i}`, source: 'sandbox' },
        partition: i % topic.partitions,
        timestamp: String(Date.now() - (topic.records - i) * 1000),
      });
    }
    await producer.send({ topic: topic.name, acks: -1, compression: compressionType(topic.codec), messages });
    written += messages.length;
  }
  return written;
}
