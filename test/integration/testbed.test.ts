/**
 * The test bed is real: both clusters take and return records over SCRAM (SASL_PLAINTEXT on the ZooKeeper-mode
 * source, SASL_SSL with the bed's CA on the KRaft target), refuse a wrong password, and say which metadata mode they
 * run in — broker-side through DescribeConfigs, and through the fake MSK API as an operator's tool would see it.
 */
import { DescribeClusterV2Command, GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { ConfigResourceTypes, CompressionTypes, Kafka, logLevel, type IHeaders, type KafkaConfig } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const env = loadTestbedEnv();

type Side = 'source' | 'target';

function kafkaOf(side: Side, password = env.SCRAM_PASSWORD, ssl?: KafkaConfig['ssl']): Kafka {
  const brokers = (side === 'source' ? env.SOURCE_SCRAM_BOOTSTRAP : env.TARGET_SCRAM_TLS_BOOTSTRAP).split(',');
  return new Kafka({
    clientId: 'testbed-test',
    brokers,
    ssl: ssl ?? (side === 'target' ? { ca: [readFileSync(env.TARGET_CA_FILE)] } : false),
    sasl: { mechanism: 'scram-sha-512', username: env.SCRAM_USERNAME, password },
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries: 2 },
  });
}

interface SentRecord {
  key: Buffer;
  value: Buffer;
  headers: Record<string, Buffer>;
}

function makeRecords(count: number): SentRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    key: Buffer.concat([Buffer.from(`key-${index}-`), randomBytes(8)]),
    // Binary values, some larger than one gzip block, so that compression really has work to do.
    value: Buffer.concat([randomBytes(16), Buffer.alloc(index * 100, index % 256), Buffer.from([0, 255, 10, 13])]),
    headers: { 'trace-id': randomBytes(12), 'content-type': Buffer.from('application/octet-stream') },
  }));
}

/** Creates a topic, produces with gzip, consumes everything back, deletes the topic. */
async function roundTrip(side: Side): Promise<{ sent: SentRecord[]; received: SentRecord[] }> {
  const kafka = kafkaOf(side);
  const topic = `testbed-probe-${side}-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `testbed-probe-${randomUUID()}` });
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 2 }], waitForLeaders: true });
    const sent = makeRecords(30);
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: sent.map((record) => ({ key: record.key, value: record.value, headers: record.headers })),
    });

    const received: SentRecord[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolveAll) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers: Record<string, Buffer> = {};
          for (const [name, value] of Object.entries(message.headers ?? ({} as IHeaders))) {
            if (Buffer.isBuffer(value)) headers[name] = value;
          }
          received.push({ key: message.key ?? Buffer.alloc(0), value: message.value ?? Buffer.alloc(0), headers });
          if (received.length >= sent.length) resolveAll();
        },
      });
    });
    await Promise.race([
      allReceived,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${received.length} records came back`)), 60_000)),
    ]);
    return { sent, received };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

function expectSameRecords(sent: SentRecord[], received: SentRecord[]): void {
  expect(received).toHaveLength(sent.length);
  const byKey = new Map(received.map((record) => [record.key.toString('hex'), record]));
  for (const record of sent) {
    const back = byKey.get(record.key.toString('hex'));
    expect(back, `record with key ${record.key.toString('hex')} came back`).toBeDefined();
    expect(back?.value.equals(record.value)).toBe(true);
    expect(Object.keys(back?.headers ?? {}).sort()).toEqual(Object.keys(record.headers).sort());
    for (const [name, value] of Object.entries(record.headers)) expect(back?.headers[name]?.equals(value)).toBe(true);
  }
}

async function brokerConfig(side: Side, names: string[]): Promise<Record<string, string | undefined>> {
  const admin = kafkaOf(side).admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: names }],
      includeSynonyms: false,
    });
    const entries = resources[0]?.configEntries ?? [];
    return Object.fromEntries(entries.map((entry) => [entry.configName, entry.configValue ?? undefined]));
  } finally {
    await admin.disconnect();
  }
}

