/**
 * The ApplierPort over kafkajs 2.2.4's connections. kafkajs's Admin is not used for writes: its createTopics cannot
 * say which topics it created, its createAcls refuses newer operations and hides which binding failed, and its
 * alterConfigs is the legacy AlterConfigs that replaces a topic's whole dynamic config. So every write here is a
 * request of our own (`protocol/create-topics.ts`, `protocol/incremental-alter-configs.ts`,
 * `protocol/acl-requests.ts`) sent over kafkajs's broker connections (`protocol/kafkajs-internals.ts`).
 *
 * Never sent from here: AlterConfigs (33), DeleteTopics, CreatePartitions, DeleteRecords.
 */
import type { KafkaConfig } from 'kafkajs';
import { MigrationError } from '../errors.js';
import type {
  AclBinding,
  AclCreateResult,
  AclDeleteResult,
  ApplierFailure,
  ApplierPort,
  ConfigAlteration,
  CreateTopicResult,
  NewTopic,
} from './applier-port.js';
import { kafkajsClientConfig, type KafkaClusterConnection, type KafkajsClientOptions } from './kafkajs-options.js';
import { connectKafkajsLink, messageOf } from './connect-link.js';
import { chunk } from './map-limit.js';
import { aclOperationCode, aclPatternTypeCode, aclPermissionCode, aclResourceTypeCode } from './protocol/acl-codes.js';
import {
  ACL_REQUESTS_VERSION,
  CREATE_ACLS_API_KEY,
  DELETE_ACLS_API_KEY,
  createAclsRequest,
  deleteAclsRequest,
  type AclBindingCodes,
} from './protocol/acl-requests.js';
import { CREATE_TOPICS_API_KEY, createTopicsRequest, createTopicsVersion } from './protocol/create-topics.js';
import {
  INCREMENTAL_ALTER_CONFIGS_API_KEY,
  INCREMENTAL_ALTER_CONFIGS_VERSION,
  incrementalAlterConfigsRequest,
} from './protocol/incremental-alter-configs.js';
import { kafkajsRequest, protocolErrorName, type BrokerChannel, type KafkajsLink } from './protocol/kafkajs-internals.js';
import { CONFIG_RESOURCE_TOPIC } from './protocol/names.js';

export interface KafkajsApplierOptions extends KafkajsClientOptions {
  /** Budget for the first connection (TCP, TLS, SASL); default 10 s. */
  connectTimeoutMs?: number;
  /** Per request; default 60 s. */
  requestTimeoutMs?: number;
  /** How long the brokers may take to create a batch of topics (CreateTopics timeout_ms); default 30 s. */
  createTimeoutMs?: number;
  /** How long to wait for the partitions of created topics to have leaders; default 60 s. */
  leaderWaitMs?: number;
  /** Attempts per request when the answer is retriable (NOT_CONTROLLER, REQUEST_TIMED_OUT, lost connection); default 5. */
  attempts?: number;
  /** Topics per CreateTopics request and bindings per ACL request; default 50. */
  batchSize?: number;
}

const TOPIC_ALREADY_EXISTS = 36;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const LEADER_NOT_AVAILABLE = 5;
const REQUEST_TIMED_OUT = 7;
const NOT_CONTROLLER = 41;
const RETRIABLE = new Set([REQUEST_TIMED_OUT, NOT_CONTROLLER, 14 /* COORDINATOR_LOAD_IN_PROGRESS */, 15, 89 /* THROTTLING_QUOTA_EXCEEDED */]);
/** A topic config change right after creation can reach a broker whose metadata does not have the topic yet. */
const RETRIABLE_ALTER = new Set([...RETRIABLE, UNKNOWN_TOPIC_OR_PARTITION]);

