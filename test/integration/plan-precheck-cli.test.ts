/**
 * `plan` and `precheck` through the command line, against the real test bed: by cluster ARN through the fake MSK
 * API (SCRAM, SASL_SSL target) and by bootstrap servers (PLAINTEXT). Each blocker of the issue is provoked for real.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { credentialsFromEnv } from '../../engine/aws/credentials.js';
import { createS3Client } from '../../engine/aws/s3-client.js';
import { loadConfig } from '../../engine/config/index.js';
import { discover } from '../../engine/discovery/index.js';
import type { Inventory } from '../../engine/inventory/types.js';
import { run } from '../../source/run.js';
import { captureIO } from '../support/capture-io.js';
import { configVariant } from '../support/config-variant.js';
import { MIGRATION_BOOTSTRAP_CONFIG_FILE, MIGRATION_CONFIG_FILE } from '../testbed/paths.js';
import { loadTestbedEnv } from '../testbed/testbed-env.js';

const bed = loadTestbedEnv();
const env: NodeJS.ProcessEnv = { ...process.env, ...bed, CI: 'true' };
const RUN = `cli-${Date.now().toString(36)}-${process.pid}`;
const TOPICS = { orders: `${RUN}.orders`, events: `${RUN}.events`, busy: `${RUN}.busy` };
const GROUP = `${RUN}-billing`;

function kafka(bootstrap: string): Kafka {
  return new kafkajs.Kafka({ clientId: RUN, brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING });
}

async function cli(args: string[]) {
  const io = captureIO({ env, cwd: process.cwd() });
  const code = await run(['migrate', 'msk-kraft', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

function codesOf(json: string): string[] {
  return (JSON.parse(json) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);
}

const scoped = (block: Record<string, any>) => {
  block.topics = { include: [`${RUN}.*`], exclude: [] };
  block.groups = { include: [`${RUN}-*`], exclude: [] };
};

let sourceAdmin: Admin;
let targetAdmin: Admin;

beforeAll(async () => {
  sourceAdmin = kafka(bed.SOURCE_BOOTSTRAP).admin();
  targetAdmin = kafka(bed.TARGET_BOOTSTRAP).admin();
  await Promise.all([sourceAdmin.connect(), targetAdmin.connect()]);
  await sourceAdmin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TOPICS.orders, numPartitions: 3, replicationFactor: 2, configEntries: [{ name: 'retention.ms', value: '1209600000' }] },
      { topic: TOPICS.events, numPartitions: 2, replicationFactor: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ],
  });
  const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({
    topic: TOPICS.orders,
    acks: -1,
    messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, key: `o${i}`, value: `order ${i}` })),
  });
  await producer.disconnect();
  await sourceAdmin.setOffsets({ groupId: GROUP, topic: TOPICS.orders, partitions: [0, 1, 2].map((p) => ({ partition: p, offset: '5' })) });
});

afterAll(async () => {
  await sourceAdmin?.deleteTopics({ topics: [TOPICS.orders, TOPICS.events, TOPICS.busy] }).catch(() => undefined);
  await targetAdmin?.deleteTopics({ topics: [TOPICS.orders, TOPICS.busy] }).catch(() => undefined);
  await Promise.allSettled([sourceAdmin?.disconnect(), targetAdmin?.disconnect()]);
});

describe('plan --format all', () => {
  it.each([
    ['by cluster ARN through the fake MSK API, over SCRAM', MIGRATION_CONFIG_FILE],
    ['by bootstrap servers over PLAINTEXT', MIGRATION_BOOTSTRAP_CONFIG_FILE],
  ])('%s: writes six valid files, byte-identical on a second run with the same --migration-id', async (_label, base) => {
    const config = configVariant(base, scoped);
    const dirs = [mkdtempSync(path.join(tmpdir(), 'kb-plan-a-')), mkdtempSync(path.join(tmpdir(), 'kb-plan-b-'))];
    for (const dir of dirs) {
      const result = await cli(['plan', '--config', config, '--format', 'all', '--out-dir', dir, '--migration-id', `${RUN}-plan`, '--force']);
      expect(result.err).not.toContain('error');
      expect(result.code).toBe(0);
    }
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual(['aws-cli.sh', 'cost-estimate.json', 'iam-policy-concrete.json', 'iam-policy-templated.json', 'plan.json', 'runbook.md']);
    for (const file of files) {
      expect(readFileSync(path.join(dirs[1]!, file), 'utf8'), `${file} differs between two runs`).toBe(readFileSync(path.join(dirs[0]!, file), 'utf8'));
    }
    const plan = JSON.parse(readFileSync(path.join(dirs[0]!, 'plan.json'), 'utf8'));
    expect(plan.migrationId).toBe(`${RUN}-plan`);
    const planned = JSON.stringify(plan);
    expect(planned).toContain(TOPICS.orders);
    expect(planned).toContain(GROUP);
    for (const json of ['cost-estimate.json', 'iam-policy-concrete.json', 'iam-policy-templated.json']) {
      expect(() => JSON.parse(readFileSync(path.join(dirs[0]!, json), 'utf8'))).not.toThrow();
    }
    execFileSync('bash', ['-n', path.join(dirs[0]!, 'aws-cli.sh')]);
    const runbook = readFileSync(path.join(dirs[0]!, 'runbook.md'), 'utf8');
    expect(runbook).toContain(`--migration-id ${RUN}-plan`);
    for (const file of files) expect(readFileSync(path.join(dirs[0]!, file), 'utf8')).not.toContain(bed.SCRAM_PASSWORD);
  });

  it('refuses to overwrite existing files without --force, and writes nothing', async () => {
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, scoped);
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-plan-'));
    expect((await cli(['plan', '--config', config, '--format', 'all', '--out-dir', dir, '--migration-id', 'm1'])).code).toBe(0);
    const before = readFileSync(path.join(dir, 'plan.json'), 'utf8');
    const again = await cli(['plan', '--config', config, '--format', 'all', '--out-dir', dir, '--migration-id', 'm2']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds .*plan\.json.*nothing was written/);
    expect(readFileSync(path.join(dir, 'plan.json'), 'utf8')).toBe(before);
  });

  it('a single format goes to stdout', async () => {
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, scoped);
    const result = await cli(['plan', '--config', config, '--format', 'runbook', '--migration-id', 'm-stdout']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('m-stdout');
    expect(result.out).toContain('kafka-backup migrate msk-kraft execute');
  });
});

describe('precheck', () => {
  it('passes on a clean target (exit 0) with the JSON report on stdout', async () => {
    const result = await cli(['precheck', '--config', configVariant(MIGRATION_CONFIG_FILE, scoped)]);
    const report = JSON.parse(result.out);
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'blocker')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(result.code).toBe(0);
  });

  it('B04: target in ZooKeeper mode', async () => {
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
      scoped(block);
      block.target.bootstrap_servers = bed.SOURCE_BOOTSTRAP;
    });
    const result = await cli(['precheck', '--config', config]);
    expect(result.code).toBe(1);
    expect(codesOf(result.out)).toContain('B04');
  });

  it('B05: the same cluster twice', async () => {
    const config = configVariant(MIGRATION_CONFIG_FILE, (block) => {
      scoped(block);
      block.target = block.source;
    });
    const result = await cli(['precheck', '--config', config]);
    expect(result.code).toBe(1);
    expect(codesOf(result.out)).toContain('B05');
  });

  it('B13: a target topic that already holds data', async () => {
    await targetAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPICS.orders, numPartitions: 3, replicationFactor: 2 }] });
    const producer = kafka(bed.TARGET_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: TOPICS.orders, acks: -1, messages: [{ partition: 0, value: 'already here' }] });
    await producer.disconnect();
    try {
      const result = await cli(['precheck', '--config', configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, scoped)]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.out);
      expect(report.findings).toContainEqual(expect.objectContaining({ code: 'B13', severity: 'blocker', subject: TOPICS.orders }));
    } finally {
      await targetAdmin.deleteTopics({ topics: [TOPICS.orders] });
    }
  });

  it('B07: an unreachable backup bucket', async () => {
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
      scoped(block);
      block.backup.s3_bucket = `${RUN}-missing`;
    });
    const result = await cli(['precheck', '--config', config]);
    expect(result.code).toBe(1);
    expect(codesOf(result.out)).toContain('B07');
  });

  it('B10: an unreachable target broker, reported quickly', async () => {
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
      scoped(block);
      block.target.bootstrap_servers = '127.0.0.1:1';
    });
    const started = Date.now();
    const result = await cli(['precheck', '--config', config]);
    expect(result.code).toBe(1);
    expect(codesOf(result.out)).toContain('B10');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('B11: a source record larger than the target topic allows', async () => {
    await sourceAdmin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: TOPICS.busy, numPartitions: 1, replicationFactor: 2, configEntries: [{ name: 'max.message.bytes', value: '2097152' }] }],
    });
    const producer = kafka(bed.SOURCE_BOOTSTRAP).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: TOPICS.busy, acks: -1, messages: [{ value: Buffer.alloc(1_500_000, 7) }] });
    await producer.disconnect();
    await targetAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPICS.busy, numPartitions: 1, replicationFactor: 2 }] });
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
      scoped(block);
      block.topology = { on_config_drift: 'keep_target' };
    });
    const result = await cli(['precheck', '--config', config]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'B11', severity: 'blocker', detail: expect.stringContaining(`${TOPICS.busy}: 2097152`) }),
    );
  });

  it('prints the reference one-line findings on stderr when not on a terminal', async () => {
    const config = configVariant(MIGRATION_BOOTSTRAP_CONFIG_FILE, (block) => {
      scoped(block);
      block.backup.s3_bucket = `${RUN}-missing`;
    });
    const result = await cli(['precheck', '--config', config]);
    expect(result.err).toMatch(/^B07 blocker: .+ — .+$/m);
    expect(result.err).toMatch(/^precheck failed: \d+ blockers?, /m);
  });
});

describe('plan and precheck are read-only', () => {
  /** What an operator would compare: topics with partitions and configs, groups with offsets, ACLs, on both clusters. */
  function shape(inventory: Inventory) {
    return [inventory.source, inventory.target].map((cluster) => ({
      topics: cluster.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => [p.partition, p.logStartOffset, p.endOffset]), configs: t.configs })),
      groups: cluster.groups.map((g) => ({ id: g.groupId, state: g.state, offsets: g.offsets })),
      acls: cluster.acls,
    }));
  }

  async function bucketVersions(configPath: string): Promise<string[]> {
    const config = await loadConfig(configPath, env);
    const credentials = credentialsFromEnv(env);
    const s3 = createS3Client(config.aws, credentials === undefined ? {} : { credentials });
    const keys: string[] = [];
    for (const bucket of [config.backup.s3Bucket, config.evidence.s3Bucket]) {
      const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
      for (const v of [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])]) keys.push(`${bucket}/${v.Key}@${v.VersionId}`);
    }
    s3.destroy();
    return keys.sort();
  }

  it('leaves both clusters and both buckets exactly as they were', async () => {
    const configPath = configVariant(MIGRATION_CONFIG_FILE, (block) => {
      scoped(block);
      block.topics.include = [TOPICS.orders, TOPICS.events];
    });
    const config = await loadConfig(configPath, env);
    const before = shape(await discover(config, { env }));
    const objectsBefore = await bucketVersions(configPath);
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-plan-ro-'));
    expect((await cli(['plan', '--config', configPath, '--format', 'all', '--out-dir', dir])).code).toBe(0);
    expect((await cli(['precheck', '--config', configPath])).code).toBe(0);
    expect(shape(await discover(config, { env }))).toEqual(before);
    expect(await bucketVersions(configPath)).toEqual(objectsBefore);
  });
});
