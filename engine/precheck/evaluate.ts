/**
 * `evaluatePrecheck`: inventory + config + probe results in, a sorted report out. Pure: no I/O, no clock, no
 * randomness; the same inputs give the same report.
 */
import type { MigrationConfig } from '../config/types.js';
import { MigrationError } from '../errors.js';
import { INVENTORY_SCHEMA_VERSION, type GroupInventory, type Inventory, type TopicInventory } from '../inventory/types.js';
import type { Rule, RuleContext } from './context.js';
import { buildPrecheckReport, type Finding, type PrecheckReport } from './finding.js';
import type { Probes } from './probe-types.js';
import { authRules } from './rules/auth.js';
import { clusterModeRules } from './rules/cluster-mode.js';
import { groupRules } from './rules/groups.js';
import { inPlaceConversionRules } from './rules/in-place-conversion.js';
import { messageSizeRules } from './rules/message-size.js';
import { retentionRules } from './rules/retention.js';
import { storageRules } from './rules/storage.js';
import { timestampRules } from './rules/timestamps.js';
import { topicRules } from './rules/topics.js';
import { estimateSeed } from './seed-estimate.js';

/** Every rule, in no particular order (the report sorts). */
export const PRECHECK_RULES: readonly Rule[] = [
  ...clusterModeRules,
  ...authRules,
  ...messageSizeRules,
  ...timestampRules,
  ...retentionRules,
  ...topicRules,
  ...groupRules,
  ...storageRules,
  ...inPlaceConversionRules,
];

export function createRuleContext(inventory: Inventory, config: MigrationConfig, probes: Probes): RuleContext {
  return {
    inventory,
    config,
    probes,
    seed: estimateSeed(inventory.source.topics),
    targetTopics: new Map<string, TopicInventory>(inventory.target.topics.map((topic) => [topic.name, topic])),
    targetGroups: new Map<string, GroupInventory>(inventory.target.groups.map((group) => [group.groupId, group])),
  };
}

export function evaluatePrecheck(inventory: Inventory, config: MigrationConfig, probes: Probes): PrecheckReport {
  if (inventory.schemaVersion !== INVENTORY_SCHEMA_VERSION) {
    throw new MigrationError({
      code: 'INTERNAL',
      message: `precheck reads inventory schema version ${INVENTORY_SCHEMA_VERSION}, got ${String(inventory.schemaVersion)}`,
      hint: 'rerun discovery with this version of the tool',
    });
  }
  const context = createRuleContext(inventory, config, probes);
  const findings = PRECHECK_RULES.flatMap((rule) => rule(context));
  return buildPrecheckReport(scrubSecrets(findings, config));
}

export const SECRET_PLACEHOLDER = '<redacted>';

/** The config's secrets, replaced wherever an error message echoed one back (they never belong in a report). */
export function scrubSecrets(findings: readonly Finding[], config: MigrationConfig): Finding[] {
  const secrets = configSecrets(config);
  if (secrets.length === 0) return [...findings];
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join(SECRET_PLACEHOLDER), text);
  return findings.map((item) => ({ ...item, subject: scrub(item.subject), detail: scrub(item.detail), remedy: scrub(item.remedy) }));
}

/** Secrets long enough to replace without mangling ordinary words; longest first so none is half-replaced. */
function configSecrets(config: MigrationConfig): string[] {
  const secrets: string[] = [];
  for (const cluster of [config.source, config.target]) {
    if (cluster.auth.mode === 'scram-sha-512') secrets.push(cluster.auth.password);
  }
  if (config.cutover.producerFreezeWebhookSecret !== undefined) secrets.push(config.cutover.producerFreezeWebhookSecret);
  return [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
}
