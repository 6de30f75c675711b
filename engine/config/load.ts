/** Reads a config file from disk and parses it; a missing or unreadable file is CONFIG_NOT_FOUND. */
import { readFile } from 'node:fs/promises';
import { configNotFound } from './errors.js';
import { parseConfig } from './parse.js';
import type { MigrationConfig } from './types.js';

export async function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Promise<MigrationConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw configNotFound(path, error);
  }
  return parseConfig(text, { env, filePath: path });
}
