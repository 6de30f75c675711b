/**
 * What `execute` and `resume` share: the orchestrator's options from the command line, the plain-line renderer of
 * its events (transition lines and lag summaries on stderr, the migration id first on stdout), and the
 * `next_command:` line.
 */
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../engine/aws/s3-client.js';
import { credentialsFromEnv } from '../../engine/aws/credentials.js';
import type { MigrationConfig } from '../../engine/config/index.js';
import { formatTransitionLine } from '../../engine/journal/index.js';
import { defaultPorts, type OrchestratorEvent, type OrchestratorOptions } from '../../engine/orchestrator/index.js';
import { renderPrecheckLines, renderPrecheckSummary } from '../../engine/precheck/index.js';
import type { MigrationCommand } from '../../engine/state/index.js';
import type { TopologyEvent } from '../../engine/topology/index.js';
import type { CommandContext } from './context.js';
import { discoveryProgressLine } from './shared.js';
import { readVersion } from '../version.js';
import { startDashboardFrontEnd, type DashboardFrontEnd } from '../ui/dashboard-front-end.js';

export function journalDirOf(context: CommandContext): string | undefined {
  const dir = context.flags['journal-dir'];
  return typeof dir === 'string' ? path.resolve(context.io.cwd, dir) : undefined;
}

/** An S3 client with the keys from this command's environment (the SDK's default chain when it has none). */
export function s3ClientFor(context: CommandContext, config: MigrationConfig): S3Client {
  const credentials = credentialsFromEnv(context.io.env);
  return createS3Client(config.aws, credentials === undefined ? {} : { credentials });
}

/** What `execute`, `resume` and `cutover` get for a run: its options, how to end the display, how to clean up. */
export interface RunSession {
  readonly options: OrchestratorOptions;
  /**
   * Ends the live display before the result lines are printed: the dashboard unmounts (terminal restored) and
   * `migration_id:` follows on stdout; nothing in plain mode. Call it when the run returns or throws.
   */
  readonly endDisplay: () => Promise<void>;
  /** Frees the S3 client and the signal handlers (and unmounts the dashboard if it is still up). */
  readonly close: () => void;
}

const INTERRUPTING = 'interrupting: checkpointing the copy and releasing the lease (press Ctrl-C again to stop at once)';

/** The live dashboard on a terminal (interactive, no --json); plain lines otherwise. */
export function showsDashboard(context: CommandContext): boolean {
  return context.interactive && !context.json;
}

/**
 * The orchestrator's options for this command line. The first SIGINT/SIGTERM interrupts the run cleanly
 * (checkpoint, lease released); a second one ends the process as usual. Under the dashboard Ink holds stdin in raw
 * mode, so Ctrl-C arrives as a key: the first one interrupts the same way, a second one restores the terminal and
 * ends the process as a second SIGINT would.
 */
export function orchestratorOptions(context: CommandContext, config: MigrationConfig): RunSession {
  const controller = new AbortController();
  let dashboard: DashboardFrontEnd | undefined;
  const interrupt = () => {
    if (dashboard === undefined) context.io.stderr.write(`${INTERRUPTING}\n`);
    else dashboard.notice(INTERRUPTING);
    controller.abort();
  };
  const onSignal = () => interrupt();
  const release = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  if (showsDashboard(context)) {
    dashboard = startDashboardFrontEnd(context.io, {
      onInterrupt: () => {
        if (!controller.signal.aborted) return interrupt();
        release();
        process.kill(process.pid, 'SIGINT'); // Ink's exit hook restores the terminal on the way out
      },
    });
  }
  const journalDir = journalDirOf(context);
  const s3 = journalDir === undefined ? s3ClientFor(context, config) : undefined;
  const render = dashboard?.onEvent ?? eventRenderer(context);
  const options: OrchestratorOptions = {
    config,
    journalDir,
    s3,
    ports: defaultPorts(config, { env: context.io.env, onDiscovery: (event) => render({ type: 'discovery.progress', event }) }),
    onEvent: render,
    toolVersion: readVersion(),
    configPath: String(context.flags['config']),
    signal: controller.signal,
  };
  const endDisplay = async () => {
    await dashboard?.stop();
  };
  return {
    options,
    endDisplay,
    close: () => {
      void endDisplay();
      release();
      s3?.destroy();
    },
  };
}

const bytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);

function topologyLine(event: TopologyEvent): string | undefined {
  switch (event.type) {
    case 'topology.topic.created':
      return `topology: created ${event.topic} (${event.partitions} partitions, replication ${event.replicationFactor}, ${event.configs} configs)`;
    case 'topology.config.set':
      return `topology: ${event.topic}: set ${event.name}=${event.value} (${event.reason})`;
    case 'topology.config.deleted':
      return `topology: ${event.topic}: removed ${event.name} (${event.reason})`;
    case 'topology.config.deferred':
      return `topology: ${event.topic}: ${event.name}=${event.value} deferred until the seed is done`;
    case 'topology.blocked':
      return `topology: blocked, nothing written: ${event.blockers.map((finding) => `${finding.code} ${finding.subject}: ${finding.detail}`).join('; ')}`;
    case 'topology.acl.created':
      return `topology: ACL created: ${event.acl.permissionType} ${event.acl.principal} ${event.acl.operation} ${event.acl.resourceType} ${event.acl.resourceName}`;
    case 'topology.acl.deleted':
      return `topology: ACL deleted: ${event.acl.permissionType} ${event.acl.principal} ${event.acl.operation} ${event.acl.resourceType} ${event.acl.resourceName}`;
    default:
      return undefined;
  }
}

/** A plain progress line for an event on stderr, or undefined. */
export function progressLine(event: OrchestratorEvent): string | undefined {
  switch (event.type) {
    case 'state.changed':
      return formatTransitionLine(event.entry);
    case 'discovery.progress':
      return discoveryProgressLine(event.event);
    case 'precheck.evaluated':
      return event.report.passed ? renderPrecheckSummary(event.report) : renderPrecheckLines(event.report).trimEnd();
    case 'topology.progress':
      return topologyLine(event.event);
    case 'topology.applied':
      return `topology: ${event.created.length} topic(s) created by this migration${event.created.length > 0 ? ` (${event.created.join(', ')})` : ''}, ${event.present.length} already on the target`;
    case 'seed.boundary':
      return `seed: ${event.fresh ? 'boundary recorded' : 'continuing'} (generation ${event.generation}): ${event.partitions} partition(s), ${event.records} record offsets up to the boundary`;
    case 'copy.progress': {
      const within = event.withinLimitForMs === null ? '' : ` within_limit_for=${Math.round(event.withinLimitForMs / 1000)}s`;
      return `${event.phase}: copied ${event.copied.records} records (${bytes(event.copied.bytes)}); lag total=${event.lag.totalLag} max_partition_lag=${event.lag.maxLag} behind=${event.lag.behind}/${event.lag.partitions}${within}`;
    }
    case 'warning':
      return `warning: ${event.message}`;
    case 'migration.started':
      return event.resumed ? `resuming migration ${event.migrationId} in state ${event.state} (journal: ${event.journal})` : undefined;
    case 'phase.started':
    case 'copy.checkpointed':
    case 'migration.failed':
      return undefined;
  }
}

/** Renders events: the migration id first on stdout (so a crashed run can be resumed), progress on stderr. */
export function eventRenderer(context: CommandContext): (event: OrchestratorEvent) => void {
  const { io } = context;
  let announced = false;
  return (event) => {
    if (event.type === 'migration.started' && !announced) {
      announced = true;
      io.stdout.write(context.json ? `${JSON.stringify({ migration_id: event.migrationId })}\n` : `migration_id: ${event.migrationId}\n`);
    }
    const line = progressLine(event);
    if (line !== undefined) io.stderr.write(`${line}\n`);
  };
}

/** `next_command: kafka-backup migrate msk-kraft <cmd> --config <same path> --migration-id <id>[ --journal-dir <dir>]` */
export function nextCommandLine(context: CommandContext, command: MigrationCommand, migrationId: string): string {
  const dir = context.flags['journal-dir'];
  const journal = typeof dir === 'string' ? ` --journal-dir ${dir}` : '';
  return `next_command: kafka-backup migrate msk-kraft ${command} --config ${String(context.flags['config'])} --migration-id ${migrationId}${journal}`;
}
