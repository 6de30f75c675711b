/**
 * The ONE place that reaches into kafkajs 2.2.4's internals (its `src/` files, which it does not export).
 *
 * Why: kafkajs's public Admin lacks DescribeLogDirs, and its ListOffsets (READ_COMMITTED, stops at the first
 * partition error) and Metadata (throws on any partition error, hides `isInternal` and racks) do not give what
 * discovery needs. So we build kafkajs's own Cluster (its broker pool, connections, SASL and TLS), hand that same
 * Cluster to kafkajs's Admin so both share connections, and send requests to a chosen broker ourselves, decoded by
 * kafkajs's request definitions (or our own, `describe-log-dirs.ts`) with kafkajs's per-request error check skipped.
 *
 * kafkajs has no `exports` map, so `require('kafkajs/src/...')` resolves; Node shares one module instance between
 * this `require` and `import 'kafkajs'`. Replacing the client library means replacing this file and
 * `kafkajs-admin.ts`, nothing else.
 */
import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';
import type { Admin, KafkaConfig } from 'kafkajs';

const require = createRequire(import.meta.url);

/** The subset of kafkajs's protocol Encoder we use. */
export interface KafkajsEncoder {
  writeInt8(value: number): KafkajsEncoder;
  writeInt16(value: number): KafkajsEncoder;
  writeInt32(value: number): KafkajsEncoder;
  writeInt64(value: number | string | bigint): KafkajsEncoder;
  writeBoolean(value: boolean): KafkajsEncoder;
  writeString(value: string | null): KafkajsEncoder;
  writeArray(array: unknown[], type?: 'int32' | 'string' | 'object'): KafkajsEncoder;
  writeNullableArray(array: unknown[], type?: 'int32' | 'string' | 'object'): KafkajsEncoder;
  /** Appends bytes as they are (a request body we encoded ourselves, e.g. engine/kafka/protocol/fetch.ts). */
  writeBuffer(value: Buffer): KafkajsEncoder;
  readonly buffer: Buffer;
}

/** The subset of kafkajs's protocol Decoder we use. int64 values come back as Long objects (use `toString()`). */
export interface KafkajsDecoder {
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readInt64(): { toString(): string };
  readBoolean(): boolean;
  readString(): string | null;
  readArray<T>(reader: (decoder: KafkajsDecoder) => T): T[];
  canReadInt32(): boolean;
}

type EncoderClass = new () => KafkajsEncoder;
type DecoderClass = new (buffer: Buffer) => KafkajsDecoder;

export const KafkajsEncoderClass: EncoderClass = require('kafkajs/src/protocol/encoder.js');
export const KafkajsDecoderClass: DecoderClass = require('kafkajs/src/protocol/decoder.js');

/** A request as kafkajs's connection sends it: an encoder and a decoder (`parse` may throw on error codes). */
export interface KafkajsProtocolRequest<T> {
  readonly request: {
    readonly apiKey: number;
    readonly apiVersion: number;
    readonly apiName: string;
    encode(): Promise<KafkajsEncoder>;
  };
  readonly response: { decode(payload: Buffer): Promise<T>; parse(data: T): Promise<T> };
  readonly requestTimeout?: number;
  readonly logResponseError?: boolean;
}

export interface ApiVersionRange {
  readonly minVersion: number;
  readonly maxVersion: number;
}

interface RawConnection {
  isConnected(): boolean;
  connect(): Promise<unknown>;
}

interface RawBroker {
  nodeId: number | null;
  versions: Record<number, ApiVersionRange> | null;
  isConnected(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** kafkajs 2.2.4: two connections per broker, Fetch on `pool[1]`, everything else on `pool[0]`. */
  connectionPool: { send<T>(request: KafkajsProtocolRequest<T>): Promise<T>; pool?: RawConnection[] };
}

interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): Array<number | string>;
  findBroker(options: { nodeId: string }): Promise<RawBroker>;
  brokerPool: { seedBroker?: RawBroker; brokers: Record<string, RawBroker>; versions?: Record<number, ApiVersionRange> };
}

type ClusterConstructor = new (options: Record<string, unknown>) => RawCluster;
type AdminFactory = (options: { logger: unknown; retry: unknown; cluster: RawCluster; instrumentationEmitter?: unknown }) => Admin;

interface RequestDefinitions {
  versions: string[];
  protocol(options: { version: number }): (args: Record<string, unknown>) => KafkajsProtocolRequest<unknown>;
}

const ClusterClass: ClusterConstructor = require('kafkajs/src/cluster/index.js');
const createAdmin: AdminFactory = require('kafkajs/src/admin/index.js');
const defaultSocketFactory: () => unknown = require('kafkajs/src/network/socketFactory.js');
const { requests } = require('kafkajs/src/protocol/requests/index.js') as { requests: Record<string, RequestDefinitions> };
const apiKeys: Record<string, number> = require('kafkajs/src/protocol/requests/apiKeys.js');
const { errorCodes } = require('kafkajs/src/protocol/error.js') as { errorCodes: Array<{ type: string; code: number; retriable: boolean }> };

/** Kafka's name for a protocol error code (`NOT_LEADER_OR_FOLLOWER` is kafkajs's `NOT_LEADER_FOR_PARTITION`). */
export function protocolErrorName(code: number): string {
  return errorCodes.find((entry) => entry.code === code)?.type ?? `ERROR_${code}`;
}

