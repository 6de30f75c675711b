/**
 * One cluster as the wire reader and writer see it: kafkajs's broker pool (connections, TLS, SASL, through
 * engine/kafka/protocol/kafkajs-internals.ts) plus a cache of partition leaders from Metadata, refreshed when a
 * broker says it no longer leads.
 */
import { connectKafkajsLink } from '../connect-link.js';
import { kafkajsClientConfig, type KafkaClusterConnection, type KafkajsClientOptions } from '../kafkajs-options.js';
import { kafkajsRequest, protocolErrorName, type BrokerChannel, type KafkajsLink } from '../protocol/kafkajs-internals.js';
import { MigrationError } from '../../errors.js';
import type { PartitionRef } from '../../copy/positions.js';
import { RetryableWireError, type WireRetryEvent } from './retry.js';

export interface WireClientOptions extends KafkajsClientOptions {
  /** Budget for the first connection (TCP, TLS, SASL); default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Per request (a fetch adds its max wait); default 60 s. */
  readonly requestTimeoutMs?: number;
  /** Attempts after the first for leader changes and lost connections; default 10, backing off 300 ms to 30 s. */
  readonly retries?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Told about every failure that is retried (leader changes, lost connections), e.g. for the activity line. */
  readonly onRetry?: (event: WireRetryEvent) => void;
}

/** What the reader and writer need of a cluster; a test may wrap it to inject faults. */
export interface WireCluster {
  /** A connected channel to the partition's leader (from cached metadata). */
  leaderOf(ref: PartitionRef): Promise<BrokerChannel>;
  /** Any connected broker (for requests any broker answers, e.g. InitProducerId). */
  anyBroker(): Promise<BrokerChannel>;
  /** Loads the leaders of the topics not cached yet, in few Metadata requests (before working on many partitions). */
  warm(topics: readonly string[]): Promise<void>;
  /** Drops the cached leaders of `topic` (after NOT_LEADER_OR_FOLLOWER and the like). */
  forget(topic: string): void;
  /** The topic's max.message.bytes, or undefined when it cannot be read (no DESCRIBE_CONFIGS). */
  maxMessageBytes(topic: string): Promise<number | undefined>;
  readonly requestTimeoutMs: number;
  readonly clientId: string;
  close(): Promise<void>;
}

interface RawMetadata {
  topicMetadata: { topicErrorCode: number; topic: string; partitionMetadata: { partitionErrorCode: number; partitionId: number; leader: number }[] }[];
}

const TOPIC_AUTHORIZATION_FAILED = 29;
const METADATA_CHUNK = 500;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const MISSING_TOPIC_GRACE_MS = 10_000;
const KAFKAJS_INNER_RETRY = { retries: 2, initialRetryTime: 300, maxRetryTime: 2_000 };

