/** `runbook.md`: the operator's step-by-step for this migration, with its real ids, paths, sizes and estimates. */
import { commandLine } from './commands.js';
import { COMMAND_EXIT_CODES, type RunbookCommand } from './exit-codes.js';
import { formatBytes, formatCount, formatSeconds } from './format.js';
import { code, shellBlock, table } from './markdown.js';
import type { MigrationPlan, PlannedCluster } from './plan-types.js';
import { runbookSteps } from './runbook-steps.js';

/** Topics listed by size in the overview. */
const LARGEST_TOPICS = 10;

function describeCluster(cluster: PlannedCluster): string {
  const name = cluster.arn ?? cluster.bootstrapServers.join(',');
  const facts = [
    cluster.metadataMode === 'ZOOKEEPER' ? 'ZooKeeper mode' : cluster.metadataMode === 'KRAFT' ? 'KRaft mode' : 'metadata mode unknown',
    cluster.kafkaVersion === null ? 'version unknown' : `Kafka ${cluster.kafkaVersion}`,
    cluster.brokerCount === null ? 'broker count unknown' : `${cluster.brokerCount} brokers`,
    `auth ${cluster.authMode}`,
  ];
  return `${code(name === '' ? '(unnamed)' : name)} (${facts.join(', ')})`;
}