interface RawMetadata {
  controllerId?: number;
  topicMetadata: { topicErrorCode: number; topic: string; partitionMetadata: { partitionErrorCode: number; partitionId: number; leader: number }[] }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => Math.min(200 * 2 ** attempt, 5_000);


const failure = (errorCode: number, errorMessage: string | null): ApplierFailure => {
  const code = protocolErrorName(errorCode);
  return { code, message: errorMessage !== null && errorMessage !== '' ? `${code}: ${errorMessage}` : code };
};

/** The protocol codes of a binding, or why it cannot be written. */
function bindingCodes(acl: AclBinding): AclBindingCodes | ApplierFailure {
  const resourceType = aclResourceTypeCode(acl.resourceType);
  const patternType = aclPatternTypeCode(acl.patternType);
  const operation = aclOperationCode(acl.operation);
  const permissionType = aclPermissionCode(acl.permissionType);
  if (resourceType === undefined || patternType === undefined || operation === undefined || permissionType === undefined) {
    const bad = [
      resourceType === undefined ? `resource type ${acl.resourceType}` : null,
      patternType === undefined ? `pattern type ${acl.patternType}` : null,
      operation === undefined ? `operation ${acl.operation}` : null,
      permissionType === undefined ? `permission ${acl.permissionType}` : null,
    ].filter((part): part is string => part !== null);
    return { code: 'UNSUPPORTED_ACL', message: `cannot write an ACL with ${bad.join(', ')}` };
  }
  return { resourceType, resourceName: acl.resourceName, patternType, principal: acl.principal, host: acl.host, operation, permissionType };
}

/** The kafkajs client config the applier uses: the operator's connection settings with the long-running defaults. */
export function applierKafkaConfig(connection: KafkaClusterConnection, options: KafkajsApplierOptions = {}): KafkaConfig {
  const base = kafkajsClientConfig(connection, options);
  return { ...base, requestTimeout: options.requestTimeoutMs ?? base.requestTimeout ?? 60_000 };
}

/**
 * Connects to the target and returns its ApplierPort. Throws CLUSTER_UNREACHABLE (retriable unless authentication
 * failed) when no broker answers within `connectTimeoutMs`, and CONFIG_INVALID for unusable connection settings.
 */
export async function connectKafkajsApplier(connection: KafkaClusterConnection, options: KafkajsApplierOptions = {}): Promise<ApplierPort> {
  const config = applierKafkaConfig(connection, options);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const link = await connectKafkajsLink(connection, config, connectTimeoutMs, {
    auth: 'Check the target auth.mode, username and password (for MSK SCRAM: the AmazonMSK_* secret associated with the cluster).',
    unreachable: 'Check the target bootstrap servers, that this host can reach them, and the tls and auth settings.',
  });
  return applierOverLink(link, { ...options, requestTimeoutMs: config.requestTimeout ?? 60_000 });
}

/** The ApplierPort over an open link (connections already made); `connectKafkajsApplier` is the usual way in. */
export function applierOverLink(link: KafkajsLink, options: KafkajsApplierOptions = {}): ApplierPort {
  return new KafkajsApplier(link, {
    requestTimeout: options.requestTimeoutMs ?? 60_000,
    createTimeoutMs: options.createTimeoutMs ?? 30_000,
    leaderWaitMs: options.leaderWaitMs ?? 60_000,
    attempts: Math.max(1, options.attempts ?? 5),
    batchSize: Math.max(1, options.batchSize ?? 50),
  });
}

interface Settings {
  readonly requestTimeout: number;
  readonly createTimeoutMs: number;
  readonly leaderWaitMs: number;
  readonly attempts: number;
  readonly batchSize: number;
}

class KafkajsApplier implements ApplierPort {
  constructor(
    private readonly link: KafkajsLink,
    private readonly settings: Settings,
  ) {}

  private async metadata(topics: readonly string[]): Promise<RawMetadata> {
    const channel = await this.link.anyBroker();
    // v4+ so that asking about a topic never auto-creates it.
    return channel.send({
      ...kafkajsRequest<RawMetadata>(channel, 'Metadata', { topics: [...topics], allowAutoTopicCreation: false }, 4),
      requestTimeout: this.settings.requestTimeout,
    });
  }

  /** The controller (ZooKeeper mode needs it for CreateTopics; on KRaft any broker forwards, this is one of them). */
  private async controller(topics: readonly string[]): Promise<BrokerChannel> {
    const metadata = await this.metadata(topics);
    if (metadata.controllerId === undefined || metadata.controllerId < 0) return this.link.anyBroker();
    return this.link.broker(metadata.controllerId);
  }

  private unsupported(channel: BrokerChannel, apiName: string, apiKey: number, wanted: string): MigrationError {
    const range = channel.versions(apiKey);
    return new MigrationError({
      code: 'CLUSTER_UNREACHABLE',
      message: `broker ${channel.nodeId} accepts ${apiName} ${range === undefined ? 'in no version' : `v${range.minVersion}-v${range.maxVersion}`}; this tool sends ${wanted}`,
      hint: 'The target must run Kafka 2.3 or later (MSK KRaft clusters run 3.7+).',
    });
  }

