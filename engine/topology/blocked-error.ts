/** Topology copy refused to write anything: the blockers, as structured findings, ride on the error. */
import { MigrationError } from '../errors.js';
import type { Finding } from '../precheck/finding.js';

const SHOWN = 10;

export class TopologyBlockedError extends MigrationError {
  readonly blockers: Finding[];

  constructor(blockers: Finding[]) {
    const lines = blockers.slice(0, SHOWN).map((blocker) => `  ${blocker.code} ${blocker.subject}: ${blocker.detail}`);
    if (blockers.length > SHOWN) lines.push(`  ... and ${blockers.length - SHOWN} more`);
    super({
      code: 'PRECHECK_BLOCKED',
      message: `topology copy blocked, nothing was written to the target (${blockers.length} blocker${blockers.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
      hint: blockers[0]?.remedy,
      exitCode: 1,
    });
    this.name = 'TopologyBlockedError';
    this.blockers = blockers;
  }
}
