import type { CliIO } from '../io.js';
import type { SubcommandSpec } from '../cli-spec.js';

export interface CommandContext {
  name: string;
  spec: SubcommandSpec;
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  io: CliIO;
  json: boolean;
  interactive: boolean;
}

/** A command is thin: flags in, engine call, result out; it returns the process exit code. */
export type CommandHandler = (context: CommandContext) => Promise<number>;
