/** Migration config files in a folder: every *.yaml / *.yml the engine accepts, and why the others are not. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type MigrationConfig } from '../../engine/config/index.js';

export interface FoundConfig {
  readonly file: string;
  /** `source -> target` for a valid one; the first line of the problem otherwise. */
  readonly summary: string;
  readonly valid: boolean;
}

function describe(config: MigrationConfig): string {
  const where = (cluster: MigrationConfig['source']) => cluster.clusterArn ?? cluster.bootstrapServers.join(',');
  return `${where(config.source)} -> ${where(config.target)}`;
}

export async function findConfigs(dir: string, env: NodeJS.ProcessEnv): Promise<FoundConfig[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return [];
  }
  const found: FoundConfig[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      found.push({ file, summary: describe(await loadConfig(file, env)), valid: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      found.push({ file, summary: message.split('\n').slice(0, 2).join(' ').slice(0, 200), valid: false });
    }
  }
  return found;
}