export function renderRunbook(plan: MigrationPlan): string {
  const { totals, settings, locations } = plan;
  const unknownBytes = totals.bytesEstimated - totals.bytesKnown;
  const retention =
    settings.evidence.retentionDays === null ? 'no Object Lock' : `Object Lock retention ${settings.evidence.retentionDays} days`;
  const aclLine =
    plan.acls.mode === 'kafka-acls'
      ? `${formatCount(plan.acls.create.length)} to create on the target (${formatCount(plan.acls.alreadyOnTarget)} already there` +
        `${plan.acls.removeFromTarget.length > 0 ? `, ${formatCount(plan.acls.removeFromTarget.length)} to remove` : ''})`
      : plan.acls.mode === 'iam-access-map'
        ? `target is IAM-auth: ${formatCount(plan.acls.sourceCount ?? 0)} source ACLs given as an IAM access map for ${formatCount(plan.acls.iamAccessMap.length)} principals (plan.json acls.iamAccessMap), not applied`
        : plan.acls.mode === 'skipped'
          ? 'not carried (acl.on_drift: skip)'
          : 'unknown: the source ACLs could not be listed';

  const largest = [...plan.topics]
    .sort((a, b) => (b.sizeBytes ?? -1) - (a.sizeBytes ?? -1) || b.recordsToCopy - a.recordsToCopy || (a.name < b.name ? -1 : 1))
    .slice(0, LARGEST_TOPICS);

  const lines: string[] = [
    `# Migration runbook: ${plan.migrationId}`,
    '',
    `Source ${describeCluster(plan.clusters.source)}`,
    `→ target ${describeCluster(plan.clusters.target)}.`,
    '',
    `Config ${code(plan.config.path ?? 'migration.yaml')} (digest ${code(plan.config.digest.slice(0, 16))}). ` +
      'Everything below was generated from it by `plan` and is specific to this migration; if the config changes, plan again:',
    shellBlock(commandLine(plan, 'plan')),
    '',
    '## At a glance',
    table(
      ['', ''],
      [
        ['Topics', `${formatCount(totals.topics)} (${formatCount(totals.topicsToCreate)} to create, ${formatCount(totals.topics - totals.topicsToCreate)} already on the target)`],
        ['Partitions', formatCount(totals.partitions)],
        ['Records to copy', `${formatCount(totals.recordsToCopy)} (an upper bound: compaction gaps and transaction markers are not copied)`],
        [
          'Bytes to copy',
          `${formatBytes(totals.bytesEstimated)}${unknownBytes > 0 ? ` (${formatBytes(unknownBytes)} of it estimated for ${formatCount(totals.partitionsWithUnknownSize)} partition${totals.partitionsWithUnknownSize === 1 ? '' : 's'} of unknown size)` : ''}`,
        ],
        ['S3 segments', `about ${formatCount(totals.estimatedSegments)}, up to ${formatBytes(settings.seed.segmentMaxBytes)} each`],
        ['Consumer groups', `${formatCount(totals.groups)} (${formatCount(totals.committedOffsets)} committed offsets to translate)`],
        ['ACLs', aclLine],
        ['Time to drain_ready', `about ${formatSeconds(totals.estimatedSecondsToDrainReady)} plus the tail (seed at ${plan.assumptions.seedBytesPerSecond / 1_000_000} MB/s: ${plan.assumptions.seedThroughputSource})`],
        ['Journal', code(locations.journal.uri)],
        ['Segments', code(locations.segments)],
        ['Evidence', `${code(locations.evidence)} (${retention})`],
      ],
    ),
    '',
    '### Phases',
    table(
      ['Phase', 'Bytes', 'Duration', 'Basis'],
      plan.phases.map((phase) => [
        phase.name,
        phase.estimatedBytes === null ? 'unknown' : formatBytes(phase.estimatedBytes),
        phase.estimatedSeconds === null ? 'depends' : formatSeconds(phase.estimatedSeconds),
        phase.basis,
      ]),
    ),
    '',
    '### Largest topics',
    largest.length === 0
      ? 'No topics are selected.'
      : table(
          ['Topic', 'Partitions', 'Records', 'Bytes', 'RF source → target', 'On target'],
          largest.map((topic) => [
            topic.name,
            formatCount(topic.partitionCount),
            formatCount(topic.recordsToCopy),
            topic.sizeBytes === null ? 'unknown' : formatBytes(topic.sizeBytes),
            `${topic.replication.source} → ${topic.replication.target}${topic.replication.capped ? ' (capped)' : ''}`,
            topic.action === 'create' ? 'created' : 'exists',
          ]),
        ),
    '',
    '## Findings',
    plan.findings.length === 0
      ? 'None.'
      : table(
          ['Severity', 'Code', 'Subject', 'Detail', 'Remedy'],
          plan.findings.map((finding) => [finding.severity, finding.code, finding.subject, finding.detail, finding.remedy]),
        ),
    '',
    ...preflight(plan),
    '',
    ...runbookSteps(plan),
    '',
    ...afterwards(plan),
    '',
    '## Exit codes at a glance',
    table(
      ['Command', 'Exit code', 'Meaning'],
      (Object.keys(COMMAND_EXIT_CODES) as RunbookCommand[]).flatMap((command) =>
        COMMAND_EXIT_CODES[command].map(([exit, meaning]) => [command, String(exit), meaning]),
      ),
    ),
    '',
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function preflight(plan: MigrationPlan): string[] {
  const { settings } = plan;
  const freeze =
    settings.cutover.producerFreeze === 'webhook'
      ? `Producer freeze: cutover calls the configured webhook (cutover.producer_freeze_webhook) to stop and restart producers. Test the hook beforehand; it must stop every producer within ${formatSeconds(settings.cutover.maxProducerFreezeMs / 1000)}.`
      : `Producer freeze: no webhook is configured, so a person must be at the terminal during cutover, able to stop every producer and confirm it within ${formatSeconds(settings.cutover.maxProducerFreezeMs / 1000)}. A non-interactive cutover refuses to run.`;
  const items = [
    `Review ${code('aws-cli.sh')} and run it: it creates what is missing (the segment and evidence buckets, the target's MSK configuration) and changes nothing that exists. Apply the MSK configuration to the target with the command it prints.`,
    `Attach ${code('iam-policy-concrete.json')} to the IAM role or user that runs kafka-backup (${code('iam-policy-templated.json')} is the same with placeholders, for other environments).`,
    ...plan.runnerAccess.notes,
    freeze,
    'Client switch plan: who points each producer and consumer at the target, with which credentials, and how long it takes. Nobody starts consumers on the target before cutover completes (cutover commits offsets only into empty groups).',
    ...(plan.acls.mode === 'iam-access-map'
      ? ['The target is IAM-auth: map every Kafka principal in plan.json acls.iamAccessMap to an IAM role, and grant it, before clients switch.']
      : []),
    'Export the environment variables the config refers to (passwords, webhook secret) in the shell that runs the commands; never write them into files.',
    'Nobody creates topics on the target or changes the source topics selection until finalize.',
  ];
  if (plan.targetBrokerSettings.withheld.length > 0) {
    items.push(
      `Broker settings withheld from the target until after finalize: ${plan.targetBrokerSettings.withheld.map((item) => code(`${item.name}=${item.value}`)).join(', ')}.`,
    );
  }
  if (plan.totals.findings.blocker > 0) {
    items.unshift(`Resolve the ${plan.totals.findings.blocker} blocker finding(s) above, then plan again.`);
  }
  return ['## Before you start', ...items.map((item) => `- [ ] ${item}`)];
}

function afterwards(plan: MigrationPlan): string[] {
  const created = plan.topics.filter((topic) => topic.action === 'create').length;
  return [
    '## Afterwards',
    `- The signed evidence bundle is in ${code(plan.locations.evidence)}; keep it with the change record.`,
    `- The seed segments under ${code(plan.locations.segments)} are not deleted by the tool. Remove them when you no longer want them as a fallback copy (cost-estimate.json assumes how long they are kept).`,
    `- The source cluster is untouched. Decommission it once you are confident: ${created} topics on the target were created by this migration.`,
    ...(plan.targetBrokerSettings.withheld.length > 0
      ? ['- Now apply the withheld broker settings (see "Before you start") if clients need them.']
      : []),
  ];
}