  async createTopics(topics: readonly NewTopic[]): Promise<CreateTopicResult[]> {
    const results = new Map<string, CreateTopicResult>();
    for (const batch of chunk(topics, this.settings.batchSize)) await this.createBatch(batch, results);
    const created = topics.filter((topic) => results.get(topic.name)?.outcome === 'created');
    await this.waitForLeaders(created);
    return topics.map(
      (topic) =>
        results.get(topic.name) ?? { name: topic.name, outcome: 'failed', error: { code: 'REQUEST_FAILED', message: 'no answer for this topic' } },
    );
  }

  private async createBatch(batch: readonly NewTopic[], results: Map<string, CreateTopicResult>): Promise<void> {
    let pending = [...batch];
    /** Topics whose creation may have happened without us seeing the answer (timeout, lost connection). */
    const maybeCreated = new Set<string>();
    let lastError = '';
    for (let attempt = 0; attempt < this.settings.attempts && pending.length > 0; attempt++) {
      if (attempt > 0) {
        await sleep(backoff(attempt));
        await this.link.refreshMetadata().catch(() => undefined);
      }
      let response;
      let sent = false;
      try {
        const channel = await this.controller(pending.map((topic) => topic.name));
        const version = createTopicsVersion(channel.versions(CREATE_TOPICS_API_KEY));
        if (version === undefined) throw this.unsupported(channel, 'CreateTopics', CREATE_TOPICS_API_KEY, 'v2-v4');
        sent = true;
        response = await channel.send(
          createTopicsRequest(
            pending.map((topic) => ({ name: topic.name, numPartitions: topic.partitions, replicationFactor: topic.replicationFactor, configs: topic.configs })),
            { version, timeoutMs: this.settings.createTimeoutMs, requestTimeout: this.settings.requestTimeout + this.settings.createTimeoutMs },
          ),
        );
      } catch (error) {
        if (error instanceof MigrationError) throw error;
        lastError = messageOf(error);
        // Sent but unanswered: the controller may have created them.
        if (sent) pending.forEach((topic) => maybeCreated.add(topic.name));
        continue;
      }
      const answers = new Map(response.topics.map((entry) => [entry.name, entry]));
      const retry: NewTopic[] = [];
      for (const topic of pending) {
        const answer = answers.get(topic.name);
        if (answer === undefined) {
          lastError = `no answer for ${topic.name}`;
          retry.push(topic);
        } else if (answer.errorCode === 0) {
          results.set(topic.name, { name: topic.name, outcome: 'created' });
        } else if (answer.errorCode === TOPIC_ALREADY_EXISTS) {
          // Exists now although an earlier attempt of ours may have created it: that attempt's answer was lost.
          results.set(topic.name, { name: topic.name, outcome: maybeCreated.has(topic.name) ? 'created' : 'already-exists' });
        } else if (RETRIABLE.has(answer.errorCode)) {
          if (answer.errorCode === REQUEST_TIMED_OUT) maybeCreated.add(topic.name);
          lastError = failure(answer.errorCode, answer.errorMessage).message;
          retry.push(topic);
        } else {
          results.set(topic.name, { name: topic.name, outcome: 'failed', error: failure(answer.errorCode, answer.errorMessage) });
        }
      }
      pending = retry;
    }
    if (pending.length > 0) {
      throw new MigrationError({
        code: 'CLUSTER_UNREACHABLE',
        message: `CreateTopics for ${pending.map((topic) => topic.name).join(', ')} still failing after ${this.settings.attempts} attempts (last: ${lastError})`,
        hint: 'The target controller may be moving or restarting; run the command again to resume (created topics are kept).',
        retriable: true,
      });
    }
  }

