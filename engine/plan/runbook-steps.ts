/** The runbook's step-by-step part: every command in order, what to watch, what each exit code means. */
import { commandLine } from './commands.js';
import { COMMAND_EXIT_CODES, ROLLBACK_STATES, type RunbookCommand } from './exit-codes.js';
import { formatBytes, formatCount, formatSeconds } from './format.js';
import { code, shellBlock, table } from './markdown.js';
import type { MigrationPlan } from './plan-types.js';

function exitCodes(command: RunbookCommand): string {
  return table(
    ['Exit code', 'Meaning'],
    COMMAND_EXIT_CODES[command].map(([exit, meaning]) => [String(exit), meaning]),
  );
}

function phaseSeconds(plan: MigrationPlan, name: string): number | null {
  return plan.phases.find((phase) => phase.name === name)?.estimatedSeconds ?? null;
}

export function runbookSteps(plan: MigrationPlan): string[] {
  const { totals, settings } = plan;
  const seed = phaseSeconds(plan, 'seed') ?? 0;
  const freezeSeconds = settings.cutover.maxProducerFreezeMs / 1000;
  const journalNote =
    plan.locations.journal.kind === 'local'
      ? `The journal is kept in ${code(plan.locations.journal.uri)} on this machine: run every command here, with the same ${code('--journal-dir')}.`
      : `The journal is kept in ${code(plan.locations.journal.uri)}: any machine with the config and the IAM policy can run the next command.`;

  return [
    '## Step 1: precheck (read-only)',
    shellBlock(commandLine(plan, 'precheck')),
    'Checks both clusters (ZooKeeper source, KRaft target, versions, message sizes, authentication), both buckets ' +
      '(writes, reads back and deletes a probe object under `.precheck/`) and the KMS key. Nothing is changed.',
    '',
    '**Watch:** every `B..` line is a blocker: fix it and run precheck again. `W..` lines are warnings: read each one ' +
      'and decide. Do not go on until precheck exits 0.',
    '',
    exitCodes('precheck'),
    '',
    '## Step 2: execute (planned → drain_ready)',
    shellBlock(commandLine(plan, 'execute')),
    `Runs precheck again, creates ${formatCount(totals.topicsToCreate)} topics on the target (topology_copy), copies ` +
      `${formatBytes(totals.bytesEstimated)} through ${code(plan.locations.segments)} (seed, about ${formatSeconds(seed)} at ` +
      `${plan.assumptions.seedBytesPerSecond / 1_000_000} MB/s), then keeps copying new records (tail) until every partition lags ` +
      `at most ${formatCount(settings.cutover.drainMaxPartitionLag)} records for ${formatSeconds(settings.cutover.drainStableWindowMs / 1000)}. ` +
      'It returns at drain_ready and keeps nothing running: producers and consumers stay on the source.',
    '',
    journalNote,
    '',
    `**Watch:** the journal lines ${code('topology_copy -> seed')}, ${code('seed -> tail')}, ${code('tail -> drain_ready')}; ` +
      'in another terminal, `status` (step 3). Exit 1 means the run stopped: read the last journal entry and the log, fix the ' +
      'cause and continue with `resume` (below); it picks up every partition where it stopped. Do not add ' +
      `${code('--force-restart')}: it re-runs the seed and accepts duplicate records on the target.`,
    '',
    exitCodes('execute'),
    '',
    '## Step 3: status (any time)',
    shellBlock(commandLine(plan, 'status')),
    `Prints the state, per-partition lag and notes. Before cutover you want state ${code('drain_ready')} and lag at or under ` +
      `${formatCount(settings.cutover.drainMaxPartitionLag)} on every one of the ${formatCount(totals.partitions)} partitions.`,
    '',
    exitCodes('status'),
    '',
    '## If a run stops: resume',
    shellBlock(commandLine(plan, 'resume')),
    'Continues from the last journal entry. Exit 10 is not an error: the migration is waiting for you; stderr names ' +
      `the ${code('next_command')} (for example cutover at drain_ready, or cutover-ack while awaiting the client switch).`,
    '',
    exitCodes('resume'),
    '',
    '## Step 4: cutover (the point of no return)',
    shellBlock(commandLine(plan, 'cutover')),
    `> **Point of no return.** Up to and including drain_ready, ${code('rollback')} is available and the source stays the ` +
      'system of record. Cutover commits translated consumer offsets on the target; from the moment it starts (state ' +
      `${code('cutover')}) rollback is refused and ${code('resume')} only finishes the remaining steps. Start it only when ` +
      'status shows drain_ready, the people who switch clients are ready, and the producer freeze is arranged.',
    '',
    'What happens, in order: producers are frozen ' +
      (settings.cutover.producerFreeze === 'webhook'
        ? '(the configured producer-freeze webhook is called)'
        : '(you are asked at the terminal to stop every producer and confirm)') +
      `, for at most ${formatSeconds(freezeSeconds)}; a sentinel record is written to every source partition; the last ` +
      'records are copied; consumer group offsets are read from the source, translated through the offset map and committed ' +
      'on the target (only into groups with no members there); the target log-start offsets are checked; the journal records ' +
      `${code('READY_FOR_CLIENT_SWITCH')}.`,
    '',
    `**Watch:** the ${code('READY_FOR_CLIENT_SWITCH')} line: expect ${code(`groups_translated=${totals.groups}`)} and ` +
      `${code(`offsets_committed=${totals.committedOffsets}`)} (fewer if groups committed less since the plan) and ` +
      `${code('warnings=0')}. Exit 1: cutover failed and producers were unfrozen automatically; run status: if the state is ` +
      'still before cutover, fix the cause and run cutover again (or roll back); otherwise run resume.',
    '',
    exitCodes('cutover'),
    '',
    '## Step 5: switch clients (people, not the tool)',
    `Point every producer and consumer at the target (${plan.clusters.target.bootstrapServers.length > 0 ? code(plan.clusters.target.bootstrapServers.join(',')) : 'its bootstrap servers'}, ` +
      `authentication ${code(plan.clusters.target.authMode)}). Consumers resume from the translated offsets: exactly where ` +
      'they stopped on the source, nothing re-read and nothing skipped. Keep the source producers stopped.',
    '',
    '## Step 6: cutover-ack',
    shellBlock(commandLine(plan, 'cutover-ack')),
    'Records that clients have switched (awaiting_client_switch → validating).',
    '',
    exitCodes('cutover-ack'),
    '',
    '## Step 7: finalize',
    shellBlock(commandLine(plan, 'finalize')),
    'Runs the five checks (partition counts, record counts and offsets within ' +
      `${formatCount(settings.validation.countTolerance)} record, ${formatCount(settings.validation.spotCheckRecordsPerPartition)} ` +
      'spot-checked records per partition byte for byte, cutover sentinels present, consumer offsets committed), then signs ' +
      `the evidence bundle and uploads it to ${code(plan.locations.evidence)}.`,
    '',
    `**Watch:** ${code(`partitions_checked=${totals.partitions}`)} with zero mismatches. The outcome is PASSED, WARNING ` +
      '(e.g. empty partitions had nothing to sample) or FAILED. Exit 1: read the validation report, repair, run finalize again.',
    '',
    exitCodes('finalize'),
    '',
    '## Rollback (only before cutover)',
    shellBlock(commandLine(plan, 'rollback')),
    `Available in the states ${ROLLBACK_STATES.map(code).join(', ')}; refused from ${code('cutover')} on. It unfreezes ` +
      'producers if they are frozen, marks the migration rolled_back in the journal and uploads a rollback report to the ' +
      'evidence bucket. It deletes nothing on the target: remove the topics topology copy created there by hand if you do ' +
      'not try again.',
    '',
    exitCodes('rollback'),
  ];
}
