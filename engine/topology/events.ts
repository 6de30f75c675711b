/** What topology copy reports while it works; any front end may render these. A throwing listener is ignored. */
import type { AclBinding } from '../kafka/applier-port.js';
import type { Finding } from '../precheck/finding.js';
import type { TopologySummary } from './report.js';

/** Why a topic config was changed on an existing topic. */
export type ConfigChangeReason =
  /** `topology.on_config_drift: overwrite_with_source`: the source's value replaces the target's. */
  | 'drift'
  /** The topic was created by this migration: it is brought back to the plan whatever the policy. */
  | 'reconcile'
  /** A setting that would reject or re-stamp copied records is removed until the seed is done. */
  | 'before-seed'
  /** `applyAfterSeedConfigs`: the deferred setting is applied now that the seed is done. */
  | 'after-seed';

export type TopologyEvent =
  | { readonly type: 'topology.started'; readonly topics: number; readonly aclMode: string }
  /** Nothing was written: every blocker is listed. */
  | { readonly type: 'topology.blocked'; readonly blockers: Finding[] }
  | {
      readonly type: 'topology.topic.created';
      readonly topic: string;
      readonly partitions: number;
      readonly replicationFactor: number;
      readonly configs: number;
    }
  | {
      readonly type: 'topology.topic.exists';
      readonly topic: string;
      readonly partitions: number;
      readonly replicationFactor: number;
      readonly createdByThisMigration: boolean;
    }
  | { readonly type: 'topology.config.set'; readonly topic: string; readonly name: string; readonly value: string; readonly reason: ConfigChangeReason }
  | {
      readonly type: 'topology.config.deleted';
      readonly topic: string;
      readonly name: string;
      readonly previousValue: string | null;
      readonly reason: ConfigChangeReason;
    }
  /** `keep_target`: the target's value stays. */
  | {
      readonly type: 'topology.config.kept';
      readonly topic: string;
      readonly name: string;
      readonly sourceValue: string | null;
      readonly targetValue: string | null;
    }
  /** Carried, but applied only after the seed (`applyAfterSeedConfigs`). */
  | { readonly type: 'topology.config.deferred'; readonly topic: string; readonly name: string; readonly value: string }
  /** Not carried, with the plan's reason. */
  | { readonly type: 'topology.config.dropped'; readonly topic: string; readonly name: string; readonly reason: string }
  | { readonly type: 'topology.acl.created'; readonly acl: AclBinding }
  | { readonly type: 'topology.acl.exists'; readonly acl: AclBinding }
  | { readonly type: 'topology.acl.deleted'; readonly acl: AclBinding }
  /** A target-only ACL left in place, and why (merge, out of the migrated resources, a DENY, ...). */
  | { readonly type: 'topology.acl.kept'; readonly acl: AclBinding; readonly reason: string }
  /** IAM target: the access map is ready for the caller to store (nothing written to Kafka). */
  | { readonly type: 'topology.access_map.ready'; readonly principals: number; readonly unmapped: number }
  | { readonly type: 'topology.finished'; readonly summary: TopologySummary; readonly durationMs: number };

export type TopologyEventType = TopologyEvent['type'];

/** Calls `listener` and swallows what it throws: a broken front end must not stop a migration. */
export function safeEmitter(listener: ((event: TopologyEvent) => void) | undefined): (event: TopologyEvent) => void {
  return (event) => {
    if (listener === undefined) return;
    try {
      listener(event);
    } catch {
      // ignored on purpose
    }
  };
}
