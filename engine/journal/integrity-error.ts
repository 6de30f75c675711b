/**
 * A journal that cannot be trusted as written: an entry edited, damaged, missing, moved, from another migration,
 * or a final write cut off by a crash. Code STORAGE, exit 1; `seq` and `where` (file path or S3 key) say which entry.
 */
import { MigrationError } from '../errors.js';

export type JournalProblem =
  /** The entry's content does not hash to its `hash`. */
  | 'modified'
  /** The entry is not JSON or not an entry at all (and is not the last one). */
  | 'damaged'
  /** The last entry is cut off: a write interrupted by a crash or a full disk. */
  | 'torn'
  /** An entry number is missing between others, or entries past the recorded head are gone. */
  | 'missing'
  /** The entry's own seq or prevHash says it belongs elsewhere in the chain. */
  | 'out-of-order'
  /** The entry names another migration. */
  | 'foreign'
  /** The entry was written by a newer version of the tool. */
  | 'newer-format';

const DO_NOT_EDIT =
  'The journal is the migration\'s record; a journal that fails its hash chain is not used. Never edit journal files or objects. ' +
  'If you have an untouched copy of the entry (a backup, or an earlier S3 object version: aws s3api list-object-versions), put it back and run the command again; ' +
  'otherwise check the target by hand and start a new migration.';

export class JournalIntegrityError extends MigrationError {
  readonly problem: JournalProblem;
  readonly seq: number;
  readonly where: string;

  constructor(problem: JournalProblem, seq: number, where: string, message: string, hint: string = DO_NOT_EDIT) {
    super({ code: 'STORAGE', message, hint, exitCode: 1 });
    this.name = 'JournalIntegrityError';
    this.problem = problem;
    this.seq = seq;
    this.where = where;
  }
}

export function tornWriteHint(where: string): string {
  return (
    'The last write to the journal was cut off (the process or machine stopped while writing it, or the disk was full). ' +
    'The step it was recording was not taken: the journal is written before acting. ' +
    `Move the file aside (mv '${where}' '${where}.torn') and run the command again; it redoes that step.`
  );
}
