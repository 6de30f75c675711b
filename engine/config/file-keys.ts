/** How `MigrationConfig` fields map back to the file's keys and units, for messages such as diff lines. */
import { formatDuration } from './durations.js';
import { formatSize } from './sizes.js';

/** Fields carried in milliseconds whose file key has no `_ms` (`drainTimeoutMs` ← `drain_timeout: 30m`). */
const DURATION_FIELDS = new Set(['drainTimeoutMs', 'drainStableWindowMs', 'maxProducerFreezeMs', 'retentionMs']);
const SIZE_FIELDS = new Set(['segmentMaxBytes']);

/** `drainTimeoutMs` → `drain_timeout`, `s3ForcePathStyle` → `s3_force_path_style`. */
export function fileKeyOf(field: string): string {
  const base = DURATION_FIELDS.has(field) ? field.slice(0, -2) : field;
  return base.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A field's value the way an operator would write it in the file: `30m`, `32MiB`, `kb-backup`, `["*"]`. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'number' && DURATION_FIELDS.has(field)) return formatDuration(value);
  if (typeof value === 'number' && SIZE_FIELDS.has(field)) return formatSize(value);
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}
