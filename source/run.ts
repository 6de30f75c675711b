import { handlerFor } from './commands/index.js';
import { isInteractive, type CliIO } from './io.js';
import { findSubcommand } from './cli-spec.js';
import { parseArgs, type GlobalOptions } from './parse-args.js';
import { reportError } from './report-error.js';
import { MigrationError } from '../engine/errors.js';
import { readVersion } from './version.js';

/** Runs one command line and returns its exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(parsed.text);
      return 0;
    case 'version':
      io.stdout.write(`${readVersion()}\n`);
      return 0;
    case 'usage-error':
      io.stderr.write(`error: ${parsed.message}\n\n${parsed.usage}`);
      return 2;
    case 'no-subcommand': {
      if (!isInteractive(io, parsed.global.nonInteractive)) {
        io.stderr.write(`error: Missing subcommand (the wizard needs a terminal)\n\n${parsed.usage}`);
        return 2;
      }
      return runCommand('wizard', { config: undefined, 'migration-id': undefined, 'journal-dir': undefined }, [], parsed.global, io);
    }
    case 'command':
      return runCommand(parsed.name, parsed.flags, parsed.positionals, parsed.global, io);
  }
}

async function runCommand(name: string, flags: Record<string, string | boolean | undefined>, positionals: string[], global: GlobalOptions, io: CliIO): Promise<number> {
  const spec = findSubcommand(name);
  if (spec === undefined) return reportError(new MigrationError({ code: 'INTERNAL', message: `no subcommand ${name}` }), io, global.json);
  try {
    return await handlerFor(name)({ name, spec, flags, positionals, io, json: global.json, interactive: isInteractive(io, global.nonInteractive) });
  } catch (error) {
    return reportError(error, io, global.json);
  }
}
