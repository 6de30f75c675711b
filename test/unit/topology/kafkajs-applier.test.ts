/**
 * The kafkajs applier over a scripted link: which broker each request goes to, per-item outcomes, retries, and what
 * a refusal becomes. The wire format is covered by applier-protocol.test.ts and the real bed by the integration test.
 */
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../engine/errors.js';
import { applierOverLink } from '../../../engine/kafka/kafkajs-applier.js';
import type { ApiVersionRange, BrokerChannel, KafkajsLink, KafkajsProtocolRequest } from '../../../engine/kafka/protocol/kafkajs-internals.js';

const KAFKA_41: Record<number, ApiVersionRange> = {
  3: { minVersion: 0, maxVersion: 13 },
  19: { minVersion: 2, maxVersion: 7 },
  30: { minVersion: 1, maxVersion: 3 },
  31: { minVersion: 1, maxVersion: 3 },
  44: { minVersion: 0, maxVersion: 1 },
};

type Answer = (request: KafkajsProtocolRequest<unknown>['request'], body: Buffer) => unknown;

interface Sent {
  nodeId: number;
  apiKey: number;
  apiVersion: number;
}

/** Two brokers (1 and 2, controller 2); `answer` scripts every non-Metadata response, Metadata is answered from `topics`. */
function scriptedLink(answer: Answer, topics: Map<string, number> = new Map()) {
  const sent: Sent[] = [];
  const channel = (nodeId: number): BrokerChannel => ({
    nodeId,
    versions: (apiKey) => KAFKA_41[apiKey],
    send: async <T>(request: KafkajsProtocolRequest<T>): Promise<T> => {
      sent.push({ nodeId, apiKey: request.request.apiKey, apiVersion: request.request.apiVersion });
      const body = (await request.request.encode()).buffer;
      if (request.request.apiKey === 3) {
        return {
          controllerId: 2,
          topicMetadata: [...topics.entries()].map(([topic, partitions]) => ({
            topicErrorCode: 0,
            topic,
            partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 1 })),
          })),
        } as T;
      }
      const result = answer(request.request, body);
      if (result instanceof Error) throw result;
      return result as T;
    },
  });
  const link: KafkajsLink = {
    admin: undefined as never,
    connect: async () => undefined,
    disconnect: async () => undefined,
    refreshMetadata: async () => undefined,
    broker: async (nodeId) => channel(nodeId),
    anyBroker: async () => channel(1),
  };
  return { link, sent };
}

const topic = (name: string, partitions = 3) => ({ name, partitions, replicationFactor: 2, configs: [{ name: 'retention.ms', value: '1' }] });

describe('createTopics', () => {
  it('sends CreateTopics v4 to the controller and reports each topic: created, already there, refused', async () => {
    const topics = new Map<string, number>();
    const { link, sent } = scriptedLink(() => {
      topics.set('a', 3);
      return {
        throttleTimeMs: 0,
        topics: [
          { name: 'a', errorCode: 0, errorMessage: null },
          { name: 'b', errorCode: 36, errorMessage: 'Topic b already exists.' },
          { name: 'c', errorCode: 38, errorMessage: 'Replication factor: 2 larger than available brokers: 1.' },
        ],
      };
    }, topics);
    const applier = applierOverLink(link);
    const results = await applier.createTopics([topic('a'), topic('b'), topic('c')]);
    expect(results).toEqual([
      { name: 'a', outcome: 'created' },
      { name: 'b', outcome: 'already-exists' },
      { name: 'c', outcome: 'failed', error: { code: 'INVALID_REPLICATION_FACTOR', message: 'INVALID_REPLICATION_FACTOR: Replication factor: 2 larger than available brokers: 1.' } },
    ]);
    expect(sent.filter((s) => s.apiKey === 19)).toEqual([{ nodeId: 2, apiKey: 19, apiVersion: 4 }]);
  });

  it('retries NOT_CONTROLLER, and counts a topic whose answer was lost and that then exists as created by us', async () => {
    const topics = new Map<string, number>([['a', 3], ['b', 3]]);
    let call = 0;
    const { link } = scriptedLink(() => {
      call += 1;
      if (call === 1) return new Error('Connection closed');
      if (call === 2) return { throttleTimeMs: 0, topics: [{ name: 'a', errorCode: 41, errorMessage: null }, { name: 'b', errorCode: 36, errorMessage: null }] };
      return { throttleTimeMs: 0, topics: [{ name: 'a', errorCode: 36, errorMessage: null }] };
    }, topics);
    const results = await applierOverLink(link, { attempts: 3 }).createTopics([topic('a'), topic('b')]);
    expect(results).toEqual([
      { name: 'a', outcome: 'created' },
      { name: 'b', outcome: 'created' },
    ]);
    expect(call).toBe(3);
  });

  it('waits for leaders and fails, retriable, when they do not come', async () => {
    const { link } = scriptedLink(() => ({ throttleTimeMs: 0, topics: [{ name: 'a', errorCode: 0, errorMessage: null }] }), new Map());
    const error = await applierOverLink(link, { leaderWaitMs: 300 }).createTopics([topic('a')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'CLUSTER_UNREACHABLE', retriable: true, message: expect.stringContaining('without a leader') });
  });
});

