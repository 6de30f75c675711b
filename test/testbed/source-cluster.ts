/**
 * The source: Kafka 3.9 in ZooKeeper mode — one ZooKeeper and two brokers, PLAINTEXT (also between brokers) and
 * SASL_PLAINTEXT with SCRAM-SHA-512, AclAuthorizer.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnJavaPart } from './java.js';
import { commonBrokerProperties, SCRAM_SERVER_JAAS, writeProperties } from './kafka-properties.js';
import { clusterAnswers } from './kafka-probe.js';
import type { KafkaLibs } from './maven.js';
import { CONFIG_DIR, DATA_DIR } from './paths.js';
import { PARTS, SOURCE_PARTS, type PartName } from './parts.js';
import { acceptsConnections, assertPortsFree, HOST, hostPorts, PORTS, type SourceBrokerPorts } from './ports.js';
import { runningPid, waitUntil } from './processes.js';
import { addScramUser } from './scram.js';
import type { BedState } from './state.js';
import { say } from './say.js';

export const SOURCE_BOOTSTRAP = hostPorts(PORTS.source.map((broker) => broker.plaintext));
export const SOURCE_SCRAM_BOOTSTRAP = hostPorts(PORTS.source.map((broker) => broker.saslPlaintext));
export const ZOOKEEPER_CONNECT = `${HOST}:${PORTS.zookeeper}`;

const zookeeperDataDir = join(DATA_DIR, 'zookeeper');
const brokerDataDir = (brokerId: number) => join(DATA_DIR, `source-broker-${brokerId}`);

function writeZookeeperConfig(): string {
  const file = join(CONFIG_DIR, 'zookeeper.properties');
  writeProperties(file, {
    dataDir: zookeeperDataDir,
    clientPort: PORTS.zookeeper,
    clientPortAddress: HOST,
    tickTime: 2000,
    maxClientCnxns: 0,
    'admin.enableServer': false,
    '4lw.commands.whitelist': 'srvr,ruok',
  });
  return file;
}

function writeBrokerConfig(broker: SourceBrokerPorts, state: BedState): string {
  const file = join(CONFIG_DIR, `source-broker-${broker.brokerId}.properties`);
  const listeners = `PLAINTEXT://${HOST}:${broker.plaintext},SASL_PLAINTEXT://${HOST}:${broker.saslPlaintext}`;
  writeProperties(file, {
    'broker.id': broker.brokerId,
    'log.dirs': brokerDataDir(broker.brokerId),
    'zookeeper.connect': ZOOKEEPER_CONNECT,
    'zookeeper.connection.timeout.ms': 18000,
    listeners,
    'advertised.listeners': listeners,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': SCRAM_SERVER_JAAS,
    ...commonBrokerProperties(state.scramUsername, 'kafka.security.authorizer.AclAuthorizer'),
  });
  return file;
}

/** Starts whatever part of the source is not running; returns the parts it started. */
export async function startSource(libs: KafkaLibs, state: BedState): Promise<PartName[]> {
  const started: PartName[] = [];
  const anyRunning = SOURCE_PARTS.some((name) => runningPid(name) !== undefined);
  if (!anyRunning) {
    rmSync(zookeeperDataDir, { recursive: true, force: true });
    for (const broker of PORTS.source) rmSync(brokerDataDir(broker.brokerId), { recursive: true, force: true });
  }
  mkdirSync(CONFIG_DIR, { recursive: true });

  if (runningPid('zookeeper') === undefined) {
    await assertPortsFree(PARTS.zookeeper.ports);
    const fresh = !existsSync(zookeeperDataDir);
    mkdirSync(zookeeperDataDir, { recursive: true });
    spawnJavaPart('zookeeper', libs, 'org.apache.zookeeper.server.ZooKeeperServerMain', [writeZookeeperConfig()]);
    started.push('zookeeper');
    await waitUntil(() => acceptsConnections(PORTS.zookeeper), {
      what: 'source ZooKeeper',
      parts: ['zookeeper'],
      timeoutMs: 120_000,
    });
    say(`source: ZooKeeper answers on ${ZOOKEEPER_CONNECT}`);
    if (fresh) {
      await addScramUser(libs, ['--zookeeper', ZOOKEEPER_CONNECT], state, 'creating the SCRAM user in ZooKeeper');
      say(`source: SCRAM-SHA-512 user ${state.scramUsername} created in ZooKeeper`);
    }
  }

  for (const broker of PORTS.source) {
    const name = `source-broker-${broker.brokerId}` as PartName;
    if (runningPid(name) !== undefined) continue;
    await assertPortsFree(PARTS[name].ports);
    mkdirSync(brokerDataDir(broker.brokerId), { recursive: true });
    spawnJavaPart(name, libs, 'kafka.Kafka', [writeBrokerConfig(broker, state)]);
    started.push(name);
  }
  return started;
}

export async function waitForSource(state: BedState, timeoutMs: number): Promise<void> {
  await waitUntil(() => clusterAnswers({ brokers: SOURCE_BOOTSTRAP.split(',') }, PORTS.source.length), {
    what: 'source cluster (2 brokers in the metadata over PLAINTEXT)',
    parts: SOURCE_PARTS,
    timeoutMs,
  });
  await waitUntil(
    () =>
      clusterAnswers(
        { brokers: SOURCE_SCRAM_BOOTSTRAP.split(','), sasl: { username: state.scramUsername, password: state.scramPassword } },
        PORTS.source.length,
      ),
    { what: 'source SCRAM login over SASL_PLAINTEXT', parts: SOURCE_PARTS, timeoutMs: 60_000 },
  );
  say(`source: 2 brokers answer on ${SOURCE_BOOTSTRAP} and SCRAM works on ${SOURCE_SCRAM_BOOTSTRAP}`);
}

