/**
 * The hash chain. Each entry's `hash` is sha256 (hex) of the canonical JSON (keys sorted) of the entry without
 * `hash`; each entry's `prevHash` is the `hash` of the one before (64 zeros for entry 1). Changing, removing,
 * inserting or reordering any entry breaks the chain at that entry; `verifyChain` names the first one that does.
 */
import { createHash } from 'node:crypto';
import { MIGRATION_STATES } from '../state/states.js';
import { JOURNAL_ENTRY_KINDS, JOURNAL_FORMAT_VERSION, type EntryHeader, type JournalEntry, type JournalEntryBody } from './entry-types.js';
import { JournalIntegrityError, tornWriteHint } from './integrity-error.js';
import { canonicalJson, type JsonValue } from './json.js';

export const GENESIS_HASH = '0'.repeat(64);

/** sha256 of the canonical JSON of `entry` without its `hash` field. */
export function entryHash(entry: Omit<EntryHeader, 'hash'> & object): string {
  const { hash: _ignored, ...rest } = entry as { hash?: unknown };
  return createHash('sha256').update(canonicalJson(rest as JsonValue)).digest('hex');
}

/** A complete entry: the body with its position, time and hashes. */
export function sealEntry(
  body: JournalEntryBody,
  position: { readonly seq: number; readonly at: string; readonly migrationId: string; readonly prevHash: string },
): JournalEntry {
  const unsealed = { ...body, seq: position.seq, at: position.at, migrationId: position.migrationId, prevHash: position.prevHash };
  return { ...unsealed, hash: entryHash(unsealed) } as JournalEntry;
}

/** How an entry is stored: one file or object per entry, named by its seq. */
export function entryText(entry: JournalEntry): string {
  return `${JSON.stringify(entry, null, 2)}\n`;
}

/** An entry as read from storage, before it is trusted. */
export interface RawEntry {
  /** The seq its file or object name says. */
  readonly seq: number;
  /** Its path or `s3://bucket/key`, for messages. */
  readonly where: string;
  readonly text: string;
}

export interface VerifyOptions {
  readonly migrationId: string;
  /** Where the journal lives, for messages. */
  readonly location: string;
  /** True for local files: a cut-off final entry is reported as a torn write rather than damage. */
  readonly tornWritesPossible: boolean;
  /** Where entry `seq` would be (for a missing one). */
  readonly where: (seq: number) => string;
}

/** Parses and verifies every entry in order; throws `JournalIntegrityError` at the first one that fails. */
export function verifyChain(raws: readonly RawEntry[], options: VerifyOptions): JournalEntry[] {
  const sorted = [...raws].sort((a, b) => a.seq - b.seq);
  const entries: JournalEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (const [index, raw] of sorted.entries()) {
    const expectedSeq = index + 1;
    if (raw.seq !== expectedSeq) {
      const missing = options.where(expectedSeq);
      throw new JournalIntegrityError(
        'missing',
        expectedSeq,
        missing,
        `journal entry ${expectedSeq} (${missing}) is missing: the journal of ${options.migrationId} has ${expectedSeq === 1 ? 'no entry 1' : expectedSeq === 2 ? 'entry 1' : `entries 1-${expectedSeq - 1}`} and then entry ${raw.seq}; an entry was removed`,
      );
    }
    const isLast = index === sorted.length - 1;
    const entry = parseEntry(raw, isLast, options);
    if (entry.seq !== raw.seq) {
      throw new JournalIntegrityError(
        'out-of-order',
        raw.seq,
        raw.where,
        `journal entry ${raw.seq} (${raw.where}) holds entry ${entry.seq}: entries were renamed or reordered`,
      );
    }
    if (entry.migrationId !== options.migrationId) {
      throw new JournalIntegrityError(
        'foreign',
        raw.seq,
        raw.where,
        `journal entry ${raw.seq} (${raw.where}) belongs to migration ${entry.migrationId}, not ${options.migrationId}: it was copied from another journal`,
      );
    }
    if (entryHash(entry) !== entry.hash) {
      throw new JournalIntegrityError('modified', raw.seq, raw.where, `journal entry ${raw.seq} (${raw.where}) was modified or damaged: hash mismatch`);
    }
    if (entry.prevHash !== prevHash) {
      throw new JournalIntegrityError(
        'out-of-order',
        raw.seq,
        raw.where,
        `journal entry ${raw.seq} (${raw.where}) does not follow entry ${raw.seq - 1}: its prevHash does not match (entries were removed, reordered or replaced)`,
      );
    }
    if ((entry.kind === 'migration.created') !== (raw.seq === 1)) {
      throw new JournalIntegrityError(
        'out-of-order',
        raw.seq,
        raw.where,
        raw.seq === 1
          ? `journal entry 1 (${raw.where}) is a ${entry.kind} entry, not migration.created`
          : `journal entry ${raw.seq} (${raw.where}) is a second migration.created entry`,
      );
    }
    if (entry.kind === 'migration.created' && entry.formatVersion > JOURNAL_FORMAT_VERSION) {
      throw new JournalIntegrityError(
        'newer-format',
        raw.seq,
        raw.where,
        `the journal of ${options.migrationId} was written in format ${entry.formatVersion} by kafka-backup ${entry.toolVersion}; this version reads format ${JOURNAL_FORMAT_VERSION}`,
        `Run this migration with kafka-backup ${entry.toolVersion} or later.`,
      );
    }
    prevHash = entry.hash;
    entries.push(entry);
  }
  return entries;
}

