/** The fixed ports of the test bed (all on 127.0.0.1) and the checks around them. */
import { execFile } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { promisify } from 'node:util';

export const HOST = '127.0.0.1';

export interface SourceBrokerPorts {
  brokerId: number;
  plaintext: number;
  saslPlaintext: number;
}

export interface TargetNodePorts {
  nodeId: number;
  plaintext: number;
  saslSsl: number;
  controller: number;
}

export const PORTS: {
  zookeeper: number;
  source: readonly SourceBrokerPorts[];
  target: readonly TargetNodePorts[];
  moto: number;
  fakeMsk: number;
} = {
  zookeeper: 12181,
  source: [
    { brokerId: 1, plaintext: 19092, saslPlaintext: 19192 },
    { brokerId: 2, plaintext: 19093, saslPlaintext: 19193 },
  ],
  target: [
    { nodeId: 1, plaintext: 29092, saslSsl: 29192, controller: 29392 },
    { nodeId: 2, plaintext: 29093, saslSsl: 29193, controller: 29393 },
  ],
  moto: 15000,
  fakeMsk: 18443,
};

export interface PortUse {
  port: number;
  /** What the bed uses it for, e.g. "source broker 1 PLAINTEXT". */
  purpose: string;
}

export function hostPorts(ports: readonly number[]): string {
  return ports.map((port) => `${HOST}:${port}`).join(',');
}

/** True when nothing can bind 127.0.0.1:port, i.e. something already listens there. */
export function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(true));
    server.listen({ port, host: HOST, exclusive: true }, () => {
      server.close(() => resolvePromise(false));
    });
  });
}

/** Who listens on a port, as `ss` tells it (empty when unknown). For error messages only. */
export async function describeListener(port: number): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('ss', ['-ltnpH', `sport = :${port}`], { timeout: 5_000 });
    const users = [...stdout.matchAll(/users:\(\((.*?)\)\)/g)].map((match) => match[1]).filter(Boolean);
    return users.length > 0 ? users.join('; ') : stdout.trim();
  } catch {
    return '';
  }
}

/** Fails, naming the port and its holder, when any of the ports is taken. */
export async function assertPortsFree(uses: readonly PortUse[]): Promise<void> {
  for (const use of uses) {
    if (await isPortTaken(use.port)) {
      const holder = await describeListener(use.port);
      throw new Error(
        `port ${use.port} (${use.purpose}) is already in use by a process this test bed did not start` +
          (holder ? ` [${holder}]` : '') +
          '; stop it, or run `npm run testbed -- down` if it is a leftover of an earlier bed',
      );
    }
  }
}

/** The ports among `ports` that something still listens on. */
export async function listeningPorts(ports: readonly number[]): Promise<number[]> {
  const taken: number[] = [];
  for (const port of ports) {
    if (await isPortTaken(port)) taken.push(port);
  }
  return taken;
}

/** True when a TCP connection to 127.0.0.1:port is accepted. */
export function acceptsConnections(port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host: HOST });
    const done = (answer: boolean) => {
      socket.destroy();
      resolvePromise(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
