import { readFileSync, renameSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createJournal,
  entryHash,
  GENESIS_HASH,
  JournalIntegrityError,
  openJournal,
  sealEntry,
  verifyChain,
  type JournalEntry,
  type RawEntry,
} from '../../../engine/journal/index.js';
import { actorFor, manualClock, rejection, SAMPLE_PLAN, tempDir, testConfig } from './helpers.js';

const ID = 'mig-20260425-061500-c3d4';

/** A journal of 6 entries on disk: created, then planned -> precheck -> topology_copy -> seed -> tail, then a checkpoint. */
async function journalOnDisk() {
  const dir = tempDir();
  const config = testConfig();
  const journal = await createJournal({
    migrationId: ID,
    journalDir: dir,
    config,
    command: 'execute',
    toolVersion: '0.1.0',
    plan: SAMPLE_PLAN,
    clock: manualClock(),
    heartbeatMs: 0,
    actorFor: actorFor('runner-1', 4242),
  });
  for (const to of ['precheck', 'topology_copy', 'seed', 'tail'] as const) await journal.transition(to);
  await journal.append({ kind: 'checkpoint', name: 'seed.positions', payload: { orders: { '0': '120861' } } });
  await journal.close();
  const file = (seq: number) => join(dir, ID, 'journal', `${String(seq).padStart(8, '0')}.json`);
  const open = () => openJournal({ migrationId: ID, journalDir: dir, config });
  return { dir, config, file, open };
}

async function integrityError(promise: Promise<unknown>): Promise<JournalIntegrityError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(JournalIntegrityError);
  expect(error.code).toBe('STORAGE');
  expect(error.exitCode).toBe(1);
  return error as JournalIntegrityError;
}

describe('hash chain on disk', () => {
  it('reads back an untouched journal', async () => {
    const { open } = await journalOnDisk();
    const journal = await open();
    expect(journal.entries()).toHaveLength(6);
    expect(journal.state().state).toBe('tail');
    await journal.close();
  });

  it('detects an edited entry and names it', async () => {
    const { file, open } = await journalOnDisk();
    const text = readFileSync(file(3), 'utf8');
    writeFileSync(file(3), text.replace('"to": "topology_copy"', '"to": "seed"'));
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'modified', seq: 3, where: file(3) });
    expect(error.message).toBe(`journal entry 3 (${file(3)}) was modified or damaged: hash mismatch`);
    expect(error.hint).toContain('Never edit journal files');
  });

  it('detects an edit that also recomputed the hash: the next entry no longer follows', async () => {
    const { file, open } = await journalOnDisk();
    const entry = JSON.parse(readFileSync(file(3), 'utf8')) as JournalEntry & { detail?: string };
    const forged = { ...entry, detail: 'forged' };
    writeFileSync(file(3), `${JSON.stringify({ ...forged, hash: entryHash(forged) }, null, 2)}\n`);
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'out-of-order', seq: 4, where: file(4) });
    expect(error.message).toContain(`journal entry 4 (${file(4)}) does not follow entry 3`);
  });

  it('detects a removed entry in the middle', async () => {
    const { file, open } = await journalOnDisk();
    unlinkSync(file(2));
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'missing', seq: 2, where: file(2) });
    expect(error.message).toBe(`journal entry 2 (${file(2)}) is missing: the journal of ${ID} has entry 1 and then entry 3; an entry was removed`);
  });

  it('detects a removed last entry through the head', async () => {
    const { file, open } = await journalOnDisk();
    unlinkSync(file(6));
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'missing', seq: 6, where: file(6) });
    expect(error.message).toContain(`ends at entry 5, but its head`);
  });

  it('detects reordered entries (files swapped)', async () => {
    const { file, open } = await journalOnDisk();
    renameSync(file(3), `${file(3)}.x`);
    renameSync(file(4), file(3));
    renameSync(`${file(3)}.x`, file(4));
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'out-of-order', seq: 3, where: file(3) });
    expect(error.message).toBe(`journal entry 3 (${file(3)}) holds entry 4: entries were renamed or reordered`);
  });

  it('reports a torn last write with what to do', async () => {
    const { file, open } = await journalOnDisk();
    const size = readFileSync(file(6)).length;
    truncateSync(file(6), Math.floor(size / 2));
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'torn', seq: 6, where: file(6) });
    expect(error.message).toMatch(new RegExp(`^journal entry 6 \\(${file(6).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\), the last one, was only partly written: it is not valid JSON`));
    expect(error.hint).toContain(`mv '${file(6)}' '${file(6)}.torn'`);
    expect(error.hint).toContain('was not taken');
  });

  it('reports an empty last file (crash right after create) as torn', async () => {
    const { file, open } = await journalOnDisk();
    writeFileSync(file(7), '');
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'torn', seq: 7 });
    expect(error.message).toContain('was only partly written: it is empty');
  });

  it('reports a cut-off entry that is not the last as damage, not a torn write', async () => {
    const { file, open } = await journalOnDisk();
    truncateSync(file(2), 40);
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'damaged', seq: 2 });
    expect(error.message).toMatch(/^journal entry 2 \(.+\) was modified or damaged: it is not valid JSON/);
  });

  it('detects an entry copied from another migration', async () => {
    const { file, open } = await journalOnDisk();
    const entry = JSON.parse(readFileSync(file(2), 'utf8')) as JournalEntry;
    const moved = { ...entry, migrationId: 'mig-other' };
    writeFileSync(file(2), `${JSON.stringify({ ...moved, hash: entryHash(moved) })}\n`);
    const error = await integrityError(open());
    expect(error).toMatchObject({ problem: 'foreign', seq: 2 });
  });

  it('detects a damaged head', async () => {
    const { dir, open } = await journalOnDisk();
    writeFileSync(join(dir, ID, 'journal', 'head.json'), 'garbage');
    const error = await integrityError(open());
    expect(error.message).toContain('journal head');
  });
});

