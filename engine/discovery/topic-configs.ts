/** A topic's settings worth carrying: everything not left at Kafka's default or at the broker's static file. */
import type { ConfigEntry } from '../inventory/types.js';
import { sortConfigs } from './order.js';

const INHERITED = new Set<ConfigEntry['source']>(['DEFAULT_CONFIG', 'STATIC_BROKER_CONFIG']);

export function nonDefaultConfigs(entries: readonly ConfigEntry[]): ConfigEntry[] {
  return sortConfigs(
    entries
      .filter((entry) => !INHERITED.has(entry.source))
      // The broker never returns sensitive values; make sure none is ever carried along either.
      .map((entry) => (entry.sensitive ? { ...entry, value: null } : entry)),
  );
}
