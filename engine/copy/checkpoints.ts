/**
 * The copy's typed journal checkpoints. `seed.boundary`: the source offsets the seed copies up to, recorded when the
 * seed begins (per generation: `--force-restart` starts a new one). `copy.positions`: every partition's copy position
 * and offset map, written every few seconds while copying and when a phase completes.
 */
import { z } from 'zod';
import { defineCheckpoint } from '../journal/index.js';

const offset = z.number().int().nonnegative();

export const SEED_BOUNDARY = defineCheckpoint(
  'seed.boundary',
  z.object({
    generation: z.number().int().positive(),
    partitions: z.array(z.object({ topic: z.string(), partition: z.number().int().nonnegative(), logStart: offset, end: offset })),
  }),
);
export type SeedBoundary = ReturnType<typeof SEED_BOUNDARY.parse>;

export const COPY_POSITIONS = defineCheckpoint(
  'copy.positions',
  z.object({
    generation: z.number().int().positive(),
    phase: z.enum(['seed', 'tail']),
    /** True when written because the phase finished (the seed reached its boundary, or the tail drained). */
    complete: z.boolean(),
    partitions: z.array(
      z.object({
        topic: z.string(),
        partition: z.number().int().nonnegative(),
        nextSourceOffset: offset,
        targetEnd: offset.nullable(),
        runs: z.array(z.tuple([offset, offset, z.number().int().positive()])),
        records: offset,
        bytes: offset,
        tailRecords: offset,
        tailBytes: offset,
      }),
    ),
  }),
);
export type CopyPositionsCheckpoint = ReturnType<typeof COPY_POSITIONS.parse>;