describe('incrementalAlterTopicConfigs', () => {
  it('sends IncrementalAlterConfigs v0 (never AlterConfigs) to any broker and resolves on success', async () => {
    const { link, sent } = scriptedLink(() => ({ throttleTimeMs: 0, responses: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't' }] }));
    await applierOverLink(link).incrementalAlterTopicConfigs('t', [
      { name: 'retention.ms', op: 'SET', value: '1' },
      { name: 'segment.ms', op: 'DELETE', value: null },
    ]);
    expect(sent).toEqual([{ nodeId: 1, apiKey: 44, apiVersion: 0 }]);
    expect(sent.some((s) => s.apiKey === 33)).toBe(false);
  });

  it('sends nothing for no change, and refuses malformed changes before sending', async () => {
    const { link, sent } = scriptedLink(() => {
      throw new Error('must not be called');
    });
    const applier = applierOverLink(link);
    await applier.incrementalAlterTopicConfigs('t', []);
    await expect(applier.incrementalAlterTopicConfigs('t', [{ name: 'a', op: 'SET', value: null }])).rejects.toThrow(/without a value/);
    await expect(
      applier.incrementalAlterTopicConfigs('t', [
        { name: 'a', op: 'SET', value: '1' },
        { name: 'a', op: 'DELETE', value: null },
      ]),
    ).rejects.toThrow(/altered twice/);
    expect(sent).toEqual([]);
  });

  it('turns a refusal into a PRECHECK_BLOCKED error naming topic, keys and Kafka error', async () => {
    const { link } = scriptedLink(() => ({
      throttleTimeMs: 0,
      responses: [{ errorCode: 40, errorMessage: 'Unknown topic config name: message.format.version', resourceType: 2, resourceName: 't' }],
    }));
    const error = await applierOverLink(link)
      .incrementalAlterTopicConfigs('t', [{ name: 'message.format.version', op: 'SET', value: '2.8' }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PRECHECK_BLOCKED',
      message: 'the target refused to change configs of topic t (SET message.format.version): INVALID_CONFIG: Unknown topic config name: message.format.version',
    });
  });

  it('retries a topic the broker does not know yet (just created), then succeeds', async () => {
    let call = 0;
    const { link } = scriptedLink(() => {
      call += 1;
      return { throttleTimeMs: 0, responses: [{ errorCode: call === 1 ? 3 : 0, errorMessage: null, resourceType: 2, resourceName: 't' }] };
    });
    await applierOverLink(link, { attempts: 2 }).incrementalAlterTopicConfigs('t', [{ name: 'retention.ms', op: 'SET', value: '1' }]);
    expect(call).toBe(2);
  });
});

describe('createAcls / deleteAcls', () => {
  const binding = { principal: 'User:app', host: '*', resourceType: 'TOPIC', resourceName: 't', patternType: 'LITERAL', operation: 'READ', permissionType: 'ALLOW' };

  it('answers per binding, and refuses bindings it cannot encode without sending them', async () => {
    const { link, sent } = scriptedLink(() => ({ throttleTimeMs: 0, results: [{ errorCode: 0, errorMessage: null }, { errorCode: 31, errorMessage: 'denied' }] }));
    const results = await applierOverLink(link).createAcls([binding, { ...binding, operation: 'WRITE' }, { ...binding, resourceType: 'ANY' }]);
    expect(results.map((result) => result.outcome)).toEqual(['created', 'failed', 'failed']);
    expect(results[1]).toMatchObject({ error: { code: 'CLUSTER_AUTHORIZATION_FAILED' } });
    expect(results[2]).toMatchObject({ error: { code: 'UNSUPPORTED_ACL', message: 'cannot write an ACL with resource type ANY' } });
    expect(sent).toEqual([{ nodeId: 1, apiKey: 30, apiVersion: 1 }]);
  });

  it('reports how many bindings each exact delete filter removed', async () => {
    const { link } = scriptedLink(() => ({
      throttleTimeMs: 0,
      results: [
        { errorCode: 0, errorMessage: null, matching: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't', patternType: 3, principal: 'User:app', host: '*', operation: 3, permissionType: 3 }] },
        { errorCode: 0, errorMessage: null, matching: [] },
      ],
    }));
    const results = await applierOverLink(link).deleteAcls([binding, { ...binding, operation: 'WRITE' }]);
    expect(results).toEqual([
      { acl: binding, outcome: 'deleted', removed: 1 },
      { acl: { ...binding, operation: 'WRITE' }, outcome: 'deleted', removed: 0 },
    ]);
  });
});
