/**
 * Retention racing the seed (W02): the seed reads each partition from its log start; a record that is close to its
 * retention when the seed starts can be deleted before the seed reaches it (the reference product's users saw the log
 * start advance under a long copy). Fires when the estimated seed duration is a notable share of a topic's retention.
 */
import { finding } from '../codes.js';
import { sourceTopics, type Rule } from '../context.js';
import { formatApproxBytes, formatApproxDuration } from '../format.js';
import { SEED_THROUGHPUT_BYTES_PER_SECOND } from '../seed-estimate.js';
import { sourceRecordAgeBound } from './timestamps.js';

/**
 * W02 fires when the seed is estimated to take at least this share of a topic's retention.ms: records in the oldest
 * share of the retained window may be deleted before they are copied.
 */
export const RETENTION_RISK_FRACTION = 0.1;

export const retentionRule: Rule = (context) => {
  const seedMs = context.seed.durationMs;
  if (seedMs <= 0) return [];
  const unknown = context.seed.topicsWithUnknownSize.length;
  const basis = `${formatApproxBytes(context.seed.knownBytes)} at ${SEED_THROUGHPUT_BYTES_PER_SECOND / 1_000_000} MB/s${unknown > 0 ? `, not counting ${unknown} topic(s) of unknown size` : ''}`;
  return sourceTopics(context).flatMap((topic) => {
    const bound = sourceRecordAgeBound(context, topic);
    if (bound.kind !== 'bounded' || seedMs < bound.retentionMs * RETENTION_RISK_FRACTION) return [];
    const suggested = bound.retentionMs + 2 * seedMs;
    return [
      finding(
        'W02',
        topic.name,
        `source topic ${topic.name} keeps records for ${formatApproxDuration(bound.retentionMs)} (retention.ms=${bound.retentionMs}) and the seed is estimated at ${formatApproxDuration(seedMs)} (${basis}): records within ${formatApproxDuration(seedMs)} of expiry when the seed starts may be deleted before they are copied`,
        `raise retention.ms on source topic ${topic.name} to at least ${suggested} (${formatApproxDuration(suggested)}) for the migration and restore it after finalize, or migrate this topic in a separate, smaller run`,
      ),
    ];
  });
};

export const retentionRules: readonly Rule[] = [retentionRule];
