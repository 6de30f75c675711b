import type { CommandHandler } from './context.js';
import { notBuilt } from './not-built.js';

/** Subcommand name -> handler. A name missing here is not built yet. */
const HANDLERS: Readonly<Record<string, CommandHandler>> = {};

export function handlerFor(name: string): CommandHandler {
  return HANDLERS[name] ?? notBuilt;
}
