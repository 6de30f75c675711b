import path from 'node:path';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';
import { discover } from '../../engine/discovery/index.js';
import type { DiscoveryEvent } from '../../engine/discovery/index.js';
import type { Inventory } from '../../engine/inventory/types.js';
import type { CommandContext } from './context.js';

/** The config named by --config, resolved against the working directory. */
export async function configFrom(context: CommandContext): Promise<MigrationConfig> {
  return loadConfig(path.resolve(context.io.cwd, String(context.flags['config'])), context.io.env);
}

/** Plain progress lines for discovery on stderr (results stay on stdout). */
export function discoveryProgressLine(event: DiscoveryEvent): string | undefined {
  switch (event.type) {
    case 'discovery.started':
      return `discovery: ${event.role}: connecting`;
    case 'discovery.warning':
      return `discovery: ${event.role}: warning ${event.code}: ${event.message}`;
    case 'discovery.finished':
      return event.reachable
        ? `discovery: ${event.role}: ${event.topics} topics, ${event.partitions} partitions, ${event.groups} groups (${(event.durationMs / 1000).toFixed(1)} s)`
        : `discovery: ${event.role}: unreachable: ${event.error?.message ?? 'no answer'}`;
    case 'discovery.step':
      return undefined;
  }
}

export async function discoverFor(context: CommandContext, config: MigrationConfig): Promise<Inventory> {
  return discover(config, {
    env: context.io.env,
    onProgress: (event) => {
      const line = discoveryProgressLine(event);
      if (line !== undefined) context.io.stderr.write(`${line}\n`);
    },
  });
}