/** One broker's connection, for requests kafkajs's Broker class does not offer. */
export interface BrokerChannel {
  readonly nodeId: number;
  /** The versions of `apiKey` the broker accepts; undefined when it does not know the API at all. */
  versions(apiKey: number): ApiVersionRange | undefined;
  send<T>(request: KafkajsProtocolRequest<T>): Promise<T>;
}

export type KafkajsRequestName = 'Metadata' | 'ListOffsets';

/**
 * kafkajs's own definition of `apiName`, at the highest version both kafkajs and the broker implement (and at least
 * `minVersion`), with kafkajs's error check skipped so the caller sees every per-partition error code.
 */
export function kafkajsRequest<T>(
  channel: BrokerChannel,
  apiName: KafkajsRequestName,
  args: Record<string, unknown>,
  minVersion = 0,
): KafkajsProtocolRequest<T> {
  const definitions = requests[apiName];
  const apiKey = apiKeys[apiName];
  if (definitions === undefined || apiKey === undefined) throw new Error(`kafkajs has no ${apiName} request`);
  const range = channel.versions(apiKey);
  const implemented = definitions.versions.map(Number);
  const best = Math.min(Math.max(...implemented), range?.maxVersion ?? -1);
  if (range === undefined || best < Math.max(range.minVersion, minVersion)) {
    throw new Error(
      `broker ${channel.nodeId} accepts ${apiName} ${range === undefined ? 'in no version' : `v${range.minVersion}-v${range.maxVersion}`}; ` +
        `this client implements v${Math.max(minVersion, Math.min(...implemented))}-v${Math.max(...implemented)}`,
    );
  }
  const built = definitions.protocol({ version: best })(args) as KafkajsProtocolRequest<T>;
  return { request: built.request, response: { decode: built.response.decode, parse: async (data: T) => data } };
}

/** kafkajs's Cluster (connections) and Admin (sharing it), plus direct per-broker channels. */
export interface KafkajsLink {
  readonly admin: Admin;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Reloads kafkajs's broker list (needed before `broker()` finds a broker it has not seen). */
  refreshMetadata(): Promise<void>;
  /** A connected broker by node id. */
  broker(nodeId: number): Promise<BrokerChannel>;
  /** The broker kafkajs bootstrapped from (connected once `connect()` resolved). */
  anyBroker(): Promise<BrokerChannel>;
}

const connecting = new WeakMap<RawConnection, Promise<unknown>>();

/**
 * kafkajs's ConnectionPool connects a connection on first use without a lock: requests sent at the same time to a
 * broker whose connection is not up yet (concurrent Fetches of several partitions) each open a socket, and all but the
 * last stay open after disconnect, so the process never exits. One connect per connection at a time.
 */
async function connectOnce(broker: RawBroker, apiKey: number): Promise<void> {
  const connection = broker.connectionPool.pool?.[apiKey === apiKeys['Fetch'] ? 1 : 0];
  if (connection === undefined || connection.isConnected()) return;
  let pending = connecting.get(connection);
  if (pending === undefined) {
    pending = connection.connect().finally(() => connecting.delete(connection));
    connecting.set(connection, pending);
  }
  await pending;
}

function channelOf(broker: RawBroker, fallbackVersions: () => Record<number, ApiVersionRange> | undefined): BrokerChannel {
  return {
    nodeId: broker.nodeId ?? -1,
    versions: (apiKey) => (broker.versions ?? fallbackVersions())?.[apiKey],
    send: async (request) => {
      await connectOnce(broker, request.request.apiKey);
      return broker.connectionPool.send(request);
    },
  };
}

const METADATA_MAX_AGE_MS = 300_000;

export function openKafkajsLink(config: KafkaConfig): KafkajsLink {
  const kafka = new kafkajs.Kafka(config);
  const logger = kafka.logger();
  const cluster = new ClusterClass({
    logger,
    socketFactory: config.socketFactory ?? defaultSocketFactory(),
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl,
    clientId: config.clientId,
    connectionTimeout: config.connectionTimeout,
    authenticationTimeout: config.authenticationTimeout,
    reauthenticationThreshold: config.reauthenticationThreshold,
    requestTimeout: config.requestTimeout,
    enforceRequestTimeout: config.enforceRequestTimeout,
    retry: config.retry,
    metadataMaxAge: METADATA_MAX_AGE_MS,
    // Read-only: a metadata request must never create a topic on a broker with auto.create.topics.enable.
    allowAutoTopicCreation: false,
    maxInFlightRequests: null,
  });
  const admin = createAdmin({ logger, retry: config.retry, cluster });
  const poolVersions = () => cluster.brokerPool.versions;

  return {
    admin,
    connect: () => cluster.connect(),
    disconnect: () => cluster.disconnect(),
    refreshMetadata: () => cluster.refreshMetadata(),
    broker: async (nodeId) => {
      if (cluster.brokerPool.brokers[String(nodeId)] === undefined) await cluster.refreshMetadata();
      return channelOf(await cluster.findBroker({ nodeId: String(nodeId) }), poolVersions);
    },
    anyBroker: async () => {
      const seed = cluster.brokerPool.seedBroker;
      if (seed === undefined) throw new Error('not connected');
      if (!seed.isConnected()) await seed.connect();
      return channelOf(seed, poolVersions);
    },
  };
}