  private async waitForLeaders(topics: readonly NewTopic[]): Promise<void> {
    if (topics.length === 0) return;
    const expected = new Map(topics.map((topic) => [topic.name, topic.partitions]));
    const deadline = Date.now() + this.settings.leaderWaitMs;
    let waiting: string[] = [...expected.keys()];
    for (let round = 0; ; round++) {
      const metadata = await this.metadata(waiting).catch(() => undefined);
      if (metadata !== undefined) {
        const ready = new Set(
          metadata.topicMetadata
            .filter(
              (topic) =>
                topic.topicErrorCode === 0 &&
                topic.partitionMetadata.length === expected.get(topic.topic) &&
                topic.partitionMetadata.every((partition) => partition.leader >= 0 && partition.partitionErrorCode !== LEADER_NOT_AVAILABLE),
            )
            .map((topic) => topic.topic),
        );
        waiting = waiting.filter((name) => !ready.has(name));
      }
      if (waiting.length === 0) return;
      if (Date.now() >= deadline) {
        throw new MigrationError({
          code: 'CLUSTER_UNREACHABLE',
          message: `topics created, but ${waiting.length} still without a leader for every partition after ${this.settings.leaderWaitMs} ms: ${waiting.slice(0, 10).join(', ')}${waiting.length > 10 ? ', ...' : ''}`,
          hint: 'Check the target brokers are all up; run the command again to resume (the topics are kept).',
          retriable: true,
        });
      }
      await sleep(Math.min(100 * 2 ** round, 1_000));
    }
  }

