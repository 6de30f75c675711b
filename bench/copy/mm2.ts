/**
 * MirrorMaker 2 in dedicated mode (`org.apache.kafka.connect.mirror.MirrorMaker`) copying the bench topics from the
 * source to the target, for the ratio ours / MM2. Topic names are kept (IdentityReplicationPolicy); group, ACL and
 * config sync, checkpoints and heartbeats are off; the offset-syncs topic lives on the target so nothing is written
 * to the source. Cluster aliases carry the bench run id, so every internal topic MM2 makes is recognisable and
 * deleted afterwards (plus `heartbeats` on the target, which its heartbeat connector creates even when disabled, if
 * the run made it).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { deleteGroupsContaining, deleteTopics, totalEnd } from './clusters.js';
import { peakRssOf } from './copier-process.js';
import type { Mm2Libs } from './mm2-libs.js';
import { track } from './processes.js';

export interface Mm2Spec {
  readonly sourceAlias: string;
  readonly targetAlias: string;
  readonly sourceBootstrap: string;
  readonly targetBootstrap: string;
  /** Every bench topic starts with `<prefix>.`. */
  readonly topicPrefix: string;
  readonly tasks: number;
}

/** The mm2.properties of the run. */
export function mm2Properties(spec: Mm2Spec): string {
  const { sourceAlias: s, targetAlias: t } = spec;
  const lines = [
    `clusters = ${s}, ${t}`,
    `${s}.bootstrap.servers = ${spec.sourceBootstrap}`,
    `${t}.bootstrap.servers = ${spec.targetBootstrap}`,
    `${s}->${t}.enabled = true`,
    `${t}->${s}.enabled = false`,
    // A regex; "[.]" because a backslash is an escape character in a properties file.
    `${s}->${t}.topics = ${spec.topicPrefix.replace(/[.]/g, '[.]')}[.].*`,
    `${s}->${t}.groups.exclude = .*`,
    'replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
    `tasks.max = ${spec.tasks}`,
    'sync.topic.configs.enabled = false',
    'sync.topic.acls.enabled = false',
    'sync.group.offsets.enabled = false',
    'emit.checkpoints.enabled = false',
    'emit.heartbeats.enabled = false',
    'refresh.groups.enabled = false',
    'offset-syncs.topic.location = target',
    'replication.factor = 2',
    'offset-syncs.topic.replication.factor = 2',
    'checkpoints.topic.replication.factor = 2',
    'heartbeats.topic.replication.factor = 2',
    'offset.storage.replication.factor = 2',
    'config.storage.replication.factor = 2',
    'status.storage.replication.factor = 2',
    'dedicated.mode.enable.internal.rest = false',
  ];
  return `${lines.join('\n')}\n`;
}

const LOG4J = `log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=%LOG%
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
`;

export interface Mm2Figure {
  readonly records: number;
  /** From the first record on the target to the last. */
  readonly seconds: number;
  /** From launching the JVM to the last record (start-up, connector and task assignment included). */
  readonly wallSeconds: number;
  readonly peakRssBytes: number | undefined;
  readonly logFile: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runMm2(libs: Mm2Libs, spec: Mm2Spec, workDir: string, target: Admin, topics: readonly string[], expectedRecords: number, timeoutMs: number): Promise<Mm2Figure> {
  const props = join(workDir, 'mm2.properties');
  const log = join(workDir, 'mm2.log');
  const log4j = join(workDir, 'mm2-log4j.properties');
  writeFileSync(props, mm2Properties(spec));
  writeFileSync(log4j, LOG4J.replace('%LOG%', log));
  const launchedMs = Date.now();
  // Heap as Kafka's connect-mirror-maker.sh sets it.
  const java = track(spawn('java', ['-Xms256M', '-Xmx2G', `-Dlog4j.configuration=file:${log4j}`, '-cp', `${libs.libsDir}/*`, 'org.apache.kafka.connect.mirror.MirrorMaker', props, '--clusters', spec.targetAlias], {
    stdio: ['ignore', 'ignore', 'ignore'],
  }));
  let exited: string | undefined;
  java.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  try {
    let firstMs: number | undefined;
    let copied = 0;
    for (;;) {
      if (exited !== undefined) throw new Error(`MirrorMaker 2 exited (${exited}) before copying everything; see ${log}`);
      // Right after the topics were made again a partition may have no leader yet: that poll counts as no news.
      copied = await totalEnd(target, topics).catch(() => copied);
      if (copied > 0) firstMs ??= Date.now();
      if (copied >= expectedRecords) break;
      if (Date.now() - launchedMs > timeoutMs) throw new Error(`MirrorMaker 2 copied ${copied} of ${expectedRecords} records in ${Math.round(timeoutMs / 1000)} s; see ${log}`);
      await sleep(250);
    }
    const doneMs = Date.now();
    return { records: copied, seconds: (doneMs - (firstMs ?? launchedMs)) / 1000, wallSeconds: (doneMs - launchedMs) / 1000, peakRssBytes: java.pid === undefined ? undefined : peakRssOf(java.pid), logFile: log };
  } finally {
    if (exited === undefined) {
      const gone = new Promise((resolve) => java.once('exit', resolve));
      java.kill('SIGTERM');
      const timer = setTimeout(() => java.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    }
  }
}

/** Deletes what MM2 made: topics and groups named with the run's aliases, and `heartbeats` if it was not there before. */
export async function cleanUpMm2(admins: readonly Admin[], spec: Mm2Spec, heartbeatsExisted: boolean, target: Admin): Promise<string[]> {
  const deleted: string[] = [];
  for (const admin of admins) {
    const mine = (await admin.listTopics()).filter((name) => name.includes(spec.sourceAlias) || name.includes(spec.targetAlias) || (admin === target && !heartbeatsExisted && name === 'heartbeats'));
    await deleteTopics(admin, mine);
    deleted.push(...mine);
    await deleteGroupsContaining(admin, spec.sourceAlias);
    await deleteGroupsContaining(admin, spec.targetAlias);
  }
  return deleted;
}
