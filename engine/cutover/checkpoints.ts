/**
 * The cutover's typed journal checkpoints (docs/cutover.md). `finalize` and the evidence bundle read them.
 *
 * - `cutover.freeze`: producers were frozen (how, when, with what budget). Written right after the freeze answered.
 * - `cutover.sentinels`: the sentinels one attempt published on the source (each attempt that got this far adds one
 *   record per partition: finalize counts them all).
 * - `cutover.translation`: the sentinels' offsets and every selected group's translated offsets, written before the
 *   point of no return, so a cutover finished by `resume` re-commits exactly the same offsets.
 * - `cutover.report`: the outcome, written once the cutover is ready for the client switch.
 * - `cutover.ack`: the operator acknowledged the client switch (`cutover-ack`).
 */
import { z } from 'zod';
import { defineCheckpoint } from '../journal/index.js';

const offset = z.number().int().nonnegative();
const iso = z.iso.datetime();

export const FREEZE_METHODS = ['webhook', 'prompt'] as const;
export type FreezeMethod = (typeof FREEZE_METHODS)[number];

const sentinelSchema = z.object({ topic: z.string(), partition: offset, sourceOffset: offset, targetOffset: offset });
const groupOffsetSchema = z.object({ topic: z.string(), partition: offset, sourceOffset: offset, targetOffset: offset });
const groupSchema = z.object({ groupId: z.string(), offsets: z.array(groupOffsetSchema) });
const floorViolationSchema = z.object({ topic: z.string(), partition: offset, targetLogStart: offset, firstCopiedTargetOffset: offset });

/** When and how producers were frozen, and the budget they were frozen under. */
const freezeFields = {
  frozenAt: iso,
  freezeMethod: z.enum(FREEZE_METHODS),
  maxProducerFreezeMs: z.number().int().nonnegative(),
};

export const CUTOVER_FREEZE = defineCheckpoint(
  'cutover.freeze',
  z.object({
    ...freezeFields,
    /** The webhook delivery that froze them (absent for the prompt). */
    deliveryId: z.string().optional(),
  }),
);
export type CutoverFreeze = ReturnType<typeof CUTOVER_FREEZE.parse>;

export const CUTOVER_SENTINELS = defineCheckpoint(
  'cutover.sentinels',
  z.object({ frozenAt: iso, sentinels: z.array(z.object({ topic: z.string(), partition: offset, sourceOffset: offset })) }),
);
export type CutoverSentinels = ReturnType<typeof CUTOVER_SENTINELS.parse>;

export const CUTOVER_TRANSLATION = defineCheckpoint(
  'cutover.translation',
  z.object({
    ...freezeFields,
    sentinels: z.array(sentinelSchema),
    groups: z.array(groupSchema),
    groupsWithoutOffsets: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
);
export type CutoverTranslation = ReturnType<typeof CUTOVER_TRANSLATION.parse>;

export const CUTOVER_REPORT = defineCheckpoint(
  'cutover.report',
  z.object({
    frozenAt: iso,
    readyAt: iso,
    /** Milliseconds from the freeze to READY_FOR_CLIENT_SWITCH (what producers waited). */
    freezeWindowMs: z.number().int().nonnegative(),
    maxProducerFreezeMs: z.number().int().nonnegative(),
    freezeMethod: z.enum(FREEZE_METHODS),
    sentinels: z.array(sentinelSchema),
    groups: z.array(groupSchema),
    groupsTranslated: z.number().int().nonnegative(),
    offsetsCommitted: z.number().int().nonnegative(),
    offsetFloorViolations: z.array(floorViolationSchema),
    warnings: z.array(z.string()),
    /** Selected groups that had no committed offset on a migrated partition (nothing to commit). */
    groupsWithoutOffsets: z.array(z.string()).optional(),
    /** How producers were released after the cutover: by the webhook, by the operator (told), or failed (warning). */
    unfrozen: z.enum(['webhook', 'operator', 'failed']).optional(),
    /** True when the report was completed by a later run (resume or cutover) after the point of no return. */
    completedAfterRestart: z.boolean().optional(),
  }),
);
export type CutoverReport = ReturnType<typeof CUTOVER_REPORT.parse>;
export type CutoverSentinel = CutoverReport['sentinels'][number];
export type CutoverGroup = CutoverReport['groups'][number];
export type OffsetFloorViolation = CutoverReport['offsetFloorViolations'][number];

export const CUTOVER_ACK = defineCheckpoint(
  'cutover.ack',
  z.object({ by: z.string().min(1), host: z.string().min(1), at: iso }),
);
export type CutoverAck = ReturnType<typeof CUTOVER_ACK.parse>;
