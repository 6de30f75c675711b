import { runWizard } from '../wizard/run-wizard.js';
import type { CommandHandler } from './context.js';

/** `wizard` (and no subcommand on a terminal): the guided migration; refuses without a terminal. */
export const wizard: CommandHandler = (context) => runWizard(context);
