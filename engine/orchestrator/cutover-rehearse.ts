/**
 * `cutover --rehearse`: the cutover's steps 1-6 computed from the journal's copy positions and read-only reads of the
 * clusters (the source's end offsets and group offsets, the target's groups and log starts). Nothing is frozen,
 * published, committed or journaled; the journal is not even leased. Records not copied yet (the lag at the last
 * checkpoint, plus the sentinel) are assumed to follow contiguously, so translated offsets past the journaled
 * positions are marked as estimates.
 */
import { COPY_POSITIONS } from '../copy/checkpoints.js';
import type { OffsetRun } from '../copy/offset-map.js';
import { partitionKey, type PartitionPosition } from '../copy/positions.js';
import type { CutoverGroup, CutoverSentinel, OffsetFloorViolation } from '../cutover/checkpoints.js';
import { describeBusyGroup, isIdleGroup } from '../cutover/cluster-ports.js';
import { displayUrl } from '../cutover/freeze-webhook.js';
import { offsetCount, offsetFloorViolations, sentinelTargets, translateGroups } from '../cutover/translate.js';
import { isMigrationError } from '../errors.js';
import { openJournal } from '../journal/index.js';
import type { MigrationPlan } from '../plan/index.js';
import type { MigrationState } from '../state/index.js';
import { snapshotGroups } from './cutover-groups.js';
import type { CutoverStepName } from './events.js';
import type { CutoverOptions } from './cutover.js';
import { chooseFreezeMethod } from '../cutover/freeze-method.js';

export interface RehearsalStep {
  readonly step: CutoverStepName;
  /** What the cutover would do in this step, with the numbers. */
  readonly action: string;
}

export interface CutoverRehearsal {
  readonly migrationId: string;
  readonly state: MigrationState;
  /** The copy positions the rehearsal starts from (the journal's last checkpoint). */
  readonly positionsAt: string | null;
  readonly freeze: { readonly method: 'webhook' | 'prompt' | 'refused'; readonly where: string };
  readonly maxProducerFreezeMs: number;
  readonly steps: RehearsalStep[];
  readonly sentinels: CutoverSentinel[];
  readonly groups: CutoverGroup[];
  readonly groupsWithoutOffsets: string[];
  /** Partitions whose translated offsets are estimates (records still to copy at the last checkpoint). */
  readonly estimated: string[];
  readonly offsetFloorViolations: OffsetFloorViolation[];
  readonly warnings: string[];
  /** What would stop the cutover now (it would fail at that step). */
  readonly problems: string[];
}

/** Positions extended by the records still to copy (`sourceEnd - next`) plus the sentinel, as one contiguous run. */
function projected(position: PartitionPosition, sourceEnd: number): PartitionPosition {
  const sentinelNext = sourceEnd + 1;
  const missing = sentinelNext - position.nextSourceOffset;
  if (missing <= 0) return position;
  const targetNext = position.targetEnd ?? 0;
  const runs: OffsetRun[] = [...position.runs, [position.nextSourceOffset, targetNext, missing]];
  return { ...position, runs, nextSourceOffset: sentinelNext, targetEnd: targetNext + missing };
}

export async function rehearseCutover(options: Pick<CutoverOptions, 'migrationId' | 'journalDir' | 'config' | 's3' | 'confirm' | 'clusters'>): Promise<CutoverRehearsal> {
  const journal = await openJournal({ migrationId: options.migrationId, journalDir: options.journalDir, config: options.config, s3: options.s3 });
  try {
    journal.assertCommandAllowed('cutover');
    const plan = journal.created().plan as unknown as MigrationPlan;
    const saved = journal.latestCheckpoint(COPY_POSITIONS);
    const positions = saved?.value.partitions ?? [];
    const problems: string[] = [];
    let freeze: CutoverRehearsal['freeze'];
    try {
      const choice = chooseFreezeMethod(options.config.cutover, options.confirm);
      freeze = choice.method === 'webhook' ? { method: 'webhook', where: displayUrl(choice.url) } : { method: 'prompt', where: 'operator confirmation on this terminal' };
    } catch (error) {
      freeze = { method: 'refused', where: 'none' };
      problems.push(isMigrationError(error) ? error.message : String(error));
    }
    const clusters = options.clusters(plan);
    try {
      const ends = new Map((await clusters.source.offsets(positions)).map((o) => [partitionKey(o), o.end]));
      const final = positions.map((p) => projected(p, ends.get(partitionKey(p)) ?? p.nextSourceOffset));
      const estimated = positions.filter((p) => (ends.get(partitionKey(p)) ?? 0) > p.nextSourceOffset).map((p) => `${p.topic}-${p.partition}`);
      const sentinels = sentinelTargets(final, positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: ends.get(partitionKey(p)) ?? p.nextSourceOffset })));
      const translated = translateGroups(final, await snapshotGroups(clusters, plan));
      const targetGroups = await clusters.target.describeGroups(translated.groups.map((g) => g.groupId));
      for (const busy of targetGroups.filter((g) => !isIdleGroup(g))) problems.push(`consumer group active on the target: ${describeBusyGroup(busy)}`);
      const violations = offsetFloorViolations(positions, await clusters.target.logStarts(positions));
      const offsets = offsetCount(translated.groups);
      const lag = positions.reduce((sum, p) => sum + Math.max(0, (ends.get(partitionKey(p)) ?? 0) - p.nextSourceOffset), 0);
      const steps: RehearsalStep[] = [
        { step: 'tail', action: `copy until every partition is within ${options.config.cutover.drainMaxPartitionLag} record(s) for ${options.config.cutover.drainStableWindowMs / 1000} s (now ${lag} record(s) behind the last checkpoint)` },
        { step: 'freeze', action: freeze.method === 'refused' ? 'refused: no way to freeze producers' : `freeze producers by ${freeze.method} (${freeze.where}); at most ${options.config.cutover.maxProducerFreezeMs / 1000} s until ready` },
        { step: 'sentinels', action: `publish ${sentinels.length} sentinel record(s), one per source partition` },
        { step: 'drain', action: `copy until all ${sentinels.length} sentinel(s) are on the target` },
        { step: 'snapshot', action: `read the committed offsets of ${plan.groups.length} selected group(s) on the source` },
        { step: 'translate', action: `translate ${offsets} offset(s) of ${translated.groups.length} group(s) with the exact offset map` },
        { step: 'check-target-groups', action: `check that the ${translated.groups.length} group(s) have no members on the target` },
        { step: 'commit', action: `commit ${offsets} offset(s) on the target (the point of no return)` },
        { step: 'offset-floor', action: `check ${positions.length} target partition log start(s) against the first copied offset (${violations.length} violation(s) now)` },
      ];
      return {
        migrationId: journal.migrationId,
        state: journal.state().state,
        positionsAt: saved?.entry.at ?? null,
        freeze,
        maxProducerFreezeMs: options.config.cutover.maxProducerFreezeMs,
        steps,
        sentinels,
        groups: translated.groups,
        groupsWithoutOffsets: translated.groupsWithoutOffsets,
        estimated,
        offsetFloorViolations: violations,
        warnings: translated.warnings,
        problems,
      };
    } finally {
      await Promise.allSettled([clusters.source.close(), clusters.target.close()]);
    }
  } finally {
    await journal.close();
  }
}
