/** Every process of the test bed: its name (log and pid file), the ports it binds, and how to recognise it. */
import { PORTS, type PortUse, type SourceBrokerPorts, type TargetNodePorts } from './ports.js';

export type PartName =
  | 'zookeeper'
  | 'source-broker-1'
  | 'source-broker-2'
  | 'target-node-1'
  | 'target-node-2'
  | 'moto'
  | 'fake-msk';

export interface PartSpec {
  name: PartName;
  ports: PortUse[];
  /** A string found in the process's command line: guards against a pid reused by another program. */
  marker: string;
}

const javaMarker = (name: PartName): string => `-Dtestbed.part=${name}`;


function sourceBroker(name: PartName, ports: SourceBrokerPorts | undefined): PartSpec {
  if (ports === undefined) throw new Error(`no ports for ${name}`);
  return {
    name,
    marker: javaMarker(name),
    ports: [
      { port: ports.plaintext, purpose: `source broker ${ports.brokerId} PLAINTEXT` },
      { port: ports.saslPlaintext, purpose: `source broker ${ports.brokerId} SASL_PLAINTEXT` },
    ],
  };
}

function targetNode(name: PartName, ports: TargetNodePorts | undefined): PartSpec {
  if (ports === undefined) throw new Error(`no ports for ${name}`);
  return {
    name,
    marker: javaMarker(name),
    ports: [
      { port: ports.plaintext, purpose: `target node ${ports.nodeId} PLAINTEXT` },
      { port: ports.saslSsl, purpose: `target node ${ports.nodeId} SASL_SSL` },
      { port: ports.controller, purpose: `target node ${ports.nodeId} CONTROLLER` },
    ],
  };
}

export const PARTS: Record<PartName, PartSpec> = {
  zookeeper: {
    name: 'zookeeper',
    marker: javaMarker('zookeeper'),
    ports: [{ port: PORTS.zookeeper, purpose: 'source ZooKeeper' }],
  },
  'source-broker-1': sourceBroker('source-broker-1', PORTS.source[0]),
  'source-broker-2': sourceBroker('source-broker-2', PORTS.source[1]),
  'target-node-1': targetNode('target-node-1', PORTS.target[0]),
  'target-node-2': targetNode('target-node-2', PORTS.target[1]),
  moto: { name: 'moto', marker: 'moto_server', ports: [{ port: PORTS.moto, purpose: 'moto (S3, KMS)' }] },
  'fake-msk': {
    name: 'fake-msk',
    marker: 'fake-msk/main.ts',
    ports: [{ port: PORTS.fakeMsk, purpose: 'fake Amazon MSK control plane' }],
  },
};

export const SOURCE_PARTS: PartName[] = ['zookeeper', 'source-broker-1', 'source-broker-2'];
export const TARGET_PARTS: PartName[] = ['target-node-1', 'target-node-2'];
/** In the order `status` prints them and the reverse of the order `down` stops them. */
export const ALL_PARTS: PartName[] = [...SOURCE_PARTS, ...TARGET_PARTS, 'moto', 'fake-msk'];

export function allPorts(): number[] {
  return ALL_PARTS.flatMap((name) => PARTS[name].ports.map((use) => use.port));
}
