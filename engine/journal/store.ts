/** Where a journal lives: one entry per file or object, named by seq, beside a head record and the lease. */
import type { JournalHead, RawEntry } from './hash-chain.js';
import type { LeaseBackend } from './lease-record.js';

export interface JournalStore {
  readonly kind: 'local' | 's3';
  readonly migrationId: string;
  /** The journal's folder or `s3://bucket/prefix/<id>/journal/`, for messages. */
  readonly location: string;
  /** Local files can be left half-written by a crash; S3 objects cannot. */
  readonly tornWritesPossible: boolean;
  /** Path or `s3://` URL of entry `seq`. */
  where(seq: number): string;
  readonly headWhere: string;
  /** True when entry 1 exists. */
  exists(): Promise<boolean>;
  /** Every entry file or object, in seq order (not yet verified). */
  readEntries(): Promise<RawEntry[]>;
  /** Writes entry `seq` unless it exists; false when another writer created it first. */
  createEntry(seq: number, text: string): Promise<boolean>;
  /** The head record's text, or undefined when there is none yet. */
  readHead(): Promise<string | undefined>;
  writeHead(head: JournalHead): Promise<void>;
  readonly lease: LeaseBackend;
  /** Frees clients the store created. */
  close(): void;
}

/** `00000007.json` */
export function entryFileName(seq: number): string {
  return `${String(seq).padStart(8, '0')}.json`;
}

const ENTRY_NAME = /^(\d{8,})\.json$/;

/** The seq a file or object name stands for, or undefined for any other name (temp files, the head). */
export function seqOfName(name: string): number | undefined {
  const match = ENTRY_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

export const HEAD_FILE = 'head.json';
export const LEASE_FILE = 'lease.json';
export const JOURNAL_FOLDER = 'journal';
