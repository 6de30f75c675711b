/** Plans, target topics and a recording ApplierPort for topology unit tests (no cluster needed). */
import type { ConfigEntry, Inventory, TopicInventory } from '../../../engine/inventory/types.js';
import type {
  AclBinding,
  AclCreateResult,
  AclDeleteResult,
  ApplierPort,
  ConfigAlteration,
  CreateTopicResult,
  NewTopic,
} from '../../../engine/kafka/applier-port.js';
import { buildPlan, type MigrationPlan } from '../../../engine/plan/index.js';
import type { MigrationConfig } from '../../../engine/config/index.js';
import { MIGRATION_ID, syntheticConfig, syntheticInventory, type ConfigOptions, type SyntheticInventoryOptions } from '../plan/fixtures.js';

export { acl, topicConfig, PLAN_ENV, TARGET_ARN } from '../plan/fixtures.js';

/** A target topic with `records` records in partition 0 and the given own settings. */
export function targetTopic(name: string, partitions: number, options: { records?: number; configs?: ConfigEntry[]; rf?: number } = {}): TopicInventory {
  return {
    name,
    replicationFactor: options.rf ?? 3,
    configs: options.configs ?? [],
    partitions: Array.from({ length: partitions }, (_, partition) => ({
      partition,
      leader: 1,
      replicas: [1, 2, 3],
      isr: [1, 2, 3],
      logStartOffset: 0,
      endOffset: partition === 0 ? (options.records ?? 0) : 0,
    })),
  };
}

export interface Scenario {
  readonly inventory: Inventory;
  readonly config: MigrationConfig;
  readonly plan: MigrationPlan;
}

/** Plans from a synthetic inventory; `fresh` changes the target the copy then sees (default: as planned). */
export function scenario(inventory: SyntheticInventoryOptions = {}, config: ConfigOptions = {}): Scenario {
  const inv = syntheticInventory(inventory);
  const cfg = syntheticConfig({ targetAuth: 'scram-sha-512', ...config });
  return { inventory: inv, config: cfg, plan: buildPlan(inv, cfg, { migrationId: MIGRATION_ID }) };
}

export type ApplierCall =
  | { readonly method: 'createTopics'; readonly topics: NewTopic[] }
  | { readonly method: 'incrementalAlterTopicConfigs'; readonly topic: string; readonly alterations: ConfigAlteration[] }
  | { readonly method: 'createAcls'; readonly acls: AclBinding[] }
  | { readonly method: 'deleteAcls'; readonly acls: AclBinding[] }
  | { readonly method: 'close' };

/** Records every call; answers success unless told otherwise. */
export class RecordingApplier implements ApplierPort {
  readonly calls: ApplierCall[] = [];
  topicOutcome: (topic: NewTopic) => CreateTopicResult = (topic) => ({ name: topic.name, outcome: 'created' });
  aclOutcome: (acl: AclBinding) => AclCreateResult = (acl) => ({ acl, outcome: 'created' });
  alterFailure: Error | undefined;

  async createTopics(topics: readonly NewTopic[]): Promise<CreateTopicResult[]> {
    this.calls.push({ method: 'createTopics', topics: [...topics] });
    return topics.map((topic) => this.topicOutcome(topic));
  }

  async incrementalAlterTopicConfigs(topic: string, alterations: readonly ConfigAlteration[]): Promise<void> {
    this.calls.push({ method: 'incrementalAlterTopicConfigs', topic, alterations: [...alterations] });
    if (this.alterFailure !== undefined) throw this.alterFailure;
  }

  async createAcls(acls: readonly AclBinding[]): Promise<AclCreateResult[]> {
    this.calls.push({ method: 'createAcls', acls: [...acls] });
    return acls.map((acl) => this.aclOutcome(acl));
  }

  async deleteAcls(acls: readonly AclBinding[]): Promise<AclDeleteResult[]> {
    this.calls.push({ method: 'deleteAcls', acls: [...acls] });
    return acls.map((acl) => ({ acl, outcome: 'deleted', removed: 1 }));
  }

  async close(): Promise<void> {
    this.calls.push({ method: 'close' });
  }

  /** Calls that change the target. */
  writes(): ApplierCall[] {
    return this.calls.filter((call) => call.method !== 'close');
  }
}
