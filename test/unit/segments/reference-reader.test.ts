/**
 * docs/segment-format.md is enough to read a segment elsewhere: reference-reader.py, a Python reader written from the
 * document with the standard library only, reads what the TypeScript encoder writes (gzip, many blocks, every field)
 * to the same records, and refuses a damaged copy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SegmentRecord } from '../../../engine/segments/index.js';
import { REPO_ROOT } from '../../testbed/paths.js';
import { oneSegment, sampleRecord } from './fixtures.js';

const READER = join(REPO_ROOT, 'test', 'unit', 'segments', 'reference-reader.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'kb-segment-py-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function asJson(record: SegmentRecord): unknown {
  const hex = (value: Uint8Array | null): string | null => (value === null ? null : Buffer.from(value).toString('hex'));
  return {
    offset: Number(record.offset),
    timestamp: Number(record.timestamp),
    timestampType: record.timestampType,
    key: hex(record.key),
    value: hex(record.value),
    headers: record.headers.map((h) => ({ key: h.key, value: hex(h.value) })),
    ...(record.batch === undefined
      ? {}
      : { batch: { ...record.batch, baseOffset: Number(record.batch.baseOffset), producerId: Number(record.batch.producerId) } }),
  };
}

describe.skipIf(!hasPython)('reference reader (Python, from the document)', () => {
  it('reads what the encoder writes, record for record', async () => {
    const batch = { baseOffset: 0n, lastOffsetDelta: 9, producerId: 31n, producerEpoch: 2, baseSequence: 5, transactional: true, compression: 'lz4' as const };
    const records: SegmentRecord[] = Array.from({ length: 400 }, (_, i) =>
      sampleRecord(BigInt(i * 3), {
        key: i % 5 === 0 ? null : i % 7 === 0 ? Buffer.alloc(0) : Buffer.from(`k${i}`),
        value: i % 11 === 0 ? null : Buffer.from(`value ${i} ${'z'.repeat(i % 50)}`),
        timestampType: i % 4 === 0 ? 'LogAppendTime' : 'CreateTime',
        headers: i % 3 === 0 ? [] : [{ key: 'a', value: null }, { key: 'ключ', value: Buffer.alloc(0) }, { key: 'a', value: Buffer.from([i % 256]) }],
        ...(i % 10 < 7 ? { batch: { ...batch, baseOffset: BigInt(Math.floor(i / 10) * 30) } } : {}),
      }),
    );
    const segment = await oneSegment(records, { blockBytes: 4096 });
    expect(segment.header.blockCount).toBeGreaterThan(3);
    const file = join(dir, 'a.seg');
    writeFileSync(file, segment.bytes);
    const read = JSON.parse(execFileSync('python3', [READER, file], { encoding: 'utf8' })) as { records: unknown[]; firstOffset: number; lastOffset: number; codec: string; migrationId: string };
    expect(read).toMatchObject({ firstOffset: 0, lastOffset: 399 * 3, codec: 'gzip', migrationId: segment.header.migrationId });
    expect(read.records).toEqual(records.map(asJson));
  });

  it('refuses a copy with one flipped bit', async () => {
    const segment = await oneSegment([sampleRecord(1n), sampleRecord(2n)]);
    const damaged = Buffer.from(segment.bytes);
    damaged[damaged.length - 90] = (damaged[damaged.length - 90] as number) ^ 1;
    const file = join(dir, 'b.seg');
    writeFileSync(file, damaged);
    const run = spawnSync('python3', [READER, file], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/damaged: block at byte \d+/);
  });
});
