/**
 * `status` reads the journal while `execute` appends to it. A reader must never mistake an append that lands between
 * its reads for a removed entry: the writer writes an entry before the head naming it, so the reader reads the head first.
 */
import { describe, expect, it } from 'vitest';
import { createJournal, createLocalJournalStore, openJournal, type JournalStore } from '../../../engine/journal/index.js';
import { actorFor, manualClock, SAMPLE_PLAN, SAMPLE_PRECHECK, tempDir, testConfig } from './helpers.js';

const ID = 'mig-20260425-061500-c0de';

describe('reading a journal while another process appends', () => {
  it('an append between the reader looking at entries and at the head is not reported as tampering', async () => {
    const dir = tempDir();
    const config = testConfig();
    const writer = await createJournal({
      migrationId: ID,
      journalDir: dir,
      config,
      command: 'execute',
      toolVersion: '0.1.0',
      plan: SAMPLE_PLAN,
      precheck: SAMPLE_PRECHECK,
      clock: manualClock(),
      heartbeatMs: 0,
      actorFor: actorFor('runner-1', 4242),
    });
    await writer.transition('precheck');
    const inner = createLocalJournalStore({ journalDir: dir, migrationId: ID });
    let appended = 0;
    // Every time the reader has listed the entries, the writer appends one more (entry, then head).
    const racing: JournalStore = {
      ...inner,
      readEntries: async () => {
        const raws = await inner.readEntries();
        await writer.transition(appended++ === 0 ? 'topology_copy' : 'seed');
        return raws;
      },
    };
    const reader = await openJournal({ migrationId: ID, journalDir: dir, config, store: racing });
    expect(reader.state().state).toBe('precheck');
    await reader.refresh();
    expect(reader.state().state).toBe('topology_copy');
    expect(appended).toBe(2);
    await writer.close();
  });
});