describe('test bed', () => {
  it('hands the env to the test workers and names the Kafka classpaths', () => {
    expect(process.env.SOURCE_BOOTSTRAP).toBe(env.SOURCE_BOOTSTRAP);
    expect(process.env.SCRAM_USERNAME).toBe(env.SCRAM_USERNAME);
    expect(inject('testbedEnv')).toEqual(env);
    const sourceJars = readdirSync(env.KAFKA_SOURCE_LIBS);
    const targetJars = readdirSync(env.KAFKA_TARGET_LIBS);
    expect(sourceJars.some((jar) => /^kafka_2\.13-3\.9\.\d+\.jar$/.test(jar))).toBe(true);
    expect(sourceJars.some((jar) => /^kafka-tools-3\.9\.\d+\.jar$/.test(jar))).toBe(true);
    expect(sourceJars.some((jar) => /^slf4j-reload4j-/.test(jar))).toBe(true);
    expect(targetJars.some((jar) => /^kafka_2\.13-4\.\d+\.\d+\.jar$/.test(jar))).toBe(true);
    expect(targetJars.some((jar) => /^kafka-tools-4\./.test(jar))).toBe(true);
    expect(targetJars.some((jar) => /^log4j-slf4j2-impl-/.test(jar))).toBe(true);
  });

  it('source (ZooKeeper mode): SCRAM over SASL_PLAINTEXT returns gzip-produced records byte-equal, keys and headers too', async () => {
    const { sent, received } = await roundTrip('source');
    expectSameRecords(sent, received);
  });

  it('target (KRaft): SCRAM over SASL_SSL with the bed CA returns gzip-produced records byte-equal, keys and headers too', async () => {
    const { sent, received } = await roundTrip('target');
    expectSameRecords(sent, received);
  });

  it('refuses SCRAM with a wrong password on both clusters', async () => {
    for (const side of ['source', 'target'] as const) {
      const admin = kafkaOf(side, `${env.SCRAM_PASSWORD}-wrong`).admin();
      await expect(admin.connect(), side).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
      await admin.disconnect().catch(() => undefined);
    }
  });

  it('target TLS is checked against the bed CA: without it the certificate is not trusted', async () => {
    const admin = kafkaOf('target', env.SCRAM_PASSWORD, { rejectUnauthorized: true }).admin();
    await expect(admin.connect()).rejects.toThrow(/certificate|self[- ]signed|verify/i);
    await admin.disconnect().catch(() => undefined);
  });

  it('brokers tell their metadata mode: zookeeper.connect on the source, process.roles on the target', async () => {
    const source = await brokerConfig('source', ['zookeeper.connect', 'process.roles']);
    expect(source['zookeeper.connect']).toBe('127.0.0.1:12181');
    expect(source['process.roles'] ?? '').toBe('');
    const target = await brokerConfig('target', ['zookeeper.connect', 'process.roles']);
    expect(target['process.roles']).toBe('broker,controller');
    expect(target['zookeeper.connect'] ?? '').toBe('');
  });

  it('the fake MSK API describes the source as ZooKeeper mode and the target as KRaft', async () => {
    const msk = new KafkaClient({
      region: env.AWS_REGION,
      endpoint: env.MSK_ENDPOINT,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    try {
      const modeOf = async (clusterArn: string) => {
        const { ClusterInfo } = await msk.send(new DescribeClusterV2Command({ ClusterArn: clusterArn }));
        const provisioned = ClusterInfo?.Provisioned;
        const version = provisioned?.CurrentBrokerSoftwareInfo?.KafkaVersion ?? '';
        const kraft = version.endsWith('.kraft') || Number.parseInt(version, 10) >= 4;
        return {
          name: ClusterInfo?.ClusterName,
          version,
          zookeeper: provisioned?.ZookeeperConnectString,
          mode: kraft ? 'KRAFT' : 'ZOOKEEPER',
        };
      };
      expect(await modeOf(env.SOURCE_CLUSTER_ARN)).toEqual({
        name: 'testbed-source-zk',
        version: '3.9.x',
        zookeeper: '127.0.0.1:12181',
        mode: 'ZOOKEEPER',
      });
      expect(await modeOf(env.TARGET_CLUSTER_ARN)).toEqual({
        name: 'testbed-target-kraft',
        version: '4.1.x.kraft',
        zookeeper: undefined,
        mode: 'KRAFT',
      });
      const brokers = await msk.send(new GetBootstrapBrokersCommand({ ClusterArn: env.SOURCE_CLUSTER_ARN }));
      expect(brokers.BootstrapBrokerStringSaslScram).toBe(env.SOURCE_SCRAM_BOOTSTRAP);
    } finally {
      msk.destroy();
    }
  });
});