class KafkajsWireCluster implements WireCluster {
  private readonly leaders = new Map<string, Map<number, number>>();
  private readonly configs = new Map<string, Promise<number | undefined>>();
  private readonly missingSince = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly link: KafkajsLink,
    readonly clientId: string,
    readonly requestTimeoutMs: number,
  ) {}

  /** Loads the leaders of `topics` in one Metadata request; a topic that cannot be described fails the call. */
  private async loadLeaders(topics: readonly string[]): Promise<void> {
    const channel = await this.link.anyBroker();
    const metadata = await channel.send(
      kafkajsRequest<RawMetadata>(channel, 'Metadata', { topics: [...topics], allowAutoTopicCreation: false }, 1),
    );
    for (const topic of topics) {
      const entry = metadata.topicMetadata.find((candidate) => candidate.topic === topic);
      if (entry === undefined || entry.topicErrorCode !== 0) {
        const code = entry?.topicErrorCode ?? 3;
        if (code === TOPIC_AUTHORIZATION_FAILED) {
          throw new MigrationError({
            code: 'CLUSTER_UNREACHABLE',
            message: `${this.clientId}: not allowed to describe topic ${topic} (TOPIC_AUTHORIZATION_FAILED)`,
            hint: 'Grant the principal DESCRIBE and READ (source) or WRITE (target) on the topic.',
          });
        }
        if (code === UNKNOWN_TOPIC_OR_PARTITION) this.missing(topic);
        throw new RetryableWireError(`metadata for ${topic}: ${protocolErrorName(code)}`);
      }
      this.missingSince.delete(topic);
      const leaders = new Map<number, number>();
      for (const p of entry.partitionMetadata) leaders.set(p.partitionId, p.leader);
      this.leaders.set(topic, leaders);
    }
  }

  /**
   * A topic Metadata does not know: retried for a while (a topic just created takes a moment to reach every broker),
   * then a plain error rather than minutes of backoff.
   */
  private missing(topic: string): void {
    const since = this.missingSince.get(topic);
    if (since === undefined) {
      this.missingSince.set(topic, Date.now());
      return;
    }
    if (Date.now() - since > MISSING_TOPIC_GRACE_MS) {
      this.missingSince.delete(topic);
      throw new MigrationError({
        code: 'STATE',
        message: `${this.clientId}: topic ${topic} does not exist (UNKNOWN_TOPIC_OR_PARTITION for ${MISSING_TOPIC_GRACE_MS / 1000} s)`,
        hint: 'It was deleted, or never created on this cluster; check the topic list (and the plan) before going on.',
      });
    }
  }

  async warm(topics: readonly string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((topic) => !this.leaders.has(topic));
    for (let i = 0; i < missing.length; i += METADATA_CHUNK) await this.loadLeaders(missing.slice(i, i + METADATA_CHUNK));
  }

  /** After close(), nothing reconnects: a retry in flight fails instead of opening new connections. */
  private checkOpen(): void {
    if (this.closed) {
      throw new MigrationError({ code: 'STATE', message: `${this.clientId}: the connection was closed; open a new reader or writer` });
    }
  }

  async leaderOf(ref: PartitionRef): Promise<BrokerChannel> {
    this.checkOpen();
    if (!this.leaders.has(ref.topic)) await this.loadLeaders([ref.topic]);
    const leader = this.leaders.get(ref.topic)?.get(ref.partition);
    if (leader === undefined) {
      this.forget(ref.topic);
      throw new RetryableWireError(`${ref.topic}-${ref.partition}: no such partition in the metadata`);
    }
    if (leader < 0) {
      this.forget(ref.topic);
      throw new RetryableWireError(`${ref.topic}-${ref.partition}: no leader (LEADER_NOT_AVAILABLE)`);
    }
    return this.link.broker(leader);
  }

  async anyBroker(): Promise<BrokerChannel> {
    this.checkOpen();
    return this.link.anyBroker();
  }

  forget(topic: string): void {
    this.leaders.delete(topic);
  }

  maxMessageBytes(topic: string): Promise<number | undefined> {
    let known = this.configs.get(topic);
    if (known === undefined) {
      known = this.link.admin
        .describeConfigs({ resources: [{ type: 2, name: topic, configNames: ['max.message.bytes'] }], includeSynonyms: false })
        .then(
          (answer) => {
            const value = answer.resources[0]?.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue;
            const parsed = value === undefined || value === null ? Number.NaN : Number(value);
            return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
          },
          () => undefined,
        );
      this.configs.set(topic, known);
    }
    return known;
  }

  close(): Promise<void> {
    this.closed = true;
    return this.link.disconnect();
  }
}

export async function connectWireCluster(connection: KafkaClusterConnection, options: WireClientOptions = {}): Promise<WireCluster> {
  const base = kafkajsClientConfig(connection, options);
  const requestTimeoutMs = options.requestTimeoutMs ?? base.requestTimeout ?? 60_000;
  // Our own retry loop (retry.ts) decides how long a failing request is tried; kafkajs's (connecting, refreshing
  // metadata) stays short so the two do not multiply into tens of minutes against a broker that is down.
  const config = { ...base, requestTimeout: requestTimeoutMs, retry: { ...base.retry, ...KAFKAJS_INNER_RETRY } };
  const link = await connectKafkajsLink(connection, config, options.connectTimeoutMs ?? 10_000, {
    auth: 'Check auth.mode, username and password for this cluster (for MSK SCRAM: the AmazonMSK_* secret associated with the cluster).',
    unreachable: 'Check the bootstrap servers, that this host can reach them (security groups, VPC, tunnel), and the tls and auth settings.',
  });
  return new KafkajsWireCluster(link, connection.clientId, requestTimeoutMs);
}
