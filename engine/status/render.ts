/** Plain lines for a status snapshot (the `--json` form is the snapshot itself). */
import type { StatusSnapshot } from './snapshot.js';

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function renderStatusLines(status: StatusSnapshot): string {
  const lines = [
    `migration_id: ${status.migrationId}`,
    `state: ${status.state} (since ${status.since}, ${duration(status.timeInStateMs)})`,
  ];
  if (status.failedFrom !== null) lines.push(`failed_in: ${status.failedFrom}: ${status.failureReason ?? ''}`);
  if (status.lease !== null) lines.push(`lease: ${status.lease.holder}, heartbeat ${status.lease.heartbeatAt}${status.lease.expired ? ' (expired)' : ''}`);
  if (status.partitions.length > 0) {
    lines.push(`partitions (lag against ${status.sourceOffsets === 'live' ? 'the live source end' : 'the seed boundary'}):`);
    for (const p of status.partitions) {
      lines.push(`  ${p.topic}-${p.partition}: lag=${p.lag} next_source_offset=${p.nextSourceOffset} source_end=${p.sourceEnd} target_end=${p.targetEnd ?? '-'} records_copied=${p.recordsCopied}`);
    }
  }
  const t = status.totals;
  lines.push(`totals: partitions=${t.partitions} behind=${t.behind} total_lag=${t.totalLag} max_partition_lag=${t.maxLag} records_copied=${t.recordsCopied} bytes_copied=${t.bytesCopied}`);
  lines.push(`eta: ${status.etaSeconds === null ? 'unknown' : duration(status.etaSeconds * 1000)}`);
  for (const note of status.notes) lines.push(`note: ${note}`);
  lines.push(`next: ${status.nextAction}`);
  return `${lines.join('\n')}\n`;
}
