/**
 * One migration's journal: the single source of truth for where it stands. Reading verifies the whole hash chain;
 * writing needs the lease, checks every state transition against the state machine, keeps secrets out, writes the
 * entry exclusively at the next seq (so a second writer fails instead of forking the history) and emits
 * `journal.appended`. Open one with `openJournal`, start one with `createJournal` (open.ts).
 */
import { MigrationError } from '../errors.js';
import { assertCommandAllowed, assertTransition, nextCommandFor, type MigrationCommand } from '../state/machine.js';
import { POINT_OF_NO_RETURN } from '../state/point-of-no-return.js';
import type { MigrationState } from '../state/states.js';
import type { JournalClock } from './clock.js';
import { latestCheckpointIn, POINT_OF_NO_RETURN_CHECKPOINT, type CheckpointDefinition } from './checkpoints.js';
import type {
  Actor,
  CheckpointEntry,
  FindingReportedBody,
  JournalEntry,
  JournalEntryBody,
  JournalEntryDraft,
  KnownOperatorAction,
  MigrationCreatedEntry,
  OperatorActionEntry,
  StateTransitionEntry,
} from './entry-types.js';
import { TypedEmitter, type JournalEvent, type JournalEventOf, type JournalEventType } from './events.js';
import { foldState, type JournalStateInfo } from './fold-state.js';
import { formatTransitionLine } from './format.js';
import { entryText, sealEntry, verifyChain, verifyHead } from './hash-chain.js';
import { acquireLease, type LeaseHolder } from './lease.js';
import type { LeaseRecord, StoredLease } from './lease-record.js';
import { scrubSecretValues, toJsonValue } from './json.js';
import type { JournalStore } from './store.js';

export interface JournalParts {
  readonly store: JournalStore;
  readonly entries: JournalEntry[];
  readonly clock: JournalClock;
  /** Secret values of the config in use; scrubbed from anything written (a second line of defence). */
  readonly secrets: readonly string[];
  readonly actorFor: (command: string) => Actor;
  readonly leaseTtlMs?: number | undefined;
  readonly heartbeatMs?: number | undefined;
}

export interface TransitionOptions {
  /** Printed after the arrow in the journal line. */
  readonly detail?: string | undefined;
  readonly reason?: string | undefined;
  /** For seed/tail -> seed: the operator passed --force-restart. */
  readonly forceRestart?: boolean | undefined;
}

export class Journal {
  readonly migrationId: string;
  /** Where the journal lives: a folder, or `s3://bucket/prefix/<id>/journal/`. */
  readonly location: string;
  readonly events = new TypedEmitter<JournalEvent>();