describe('verifyChain (pure)', () => {
  const options = { migrationId: 'm1', location: 'mem', tornWritesPossible: false, where: (seq: number) => `mem/${seq}` };
  function chain(): RawEntry[] {
    const created = sealEntry(
      {
        kind: 'migration.created',
        formatVersion: 1,
        toolVersion: '0.1.0',
        configDigest: 'd',
        config: {},
        plan: null,
        precheck: null,
        createdBy: { user: 'u', host: 'h', pid: 1, command: 'execute' },
      },
      { seq: 1, at: '2026-04-25T06:15:07.512121Z', migrationId: 'm1', prevHash: GENESIS_HASH },
    );
    const second = sealEntry({ kind: 'state.transition', from: 'planned', to: 'precheck' }, { seq: 2, at: '2026-04-25T06:15:08.000001Z', migrationId: 'm1', prevHash: created.hash });
    return [created, second].map((entry) => ({ seq: entry.seq, where: `mem/${entry.seq}`, text: JSON.stringify(entry) }));
  }

  it('accepts a sealed chain and hashes the canonical form (key order does not matter)', () => {
    const raws = chain();
    expect(verifyChain(raws, options)).toHaveLength(2);
    const reordered = raws.map((raw) => ({ ...raw, text: JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(raw.text) as object).reverse())) }));
    expect(verifyChain(reordered, options)).toHaveLength(2);
  });

  it('does not treat a cut-off S3 object as a torn write', () => {
    const raws = chain();
    const cut = raws.map((raw, index) => (index === 1 ? { ...raw, text: raw.text.slice(0, 30) } : raw));
    expect(() => verifyChain(cut, options)).toThrow(expect.objectContaining({ problem: 'damaged', seq: 2 }) as Error);
  });

  it('refuses an entry 1 that is not migration.created, and an unknown kind', () => {
    const raws = chain();
    expect(() => verifyChain([{ ...raws[1]!, seq: 1 }], options)).toThrow(/holds entry 2/);
    const unknown = { ...(JSON.parse(raws[1]!.text) as object), kind: 'mystery' };
    expect(() => verifyChain([raws[0]!, { ...raws[1]!, text: JSON.stringify(unknown) }], options)).toThrow(/its kind "mystery" is unknown/);
  });
});