  async incrementalAlterTopicConfigs(topic: string, alterations: readonly ConfigAlteration[]): Promise<void> {
    if (alterations.length === 0) return;
    for (const alteration of alterations) {
      if (alteration.op === 'SET' && alteration.value === null) {
        throw new MigrationError({ code: 'INTERNAL', message: `SET ${alteration.name} on topic ${topic} without a value` });
      }
    }
    const names = alterations.map((alteration) => alteration.name);
    if (new Set(names).size !== names.length) {
      throw new MigrationError({ code: 'INTERNAL', message: `topic ${topic}: a config is altered twice in one request (${names.join(', ')})` });
    }
    const resource = {
      resourceType: CONFIG_RESOURCE_TOPIC,
      resourceName: topic,
      configs: alterations.map((alteration) => ({ name: alteration.name, operation: alteration.op, value: alteration.value })),
    };
    let lastError = '';
    for (let attempt = 0; attempt < this.settings.attempts; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt));
      let response;
      try {
        const channel = await this.link.anyBroker();
        const range = channel.versions(INCREMENTAL_ALTER_CONFIGS_API_KEY);
        if (range === undefined || range.minVersion > INCREMENTAL_ALTER_CONFIGS_VERSION || range.maxVersion < INCREMENTAL_ALTER_CONFIGS_VERSION) {
          throw this.unsupported(channel, 'IncrementalAlterConfigs', INCREMENTAL_ALTER_CONFIGS_API_KEY, `v${INCREMENTAL_ALTER_CONFIGS_VERSION}`);
        }
        response = await channel.send(incrementalAlterConfigsRequest([resource], { requestTimeout: this.settings.requestTimeout }));
      } catch (error) {
        if (error instanceof MigrationError) throw error;
        lastError = messageOf(error);
        continue;
      }
      const answer = response.responses.find((entry) => entry.resourceName === topic) ?? response.responses[0];
      if (answer === undefined) {
        lastError = 'no answer for the topic';
        continue;
      }
      if (answer.errorCode === 0) return;
      const problem = failure(answer.errorCode, answer.errorMessage);
      if (RETRIABLE_ALTER.has(answer.errorCode)) {
        lastError = problem.message;
        continue;
      }
      throw new MigrationError({
        code: 'PRECHECK_BLOCKED',
        message: `the target refused to change configs of topic ${topic} (${alterations.map((a) => `${a.op} ${a.name}`).join(', ')}): ${problem.message}`,
        hint:
          problem.code === 'TOPIC_AUTHORIZATION_FAILED' || problem.code === 'CLUSTER_AUTHORIZATION_FAILED'
            ? 'Grant ALTER_CONFIGS on the topic to the principal the tool connects to the target as.'
            : 'Check the value against the target Kafka version (kafka-configs --describe on the target), fix it on the source or exclude the topic, and run the command again.',
      });
    }
    throw new MigrationError({
      code: 'CLUSTER_UNREACHABLE',
      message: `IncrementalAlterConfigs on topic ${topic} still failing after ${this.settings.attempts} attempts (last: ${lastError})`,
      hint: 'Run the command again to resume; config changes are idempotent.',
      retriable: true,
    });
  }

  async createAcls(acls: readonly AclBinding[]): Promise<AclCreateResult[]> {
    return this.aclBatches(acls, CREATE_ACLS_API_KEY, 'CreateAcls', async (channel, codes) => {
      const response = await channel.send(createAclsRequest(codes, this.settings.requestTimeout));
      return response.results.map((result) => ({ errorCode: result.errorCode, errorMessage: result.errorMessage, removed: 0 }));
    }).then((answers) =>
      answers.map(({ acl, answer }): AclCreateResult =>
        'code' in answer ? { acl, outcome: 'failed', error: answer } : { acl, outcome: 'created' },
      ),
    );
  }

  async deleteAcls(acls: readonly AclBinding[]): Promise<AclDeleteResult[]> {
    return this.aclBatches(acls, DELETE_ACLS_API_KEY, 'DeleteAcls', async (channel, codes) => {
      const response = await channel.send(deleteAclsRequest(codes, this.settings.requestTimeout));
      return response.results.map((result) => {
        const matchFailure = result.matching.find((match) => match.errorCode !== 0);
        return matchFailure === undefined || result.errorCode !== 0
          ? { errorCode: result.errorCode, errorMessage: result.errorMessage, removed: result.matching.length }
          : { errorCode: matchFailure.errorCode, errorMessage: matchFailure.errorMessage, removed: 0 };
      });
    }).then((answers) =>
      answers.map(({ acl, answer }): AclDeleteResult =>
        'code' in answer ? { acl, outcome: 'failed', error: answer } : { acl, outcome: 'deleted', removed: answer.removed },
      ),
    );
  }

  /** Sends the writable bindings in batches to any broker, with retries; one answer per binding, in input order. */
  private async aclBatches(
    acls: readonly AclBinding[],
    apiKey: number,
    apiName: string,
    send: (channel: BrokerChannel, codes: AclBindingCodes[]) => Promise<{ errorCode: number; errorMessage: string | null; removed: number }[]>,
  ): Promise<Array<{ acl: AclBinding; answer: ApplierFailure | { removed: number } }>> {
    const answers = new Map<number, ApplierFailure | { removed: number }>();
    const writable: Array<{ index: number; codes: AclBindingCodes }> = [];
    acls.forEach((acl, index) => {
      const codes = bindingCodes(acl);
      if ('code' in codes) answers.set(index, codes);
      else writable.push({ index, codes });
    });
    for (const batch of chunk(writable, this.settings.batchSize)) {
      let pending = batch;
      let lastError = '';
      for (let attempt = 0; attempt < this.settings.attempts && pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(backoff(attempt));
        let results;
        try {
          const channel = await this.link.anyBroker();
          const range = channel.versions(apiKey);
          if (range === undefined || range.minVersion > ACL_REQUESTS_VERSION || range.maxVersion < ACL_REQUESTS_VERSION) {
            throw this.unsupported(channel, apiName, apiKey, `v${ACL_REQUESTS_VERSION}`);
          }
          results = await send(channel, pending.map((entry) => entry.codes));
        } catch (error) {
          if (error instanceof MigrationError) throw error;
          lastError = messageOf(error);
          continue;
        }
        const retry: typeof pending = [];
        pending.forEach((entry, position) => {
          const result = results[position];
          if (result === undefined || RETRIABLE.has(result.errorCode)) {
            lastError = result === undefined ? 'no answer for the binding' : failure(result.errorCode, result.errorMessage).message;
            retry.push(entry);
          } else if (result.errorCode !== 0) {
            answers.set(entry.index, failure(result.errorCode, result.errorMessage));
          } else {
            answers.set(entry.index, { removed: result.removed });
          }
        });
        pending = retry;
      }
      if (pending.length > 0) {
        throw new MigrationError({
          code: 'CLUSTER_UNREACHABLE',
          message: `${apiName} for ${pending.length} ACL bindings still failing after ${this.settings.attempts} attempts (last: ${lastError})`,
          hint: 'Run the command again to resume; ACL changes are idempotent.',
          retriable: true,
        });
      }
    }
    return acls.map((acl, index) => ({ acl, answer: answers.get(index) ?? { code: 'REQUEST_FAILED', message: 'no answer' } }));
  }

  async close(): Promise<void> {
    await this.link.disconnect();
  }
}
