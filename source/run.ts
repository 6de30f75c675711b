import { handlerFor } from './commands/index.js';
import { isInteractive, type CliIO } from './io.js';
import { parseArgs } from './parse-args.js';
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
      return reportError(
        new MigrationError({
          code: 'NOT_IMPLEMENTED',
          message: 'The interactive wizard is not built yet in this version. Nothing was read or changed.',
          hint: 'Run a subcommand instead: kafka-backup migrate msk-kraft --help',
        }),
        io,
        parsed.global.json,
      );
    }
    case 'command': {
      const handler = handlerFor(parsed.name);
      try {
        return await handler({
          name: parsed.name,
          spec: parsed.spec,
          flags: parsed.flags,
          positionals: parsed.positionals,
          io,
          json: parsed.global.json,
          interactive: isInteractive(io, parsed.global.nonInteractive),
        });
      } catch (error) {
        return reportError(error, io, parsed.global.json);
      }
    }
  }
}
