/**
 * The wizard's cutover: the `cutover` command's own session and outcome report (source/commands/cutover-run.ts), with
 * the cutover screen instead of plain lines and the producer-freeze question asked by an Ink prompt.
 */
import { runCutover } from '../../engine/orchestrator/index.js';
import type { CommandContext } from '../commands/context.js';
import { cutoverSession, reportCutover } from '../commands/cutover-run.js';
import { configFrom } from '../commands/shared.js';
import { startCutoverFrontEnd } from '../ui/cutover-front-end.js';

export async function wizardCutover(context: CommandContext): Promise<number> {
  const config = await configFrom(context);
  const session = cutoverSession(context, config);
  try {
    const screen = startCutoverFrontEnd(context.io, { migrationId: String(context.flags['migration-id']), maxFreezeMs: config.cutover.maxProducerFreezeMs });
    const outcome = await runCutover({ ...session.options, confirm: screen.confirm, onEvent: screen.onEvent }).finally(() => screen.stop());
    return reportCutover(context, outcome);
  } finally {
    session.close();
  }
}
