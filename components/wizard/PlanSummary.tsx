import path from 'node:path';
import { Box, Text } from 'ink';
import type { MigrationPlan } from '../../engine/plan/index.js';
import { formatBytes, formatCount, formatDuration } from '../../source/ui/format.js';
import { tint } from '../../source/ui/palette.js';

export interface PlanSummaryProps {
  readonly plan: MigrationPlan;
  readonly costUsd: number;
  /** The six files, as written. */
  readonly files: readonly string[];
  /** Paths are shown relative to this folder. */
  readonly cwd: string;
  readonly color: boolean;
}

/** What the plan moves (topics, partitions, bytes, groups), how long and what it costs, and where the files went. */
export function PlanSummary({ plan, costUsd, files, cwd, color }: PlanSummaryProps) {
  const t = plan.totals;
  const rows: Array<[string, string]> = [
    ['migration id', plan.migrationId],
    ['topics', `${formatCount(t.topics)} (${formatCount(t.topicsToCreate)} to create on the target)`],
    ['partitions', formatCount(t.partitions)],
    ['data', `${formatBytes(t.bytesEstimated)}, ${formatCount(t.recordsToCopy)} records`],
    ['consumer groups', `${formatCount(t.groups)} (${formatCount(t.committedOffsets)} committed offsets)`],
    ['ACLs to create', formatCount(t.aclsToCreate)],
    ['time to drain_ready', `about ${formatDuration(t.estimatedSecondsToDrainReady * 1000)}`],
    ['estimated cost', `$${costUsd.toFixed(2)} (S3 and transfer; cost-estimate.json has the lines)`],
  ];
  return (
    <Box flexDirection="column">
      {rows.map(([name, value]) => (
        <Text key={name} wrap="truncate-end">
          <Text color={tint(color, 'muted')} dimColor={!color}>{name.padEnd(20)}</Text>
          {value}
        </Text>
      ))}
      <Text bold>{`\n${files.length} files written:`}</Text>
      {files.map((file) => (
        <Text key={file} wrap="truncate-end">{`  ${path.relative(cwd, file) || file}`}</Text>
      ))}
    </Box>
  );
}
