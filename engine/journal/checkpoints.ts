/**
 * Checkpoints are typed records (gh-ost's checkpoint.go): each has a name and a schema, is checked against the
 * schema when written and when read back, and the latest one of a name says where that work stands (for example
 * the seed's per-partition copy positions). Define one with `defineCheckpoint('seed.positions', schema)`.
 */
import { z } from 'zod';
import { POINT_OF_NO_RETURN } from '../state/point-of-no-return.js';
import type { CheckpointEntry } from './entry-types.js';
import { JournalIntegrityError } from './integrity-error.js';
import type { JsonValue } from './json.js';

export interface CheckpointDefinition<T> {
  readonly name: string;
  /** The payload as `T`; throws a readable error when it does not fit the schema. */
  parse(payload: unknown): T;
}

export function defineCheckpoint<S extends z.ZodType>(name: string, schema: S): CheckpointDefinition<z.output<S>> {
  return {
    name,
    parse(payload: unknown): z.output<S> {
      const parsed = schema.safeParse(payload);
      if (parsed.success) return parsed.data;
      throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; '));
    },
  };
}

/** The latest checkpoint named `definition.name`, parsed; a stored payload that no longer fits is reported. */
export function latestCheckpointIn<T>(
  entries: readonly { kind: string }[],
  definition: CheckpointDefinition<T>,
): { readonly value: T; readonly entry: CheckpointEntry } | undefined {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index] as CheckpointEntry;
    if (entry.kind !== 'checkpoint' || entry.name !== definition.name) continue;
    try {
      return { value: definition.parse(entry.payload as JsonValue), entry };
    } catch (error) {
      throw new JournalIntegrityError(
        'damaged',
        entry.seq,
        `entry ${entry.seq}`,
        `journal entry ${entry.seq}, checkpoint ${definition.name}, does not fit its schema: ${(error as Error).message}`,
        'The checkpoint was written by another version of the tool, or edited. Run the migration with the version that started it.',
      );
    }
  }
  return undefined;
}

/** Journaled by the cutover right before it commits the first translated offset on the target. */
export const POINT_OF_NO_RETURN_CHECKPOINT = defineCheckpoint(
  POINT_OF_NO_RETURN.checkpoint,
  z.object({ step: z.literal(POINT_OF_NO_RETURN.step), detail: z.string().optional() }),
);
