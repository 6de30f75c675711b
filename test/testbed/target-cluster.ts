/**
 * The target: Kafka 4.1 in KRaft mode — two nodes in combined mode (broker and controller, both voters), PLAINTEXT
 * (also between brokers and for the controllers) and SASL_SSL with SCRAM-SHA-512, StandardAuthorizer.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BedCerts } from './certs.js';
import { runJavaTool, spawnJavaPart } from './java.js';
import { commonBrokerProperties, SCRAM_SERVER_JAAS, writeProperties } from './kafka-properties.js';
import { clusterAnswers } from './kafka-probe.js';
import type { KafkaLibs } from './maven.js';
import { CONFIG_DIR, DATA_DIR } from './paths.js';
import { PARTS, TARGET_PARTS, type PartName } from './parts.js';
import { assertPortsFree, HOST, hostPorts, PORTS, type TargetNodePorts } from './ports.js';
import { runningPid, waitUntil } from './processes.js';
import { say } from './say.js';
import { addScramUser } from './scram.js';
import type { BedState } from './state.js';

export const TARGET_BOOTSTRAP = hostPorts(PORTS.target.map((node) => node.plaintext));
export const TARGET_SCRAM_TLS_BOOTSTRAP = hostPorts(PORTS.target.map((node) => node.saslSsl));
const QUORUM_VOTERS = PORTS.target.map((node) => `${node.nodeId}@${HOST}:${node.controller}`).join(',');

type TargetNode = TargetNodePorts;

const nodeDataDir = (nodeId: number) => join(DATA_DIR, `target-node-${nodeId}`);
const nameOf = (node: TargetNode) => `target-node-${node.nodeId}` as PartName;

function writeNodeConfig(node: TargetNode, state: BedState, certs: BedCerts): string {
  const file = join(CONFIG_DIR, `target-node-${node.nodeId}.properties`);
  const advertised = `PLAINTEXT://${HOST}:${node.plaintext},SASL_SSL://${HOST}:${node.saslSsl}`;
  writeProperties(file, {
    'process.roles': 'broker,controller',
    'node.id': node.nodeId,
    'controller.quorum.voters': QUORUM_VOTERS,
    'controller.listener.names': 'CONTROLLER',
    listeners: `${advertised},CONTROLLER://${HOST}:${node.controller}`,
    'advertised.listeners': advertised,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': nodeDataDir(node.nodeId),
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': SCRAM_SERVER_JAAS,
    'listener.name.sasl_ssl.ssl.keystore.type': 'PKCS12',
    'listener.name.sasl_ssl.ssl.keystore.location': certs.keystoreFile,
    'listener.name.sasl_ssl.ssl.keystore.password': certs.keystorePassword,
    'listener.name.sasl_ssl.ssl.key.password': certs.keystorePassword,
    'share.coordinator.state.topic.replication.factor': 2,
    'share.coordinator.state.topic.min.isr': 1,
    ...commonBrokerProperties(state.scramUsername, 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'),
  });
  return file;
}

/** Formats (when new) and starts whatever node of the target is not running; returns the parts it started. */
export async function startTarget(libs: KafkaLibs, state: BedState, certs: BedCerts): Promise<PartName[]> {
  const anyRunning = TARGET_PARTS.some((name) => runningPid(name) !== undefined);
  if (!anyRunning) {
    for (const node of PORTS.target) rmSync(nodeDataDir(node.nodeId), { recursive: true, force: true });
  }
  mkdirSync(CONFIG_DIR, { recursive: true });
  const toStart = PORTS.target.filter((node) => runningPid(nameOf(node)) === undefined);
  for (const node of toStart) await assertPortsFree(PARTS[nameOf(node)].ports);

  const configs = new Map(toStart.map((node) => [node, writeNodeConfig(node, state, certs)]));
  await Promise.all(
    toStart
      .filter((node) => !existsSync(join(nodeDataDir(node.nodeId), 'meta.properties')))
      .map((node) =>
        runJavaTool(
          libs,
          'kafka.tools.StorageTool',
          ['format', '--config', configs.get(node) ?? '', '--cluster-id', state.targetClusterId],
          `formatting the KRaft storage of target node ${node.nodeId}`,
        ),
      ),
  );
  for (const node of toStart) spawnJavaPart(nameOf(node), libs, 'kafka.Kafka', [configs.get(node) ?? '']);
  if (toStart.length > 0) say(`target: storage formatted (cluster id ${state.targetClusterId}), nodes starting`);
  return toStart.map(nameOf);
}

export async function waitForTarget(
  libs: KafkaLibs,
  state: BedState,
  certs: BedCerts,
  timeoutMs: number,
): Promise<void> {
  await waitUntil(() => clusterAnswers({ brokers: TARGET_BOOTSTRAP.split(',') }, PORTS.target.length), {
    what: 'target cluster (2 brokers in the metadata over PLAINTEXT)',
    parts: TARGET_PARTS,
    timeoutMs,
  });
  const scramTarget = {
    brokers: TARGET_SCRAM_TLS_BOOTSTRAP.split(','),
    sasl: { username: state.scramUsername, password: state.scramPassword },
    caFile: certs.caFile,
  };
  const scramWorks = () => clusterAnswers(scramTarget, PORTS.target.length).catch(() => false);
  if (!(await scramWorks())) {
    await addScramUser(
      libs,
      ['--bootstrap-server', TARGET_BOOTSTRAP],
      state,
      'creating the SCRAM user on the target (Admin API)',
    );
    say(`target: SCRAM-SHA-512 user ${state.scramUsername} created`);
  }
  await waitUntil(scramWorks, { what: 'target SCRAM login over SASL_SSL', parts: TARGET_PARTS, timeoutMs: 60_000 });
  say(`target: 2 nodes answer on ${TARGET_BOOTSTRAP} and SCRAM over TLS works on ${TARGET_SCRAM_TLS_BOOTSTRAP}`);
}
