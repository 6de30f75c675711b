import type { CommandHandler } from './context.js';
import { evidenceVerify } from './evidence-verify.js';
import { notBuilt } from './not-built.js';
import { plan } from './plan.js';
import { precheck } from './precheck.js';
import { execute } from './execute.js';
import { resume } from './resume.js';
import { status } from './status.js';
import { rollback } from './rollback.js';
import { wizard } from './wizard.js';
import { finalize } from './finalize.js';
import { cutover } from './cutover.js';
import { cutoverAck } from './cutover-ack.js';

/** Subcommand name -> handler. A name missing here is not built yet. */
const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  plan,
  precheck,
  execute,
  resume,
  status,
  rollback,
  wizard,
  finalize,
  cutover,
  'cutover-ack': cutoverAck,
  'evidence verify': evidenceVerify,
};

export function handlerFor(name: string): CommandHandler {
  return HANDLERS[name] ?? notBuilt;
}
