/**
 * The engine's only way to change the TARGET cluster's metadata: create topics, change topic configs one key at a
 * time, create and delete ACLs. Nothing else in the engine writes metadata to the target (the AdminPort only reads,
 * the copier only produces records). Only engine types cross it; `kafkajs-applier.ts` implements it over kafkajs.
 *
 * Every method is safe to repeat: creating a topic that exists reports `already-exists`, setting a config to the
 * value it has changes nothing, creating an ACL the cluster has is a no-op, deleting one it lacks matches nothing.
 * There is deliberately no way to delete a topic, add partitions or replace a topic's whole config.
 */

/** A topic config change: SET a value, or DELETE the topic-level value so the broker default applies again. */
export interface ConfigAlteration {
  readonly name: string;
  readonly op: 'SET' | 'DELETE';
  /** The value to SET; null for DELETE. */
  readonly value: string | null;
}

export interface NewTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level configs set at creation (one request: the topic never exists without them). */
  readonly configs: readonly { readonly name: string; readonly value: string }[];
}

export interface ApplierFailure {
  /** Kafka's error name (`INVALID_CONFIG`, `POLICY_VIOLATION`, `TOPIC_AUTHORIZATION_FAILED`...) or `REQUEST_FAILED`. */
  readonly code: string;
  readonly message: string;
}

export type CreateTopicResult =
  | { readonly name: string; readonly outcome: 'created' }
  /** TOPIC_ALREADY_EXISTS: reported, not thrown. */
  | { readonly name: string; readonly outcome: 'already-exists' }
  | { readonly name: string; readonly outcome: 'failed'; readonly error: ApplierFailure };

/** An ACL binding, named as the inventory and the plan name them (`TOPIC`, `LITERAL`, `READ`, `ALLOW`...). */
export interface AclBinding {
  readonly principal: string;
  readonly host: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly patternType: string;
  readonly operation: string;
  readonly permissionType: string;
}

export type AclCreateResult =
  /** Created, or already there (Kafka answers both the same way). */
  | { readonly acl: AclBinding; readonly outcome: 'created' }
  | { readonly acl: AclBinding; readonly outcome: 'failed'; readonly error: ApplierFailure };

export type AclDeleteResult =
  /** `removed`: how many bindings matched the exact filter and were deleted (0 when it was already gone). */
  | { readonly acl: AclBinding; readonly outcome: 'deleted'; readonly removed: number }
  | { readonly acl: AclBinding; readonly outcome: 'failed'; readonly error: ApplierFailure };

export interface ApplierPort {
  /**
   * Creates the topics (replicas placed by the controller) and waits until every partition of each created topic
   * has a leader. One result per topic, in input order. Throws only when the cluster cannot be asked at all.
   */
  createTopics(topics: readonly NewTopic[]): Promise<CreateTopicResult[]>;
  /**
   * IncrementalAlterConfigs on one topic: only the named keys change. Throws a MigrationError naming the topic and
   * Kafka's error when the broker refuses (nothing is applied then: the broker validates the whole resource first).
   */
  incrementalAlterTopicConfigs(topic: string, alterations: readonly ConfigAlteration[]): Promise<void>;
  /** One result per binding, in input order. */
  createAcls(acls: readonly AclBinding[]): Promise<AclCreateResult[]>;
  /** Deletes exactly the given bindings (every filter field set). One result per binding, in input order. */
  deleteAcls(acls: readonly AclBinding[]): Promise<AclDeleteResult[]>;
  close(): Promise<void>;
}