  private list: JournalEntry[];
  private holder: LeaseHolder | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly parts: JournalParts) {
    this.migrationId = parts.store.migrationId;
    this.location = parts.store.location;
    this.list = [...parts.entries];
  }

  /** Subscribes to one event type (`journal.appended`, `lease.lost`, ...); returns the unsubscribe function. */
  on<T extends JournalEventType>(type: T, listener: (event: JournalEventOf<T>) => void): () => void {
    return this.events.on(type, listener);
  }

  get storeKind(): 'local' | 's3' {
    return this.parts.store.kind;
  }

  /** Every entry, verified, in seq order. */
  entries(): readonly JournalEntry[] {
    return this.list;
  }

  lastEntry(): JournalEntry {
    const last = this.list[this.list.length - 1];
    if (last === undefined) throw new MigrationError({ code: 'INTERNAL', message: `the journal of ${this.migrationId} has no entries` });
    return last;
  }

  /** Entry 1: the plan, the redacted config and its digest, the precheck report, the tool version. */
  created(): MigrationCreatedEntry {
    const first = this.list[0];
    if (first?.kind !== 'migration.created') throw new MigrationError({ code: 'INTERNAL', message: `the journal of ${this.migrationId} has no migration.created entry` });
    return first;
  }

  /** The current state, since when, and (in failed) where it failed. */
  state(): JournalStateInfo {
    return foldState(this.list);
  }

  transitions(): StateTransitionEntry[] {
    return this.list.filter((entry): entry is StateTransitionEntry => entry.kind === 'state.transition');
  }

  /** The transitions as journal lines: `<at> <from> -> <to> [detail]`. */
  transitionLines(): string[] {
    return this.transitions().map(formatTransitionLine);
  }

  /** Throws the STATE error that says why `command` cannot run now and what can. */
  assertCommandAllowed(command: MigrationCommand, options: { readonly forceRestart?: boolean } = {}): void {
    const info = this.state();
    assertCommandAllowed(command, info.state, { ...info.context, forceRestart: options.forceRestart });
  }

  /** The operator's next command, or null while a process works or when the migration is over. */
  nextCommand(): MigrationCommand | null {
    const info = this.state();
    return nextCommandFor(info.state, info.context);
  }

  latestCheckpoint<T>(definition: CheckpointDefinition<T>): { readonly value: T; readonly entry: CheckpointEntry } | undefined {
    return latestCheckpointIn(this.list, definition);
  }

  /** Re-reads and re-verifies the journal (another process may have appended). */
  async refresh(): Promise<void> {
    const { store } = this.parts;
    const verify = { migrationId: this.migrationId, location: store.location, tornWritesPossible: store.tornWritesPossible, where: store.where };
    // The head before the entries, as in openJournal: safe against an append happening in between.
    const head = await store.readHead();
    const entries = verifyChain(await store.readEntries(), verify);
    verifyHead(entries, head, { ...verify, headWhere: store.headWhere });
    this.list = entries;
  }

  // ---- the lease -------------------------------------------------------------------------------------------

  /**
   * Takes the lease for `command` (or throws the STATE error naming the process that holds it), re-reads the
   * journal so that this process sees everything the previous holder wrote, and journals `lease.acquired`.
   */
  async acquireLease(command: MigrationCommand | (string & {})): Promise<LeaseRecord> {
    if (this.holder !== undefined && this.holder.lost === undefined && !this.holder.isReleased) return this.holder.record;
    this.holder = await acquireLease(this.parts.store.lease, {
      migrationId: this.migrationId,
      actor: this.parts.actorFor(command),
      clock: this.parts.clock,
      ttlMs: this.parts.leaseTtlMs,
      heartbeatMs: this.parts.heartbeatMs,
      emit: (event) => this.events.emit(event),
    });
    const record = this.holder.record;
    if (this.list.length > 0) {
      try {
        await this.refresh();
        await this.append({
          kind: 'lease.acquired',
          holder: record.holder,
          ...(record.takenOverFrom === undefined
            ? {}
            : { takenOverFrom: { holder: record.takenOverFrom.holder, heartbeatAt: record.takenOverFrom.heartbeatAt, expiresAt: record.takenOverFrom.expiresAt } }),
        });
      } catch (error) {
        await this.release();
        throw error;
      }
    }
    return record;
  }

  /** The lease this process holds, if any. */
  heldLease(): LeaseRecord | undefined {
    return this.holder !== undefined && this.holder.lost === undefined && !this.holder.isReleased ? this.holder.record : undefined;
  }

  /** Who holds the lease right now, as stored (for `status`); undefined when nobody does. */
  async currentLease(): Promise<StoredLease['record'] | undefined> {
    return (await this.parts.store.lease.read())?.record;
  }

  /** Gives the lease back (never throws). */
  async release(): Promise<void> {
    const holder = this.holder;
    this.holder = undefined;
    if (holder !== undefined) await holder.release();
  }

  /** Releases the lease and frees the storage client. */
  async close(): Promise<void> {
    await this.release();
    this.parts.store.close();
  }

  // ---- writing ---------------------------------------------------------------------------------------------

  /** Appends one entry (needs the lease). Appends from one process are written one after the other. */
  append(draft: JournalEntryDraft): Promise<JournalEntry> {
    return this.enqueue(() => draft);
  }

  /** Runs appends one at a time; the draft is made when its turn comes (a transition reads the state then). */
  private enqueue(makeDraft: () => JournalEntryBody): Promise<JournalEntry> {
    const run = this.queue.then(() => this.appendNow(makeDraft()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Moves the migration to `to` (checked against the state machine) and journals it. */
  async transition(to: MigrationState, options: TransitionOptions = {}): Promise<StateTransitionEntry> {
    return (await this.enqueue(() => ({
      kind: 'state.transition',
      from: this.state().state,
      to,
      ...(options.detail === undefined ? {} : { detail: options.detail }),
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.forceRestart === true ? { forceRestart: true } : {}),
    }))) as StateTransitionEntry;
  }

  /** Journals an operator action by this process's user, host, pid and command. */
  async recordAction(action: KnownOperatorAction | (string & {}), detail?: string): Promise<OperatorActionEntry> {
    const actor = this.requireLease().record.holder;
    return (await this.append({ kind: 'operator.action', action, actor, ...(detail === undefined ? {} : { detail }) })) as OperatorActionEntry;
  }

  async reportFinding(finding: FindingReportedBody['finding']): Promise<JournalEntry> {
    return this.append({ kind: 'finding.reported', finding });
  }

  /** Journals a typed checkpoint; the value must fit the checkpoint's schema. */
  async checkpoint<T>(definition: CheckpointDefinition<T>, value: T): Promise<CheckpointEntry> {
    let payload: T;
    try {
      payload = definition.parse(value);
    } catch (error) {
      throw new MigrationError({ code: 'INTERNAL', message: `checkpoint ${definition.name} does not fit its schema: ${(error as Error).message}` });
    }
    return (await this.append({ kind: 'checkpoint', name: definition.name, payload: toJsonValue(payload, `checkpoint ${definition.name}`) })) as CheckpointEntry;
  }

  /**
   * Journals that the cutover is about to commit translated offsets on the target: the point of no return. Call it
   * right before the first commit; from then on rollback is refused and resume finishes the cutover. Only in state
   * cutover; a second call returns the entry already written.
   */
  async markPointOfNoReturn(detail?: string): Promise<CheckpointEntry> {
    const existing = this.latestCheckpoint(POINT_OF_NO_RETURN_CHECKPOINT);
    if (existing !== undefined) return existing.entry;
    const { state } = this.state();
    if (state !== POINT_OF_NO_RETURN.state) {
      throw new MigrationError({ code: 'STATE', message: `the point of no return is crossed during cutover, but migration ${this.migrationId} is in state ${state}` });
    }
    return this.checkpoint(POINT_OF_NO_RETURN_CHECKPOINT, { step: POINT_OF_NO_RETURN.step, ...(detail === undefined ? {} : { detail }) });
  }

  /** @internal Writes entry 1 of a new journal (createJournal). */
  async writeFirstEntry(body: Extract<JournalEntryBody, { kind: 'migration.created' }>): Promise<JournalEntry> {
    if (this.list.length > 0) throw new MigrationError({ code: 'INTERNAL', message: `the journal of ${this.migrationId} already has entries` });
    return this.appendNow(body);
  }

  private requireLease(): LeaseHolder {
    const holder = this.holder;
    if (holder === undefined || holder.isReleased) {
      throw new MigrationError({ code: 'INTERNAL', message: `writing to the journal of ${this.migrationId} needs the lease: call acquireLease first` });
    }
    return holder;
  }

  private async appendNow(draft: JournalEntryBody): Promise<JournalEntry> {
    await this.requireLease().ensureValid();
    if (draft.kind === 'state.transition') this.checkTransition(draft);
    const body = scrubSecretValues(toJsonValue(draft, `a ${draft.kind} entry`), this.parts.secrets) as unknown as JournalEntryBody;
    const last = this.list[this.list.length - 1];
    const entry = sealEntry(body, {
      seq: (last?.seq ?? 0) + 1,
      at: this.parts.clock.isoMicros(),
      migrationId: this.migrationId,
      prevHash: last?.hash ?? '0'.repeat(64),
    });
    const { store } = this.parts;
    if (!(await store.createEntry(entry.seq, entryText(entry)))) throw this.concurrentWriter(entry.seq);
    this.list.push(entry);
    try {
      await store.writeHead({ seq: entry.seq, hash: entry.hash });
    } catch (error) {
      this.events.emit({ type: 'journal.head_write_failed', seq: entry.seq, error: error instanceof Error ? error.message : String(error) });
    }
    this.events.emit({ type: 'journal.appended', entry });
    return entry;
  }

  private checkTransition(draft: Extract<JournalEntryDraft, { kind: 'state.transition' }>): void {
    const info = this.state();
    if (draft.from !== info.state) {
      throw new MigrationError({
        code: 'STATE',
        message: `migration ${this.migrationId} is in state ${info.state} (since ${info.since}), not ${draft.from}: it cannot move from ${draft.from} to ${draft.to}`,
        hint: 'Another process may have moved it on; run `status`.',
      });
    }
    assertTransition(draft.from, draft.to, { ...info.context, forceRestart: draft.forceRestart });
  }

  private concurrentWriter(seq: number): MigrationError {
    return new MigrationError({
      code: 'STATE',
      message:
        `journal entry ${seq} of migration ${this.migrationId} (${this.parts.store.where(seq)}) was written by another process first: ` +
        'two processes are writing this migration. This one stops; the step it was about to record was not taken.',
      hint: 'Run `status` to see which process holds the lease; run only one command per migration at a time.',
      retriable: false,
    });
  }
}
