/**
 * The worked example in docs/segment-format.md is what the encoder writes, byte for byte, and what the decoder reads:
 * the document a reader in another language is written from cannot drift from the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32c, decodeSegment, encodeSegment, SegmentWriter } from '../../../engine/segments/index.js';
import { REPO_ROOT } from '../../testbed/paths.js';

function exampleBytes(): Buffer {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'segment-format.md'), 'utf8');
  const start = doc.indexOf('<!-- example-hex');
  expect(start, 'docs/segment-format.md has an example-hex block').toBeGreaterThan(0);
  const block = doc.slice(doc.indexOf('```', start) + 3, doc.indexOf('```', doc.indexOf('```', start) + 3));
  const out: number[] = [];
  for (const line of block.split('\n')) {
    const match = /^\s*(\d+)\s+((?:[0-9a-f]{2}(?: |$))+)/.exec(line);
    if (match === null) continue;
    expect(Number(match[1]), `row offset in: ${line}`).toBe(out.length);
    out.push(...(match[2] as string).trim().split(' ').map((pair) => parseInt(pair, 16)));
  }
  return Buffer.from(out);
}

describe('docs/segment-format.md example', () => {
  it('is exactly what the encoder writes for the record it describes, and decodes back to it', async () => {
    const writer = new SegmentWriter({ topic: 't', partition: 0, migrationId: 'm' });
    writer.add({ offset: 5n, timestamp: 1000n, timestampType: 'CreateTime', key: null, value: Buffer.from('hi'), headers: [{ key: 'h', value: null }] });
    const segment = await encodeSegment(writer.flush()!, { createdAtMs: 0, codec: 'none' });
    const documented = exampleBytes();
    expect(documented.length).toBe(220);
    expect(segment.bytes.toString('hex')).toBe(documented.toString('hex'));
    const decoded = await decodeSegment(documented, 'docs example');
    expect(decoded.records).toEqual([{ offset: 5n, timestamp: 1000n, timestampType: 'CreateTime', key: null, value: Buffer.from('hi'), headers: [{ key: 'h', value: null }] }]);
  });

  it('states the CRC32C check value the code computes', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'segment-format.md'), 'utf8');
    expect(doc).toContain('`123456789` give `0xE3069283`');
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
  });
});
