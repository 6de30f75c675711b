import { rehearseCutover, runCutover } from '../../engine/orchestrator/index.js';
import { startCutoverFrontEnd } from '../ui/cutover-front-end.js';
import type { CommandHandler } from './context.js';
import { rehearsalText } from './cutover-rehearsal-text.js';
import { cutoverSession, reportCutover } from './cutover-run.js';
import { showsDashboard } from './execute-run.js';
import { configFrom } from './shared.js';

/**
 * drain_ready -> cutover -> awaiting_client_switch: exit 0 with the READY_FOR_CLIENT_SWITCH line, 1 on a failure
 * (producers released). `--rehearse` prints what it would do and changes nothing (exit 0, or 1 when it would fail).
 * On a terminal (interactive, no --json) the cutover screen shows the steps, the freeze-window timer and asks the
 * producer-freeze question as an Ink prompt; otherwise plain lines and a readline prompt.
 */
export const cutover: CommandHandler = async (context) => {
  const config = await configFrom(context);
  const session = cutoverSession(context, config);
  try {
    if (context.flags['rehearse'] === true) {
      const rehearsal = await rehearseCutover(session.options);
      context.io.stdout.write(context.json ? `${JSON.stringify(rehearsal, null, 2)}\n` : rehearsalText(rehearsal));
      return rehearsal.problems.length === 0 ? 0 : 1;
    }
    if (!showsDashboard(context)) return reportCutover(context, await runCutover(session.options));
    const screen = startCutoverFrontEnd(context.io, { migrationId: String(context.flags['migration-id']), maxFreezeMs: config.cutover.maxProducerFreezeMs });
    const outcome = await runCutover({ ...session.options, confirm: screen.confirm, onEvent: screen.onEvent }).finally(() => screen.stop());
    return reportCutover(context, outcome);
  } finally {
    session.close();
  }
};
