import { MigrationError } from '../../engine/errors.js';
import type { CommandHandler } from './context.js';

/** Subcommands that this version does not implement yet say so plainly and exit 1: no fake success. */
export const notBuilt: CommandHandler = async ({ name }) => {
  throw new MigrationError({
    code: 'NOT_IMPLEMENTED',
    message: `\`kafka-backup migrate msk-kraft ${name}\` is not built yet in this version. Nothing was read or changed.`,
    hint: 'See the README for what this version can do.',
  });
};
