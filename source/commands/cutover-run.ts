/**
 * What `cutover` and `resume` (finishing a cutover) share: the engine's options with plain progress lines on stderr
 * (the cutover asks its freeze question on this terminal, so no dashboard), the clusters, and how the outcome is
 * reported: the READY_FOR_CLIENT_SWITCH line on stdout, or the error after saying how producers were released.
 */
import { kafkajsCutoverPorts } from '../../engine/cutover/kafkajs-cluster-ports.js';
import type { MigrationConfig } from '../../engine/config/index.js';
import { formatTransitionLine } from '../../engine/journal/index.js';
import { clusterConnection, defaultPorts, type CutoverOptions, type CutoverOutcome, type CutoverRunEvent } from '../../engine/orchestrator/index.js';
import type { CommandContext } from './context.js';
import { journalDirOf, nextCommandLine, progressLine, s3ClientFor } from './execute-run.js';
import { plainConfirm } from './plain-prompt.js';
import { readVersion } from '../version.js';

/** A plain line for a cutover event, or undefined. The final transition is the result (stdout), not progress. */
export function cutoverProgressLine(event: CutoverRunEvent): string | undefined {
  switch (event.type) {
    case 'cutover.step':
      // The unfreeze event and the READY line (stdout) say the last two steps' outcome.
      if (event.status === 'started' || (event.status === 'done' && (event.step === 'unfreeze' || event.step === 'ready'))) return undefined;
      return `cutover: ${event.step} ${event.status}${event.detail === undefined || event.detail === '' ? '' : `: ${event.detail}`}`;
    case 'cutover.freeze':
      return `cutover: producers frozen at ${event.frozenAt} (${event.method}); ready within ${Math.round(event.maxMs / 1000)} s or the cutover stops`;
    case 'cutover.unfreeze':
      return event.how === 'failed' ? `WARNING: ${event.detail}` : `cutover: ${event.detail}`;
    case 'cutover.sentinels':
      return `cutover: sentinels on the target: ${event.landed}/${event.total}`;
    case 'state.changed':
      return event.entry.to === 'awaiting_client_switch' ? undefined : progressLine(event);
    default:
      return progressLine(event);
  }
}

export interface CutoverSession {
  readonly options: CutoverOptions;
  readonly close: () => void;
}

export function cutoverSession(context: CommandContext, config: MigrationConfig): CutoverSession {
  const controller = new AbortController();
  const onSignal = () => {
    context.io.stderr.write('interrupting: the cutover stops at its next step and releases the producers (press Ctrl-C again to stop at once)\n');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const journalDir = journalDirOf(context);
  const s3 = journalDir === undefined ? s3ClientFor(context, config) : undefined;
  const options: CutoverOptions = {
    config,
    journalDir,
    s3,
    migrationId: String(context.flags['migration-id']),
    ports: defaultPorts(config, { env: context.io.env }),
    toolVersion: readVersion(),
    configPath: String(context.flags['config']),
    signal: controller.signal,
    confirm: context.interactive ? plainConfirm(context.io) : undefined,
    clusters: (plan) =>
      kafkajsCutoverPorts(clusterConnection('source', config, plan, 'kafka-backup-cutover-source'), clusterConnection('target', config, plan, 'kafka-backup-cutover-target')),
    onEvent: (event) => {
      const line = cutoverProgressLine(event);
      if (line !== undefined) context.io.stderr.write(`${line}\n`);
    },
  };
  return {
    options,
    close: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      s3?.destroy();
    },
  };
}

/** Prints the outcome: exit 0 with the READY line, or throws the failure after saying what to run next. */
export function reportCutover(context: CommandContext, outcome: CutoverOutcome): number {
  const { io } = context;
  if (outcome.kind === 'failed') {
    if (outcome.unfreeze === null) io.stderr.write('cutover: producers were not frozen\n');
    const next = outcome.pastPointOfNoReturn ? 'resume' : 'cutover';
    io.stderr.write(`cutover failed in step ${outcome.step}; the migration is in state ${outcome.state}${outcome.pastPointOfNoReturn ? ' past the point of no return' : ''}\n`);
    io.stderr.write(`${nextCommandLine(context, next, outcome.migrationId)}\n`);
    throw outcome.error;
  }
  const line = formatTransitionLine(outcome.transition);
  if (context.json) {
    io.stdout.write(`${JSON.stringify({ migrationId: outcome.migrationId, state: 'awaiting_client_switch', line, report: outcome.report }, null, 2)}\n`);
  } else {
    io.stdout.write(`${line}\n`);
    io.stdout.write(`freeze_window: ${(outcome.report.freezeWindowMs / 1000).toFixed(1)} s (max ${Math.round(outcome.report.maxProducerFreezeMs / 1000)} s)\n`);
    for (const warning of outcome.report.warnings) io.stdout.write(`warning: ${warning}\n`);
  }
  io.stderr.write(`${nextCommandLine(context, 'cutover-ack', outcome.migrationId)}\n`);
  return 0;
}
