/**
 * Which topics are Kafka's or the platform's own: flagged internal by the brokers (`__consumer_offsets`,
 * `__transaction_state`) or named with a `__` prefix (`__amazon_msk_canary`, `__share_group_state`, ...).
 * They are never migrated. Single-underscore names such as `_schemas` or `_confluent-*` are ordinary topics.
 */
export function isInternalTopic(name: string, flaggedInternal = false): boolean {
  return flaggedInternal || name.startsWith('__');
}
