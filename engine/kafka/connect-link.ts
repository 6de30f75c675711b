/**
 * Opening a kafkajs link (engine/kafka/protocol/kafkajs-internals.ts) with a deadline, for the admin and applier ports
 * alike: CLUSTER_UNREACHABLE when no broker answers in time (retriable), or when authentication fails (not retriable).
 */
import type { KafkaConfig } from 'kafkajs';
import { MigrationError } from '../errors.js';
import type { KafkaClusterConnection } from './kafkajs-options.js';
import { openKafkajsLink, type KafkajsLink } from './protocol/kafkajs-internals.js';

export interface ConnectHints {
  /** What to check when authentication failed. */
  readonly auth: string;
  /** What to check when no broker answered. */
  readonly unreachable: string;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export async function connectKafkajsLink(
  connection: KafkaClusterConnection,
  config: KafkaConfig,
  connectTimeoutMs: number,
  hints: ConnectHints,
): Promise<KafkajsLink> {
  const link = openKafkajsLink(config);
  try {
    await withDeadline(link.connect(), connectTimeoutMs, `connecting to ${connection.brokers.join(',')}`);
    return link;
  } catch (error) {
    await link.disconnect().catch(() => undefined);
    const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '';
    const auth = name === 'KafkaJSSASLAuthenticationError' || /SASL|authenticat/i.test(`${name} ${messageOf(error)}`);
    throw new MigrationError({
      code: 'CLUSTER_UNREACHABLE',
      message: `${connection.clientId}: cannot connect to ${connection.brokers.join(',')} (${auth ? 'authentication failed: ' : ''}${messageOf(error)})`,
      hint: auth ? hints.auth : hints.unreachable,
      retriable: !auth,
      cause: error,
    });
  }
}