function parseEntry(raw: RawEntry, isLast: boolean, options: VerifyOptions): JournalEntry {
  let value: unknown;
  let failure: string | undefined;
  try {
    value = JSON.parse(raw.text);
  } catch (error) {
    failure = raw.text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(error as Error).message})`;
  }
  if (failure === undefined) failure = shapeProblem(value);
  if (failure === undefined) return value as JournalEntry;
  if (isLast && options.tornWritesPossible && !looksComplete(raw.text)) {
    throw new JournalIntegrityError(
      'torn',
      raw.seq,
      raw.where,
      `journal entry ${raw.seq} (${raw.where}), the last one, was only partly written: ${failure}`,
      tornWriteHint(raw.where),
    );
  }
  throw new JournalIntegrityError('damaged', raw.seq, raw.where, `journal entry ${raw.seq} (${raw.where}) was modified or damaged: ${failure}`);
}

/** A complete entry file ends with `}` and a newline; a cut-off one does not. */
function looksComplete(text: string): boolean {
  return /\}\s*$/.test(text) && text.endsWith('\n');
}

const HEX64 = /^[0-9a-f]{64}$/;

function shapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'it is not a JSON object';
  const entry = value as Record<string, unknown>;
  if (typeof entry.seq !== 'number' || !Number.isInteger(entry.seq) || entry.seq < 1) return 'it has no valid seq';
  if (typeof entry.at !== 'string') return 'it has no time (at)';
  if (typeof entry.migrationId !== 'string') return 'it has no migrationId';
  if (typeof entry.hash !== 'string' || !HEX64.test(entry.hash)) return 'it has no valid hash';
  if (typeof entry.prevHash !== 'string' || !HEX64.test(entry.prevHash)) return 'it has no valid prevHash';
  if (typeof entry.kind !== 'string' || !(JOURNAL_ENTRY_KINDS as readonly string[]).includes(entry.kind)) return `its kind ${JSON.stringify(entry.kind)} is unknown`;
  if (entry.kind === 'state.transition') {
    const states = MIGRATION_STATES as readonly string[];
    if (!states.includes(String(entry.from)) || !states.includes(String(entry.to))) return 'its states are unknown';
  }
  return undefined;
}

/** The head: the last entry a writer recorded, so that entries removed from the end are noticed too. */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

export function parseHead(text: string): JournalHead | undefined {
  try {
    const value = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    if (typeof value.seq === 'number' && Number.isInteger(value.seq) && value.seq >= 1 && typeof value.hash === 'string' && HEX64.test(value.hash)) {
      return { seq: value.seq, hash: value.hash };
    }
  } catch {
    // fall through
  }
  return undefined;
}

export function headText(head: JournalHead): string {
  return `${JSON.stringify({ seq: head.seq, hash: head.hash })}\n`;
}

/**
 * Checks the entries against the recorded head. The head may lag (a crash between writing an entry and the head),
 * but it must never be ahead of the entries, and its hash must match the entry it names.
 */
export function verifyHead(entries: readonly JournalEntry[], headText: string | undefined, options: VerifyOptions & { readonly headWhere: string }): void {
  if (headText === undefined) return;
  const head = parseHead(headText);
  if (head === undefined) {
    throw new JournalIntegrityError(
      'damaged',
      entries.length,
      options.headWhere,
      `the journal head ${options.headWhere} was modified or damaged: it is not a head record (${JSON.stringify(headText.slice(0, 80))})`,
    );
  }
  const last = entries.length;
  if (head.seq > last) {
    const missing = options.where(last + 1);
    throw new JournalIntegrityError(
      'missing',
      last + 1,
      missing,
      `journal entry ${last + 1} (${missing}) is missing: the journal of ${options.migrationId} ends at entry ${last}, but its head (${options.headWhere}) records entry ${head.seq}; entries were removed from the end`,
    );
  }
  const named = entries[head.seq - 1];
  if (named !== undefined && named.hash !== head.hash) {
    throw new JournalIntegrityError(
      'modified',
      head.seq,
      options.where(head.seq),
      `journal entry ${head.seq} (${options.where(head.seq)}) was replaced: its hash differs from the one the head (${options.headWhere}) recorded`,
    );
  }
}
