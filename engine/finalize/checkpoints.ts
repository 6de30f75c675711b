/**
 * Finalize's typed journal checkpoints. `finalize.check`: one per check per attempt, its result, detail and (at most
 * 50 of) its problems. `finalize.validation`: the attempt's outcome and summary numbers. `finalize.evidence`: where
 * the signed bundle went, written before the transition to finalized.
 */
import { z } from 'zod';
import { defineCheckpoint } from '../journal/index.js';
import { CHECK_NAMES, CHECK_RESULTS } from './types.js';

/** Problems journaled per check; the evidence bundle's validation part holds all of them. */
export const JOURNALED_PROBLEMS = 50;

const problem = z.object({
  severity: z.enum(['warning', 'failure']),
  subject: z.string(),
  message: z.string(),
  topic: z.string().optional(),
  partition: z.number().int().nonnegative().optional(),
  sourceOffset: z.number().int().nonnegative().optional(),
  targetOffset: z.number().int().nonnegative().optional(),
  field: z.string().optional(),
  groupId: z.string().optional(),
});

export const FINALIZE_CHECK = defineCheckpoint(
  'finalize.check',
  z.object({
    attempt: z.number().int().positive(),
    name: z.enum(CHECK_NAMES),
    result: z.enum(CHECK_RESULTS),
    detail: z.string(),
    problems: z.array(problem),
    problemCount: z.number().int().nonnegative(),
  }),
);

const count = z.number().int().nonnegative();
export const FINALIZE_VALIDATION = defineCheckpoint(
  'finalize.validation',
  z.object({
    attempt: z.number().int().positive(),
    outcome: z.enum(CHECK_RESULTS),
    startedAt: z.string(),
    finishedAt: z.string(),
    summary: z.object({
      partitionsChecked: count,
      targetBehindOrMissing: count,
      earliestPartitionsChecked: count,
      earliestMismatches: count,
      latestPartitionsChecked: count,
      latestMismatches: count,
    }),
  }),
);

export const FINALIZE_EVIDENCE = defineCheckpoint(
  'finalize.evidence',
  z.object({
    bundleUri: z.string(),
    publicKeyUri: z.string(),
    bundleSha256: z.string(),
    publicKeyFingerprint: z.string(),
    generatedKey: z.boolean(),
    retention: z.object({ mode: z.string(), retainUntil: z.string() }).nullable(),
    localBundle: z.string().nullable(),
  }),
);
